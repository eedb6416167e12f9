"""行政执法和收费统计 (/reports/staff/enforcement/): the Table 2 第（五）（六）（八）项 figures an office
gets from other systems — decisions on 行政许可, 行政处罚, 行政强制 and 行政事业性收费 in 万元 — one form per
(agency, year), saved through services.enforcement_set (audited).

Scope: an agency the user may not read is 404, like a missing one; 县公开办 may look but not save (403).
Invalid input re-renders the form with Chinese messages and HTTP 400; nothing is written.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.permissions import can_read, can_write, visible_agencies
from gongkai.core.responses import forbidden

from . import services
from .models import EnforcementStats
from .staff_views import FIRST_YEAR

NOT_FOUND = "机关不存在或您无权查看。"
FIELDS = ("licensing", "penalty", "coercion", "fees_10k_yuan")


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=2_147_483_647,
        help_text="本年处理决定数量（件），没有填 0。",
        error_messages={
            "required": "必填，没有请填 0。",
            "invalid": "请填写整数（件数）。",
            "min_value": "不能为负数。",
            "max_value": "数字过大。",
        },
        widget=forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"}),
    )


class EnforcementForm(forms.Form):
    licensing = _count("行政许可")
    penalty = _count("行政处罚")
    coercion = _count("行政强制")
    fees_10k_yuan = forms.DecimalField(
        label="行政事业性收费（万元）",
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=4,
        help_text="本年收费金额，单位万元，最多 4 位小数（如 1.2345 万元即 12345 元）；没有填 0。",
        error_messages={
            "required": "必填，没有请填 0。",
            "invalid": "请填写数字（单位：万元）。",
            "min_value": "不能为负数。",
            "max_decimal_places": "最多 4 位小数（单位：万元）。",
            "max_digits": "数字过大。",
            "max_whole_digits": "数字过大。",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _year(value, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise Http404("年度无效。") from None
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("年度无效。")
    return year


def _agency(user, value) -> Agency:
    if value in (None, ""):
        agency = user.agency if user.agency_id else visible_agencies(user).order_by("path").first()
    else:
        try:
            agency = Agency.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            agency = None
    if agency is None or not can_read(user, agency):
        raise Http404(NOT_FOUND)
    return agency


def _render(request, agency, year, form, *, error="", status=200):
    agencies = visible_agencies(request.user).order_by("path")
    return render(
        request,
        "annual_reports/staff/enforcement.html",
        {
            "agency": agency,
            "year": year,
            "form": form,
            "error": error,
            "writable": can_write(request.user, agency),
            "agencies": agencies if agencies.count() > 1 else None,
            "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
            "rows": EnforcementStats.objects.filter(agency=agency).order_by("-year"),
            "nav": "report",
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enforcement(request):
    source = request.POST if request.method == "POST" else request.GET
    agency = _agency(request.user, source.get("agency"))
    year = _year(source.get("year"), timezone.localdate().year - 1)
    if request.method == "GET":
        stats = EnforcementStats.objects.filter(agency=agency, year=year).first()
        initial = {k: getattr(stats, k) for k in FIELDS} if stats else dict.fromkeys(FIELDS, 0)
        if stats:
            initial["fees_10k_yuan"] = _plain(stats.fees_10k_yuan)
        return _render(request, agency, year, EnforcementForm(initial=initial))
    if not can_write(request.user, agency):
        return forbidden(request, "您的角色为只读，可查看，不能修改行政执法和收费统计。")
    form = EnforcementForm(request.POST)
    if not form.is_valid():
        return _render(request, agency, year, form, error="未保存：请修改标出的项目。", status=400)
    before = EnforcementStats.objects.filter(agency=agency, year=year).first()
    before = {k: getattr(before, k) for k in FIELDS} if before else None
    try:
        stats = services.enforcement_set(
            actor=request.user,
            agency=agency,
            year=year,
            licensing=form.cleaned_data["licensing"],
            penalty=form.cleaned_data["penalty"],
            coercion=form.cleaned_data["coercion"],
            fees_10k_yuan=form.cleaned_data["fees_10k_yuan"],
        )
    except UserError as exc:
        return _render(request, agency, year, form, error=f"未保存：{exc.message}", status=400)
    if before == {k: getattr(stats, k) for k in FIELDS}:
        messages.info(request, f"{agency.name} {year} 年行政执法和收费统计没有变化。")
    else:
        messages.success(request, f"已保存 {agency.name} {year} 年行政执法和收费统计。")
    return redirect(f"{reverse('annual_reports:staff_enforcement')}?agency={agency.pk}&year={year}")


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
