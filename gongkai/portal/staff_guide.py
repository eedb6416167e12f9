"""政府信息公开指南 for staff (/staff/guide/): the office edits its 受理机构 contact details and fee note
through core.services.disclosure_guide_save (audited). 县公开办 may look but not save (403); an agency
the user may not read is 404. Invalid input re-renders with Chinese messages and HTTP 400."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.errors import UserError
from gongkai.core.guide_models import DisclosureGuide
from gongkai.core.models import Agency
from gongkai.core.permissions import can_read, can_write, visible_agencies
from gongkai.core.responses import forbidden
from gongkai.core.services import GUIDE_FIELDS, disclosure_guide_save

NOT_FOUND = "机关不存在或您无权查看。"


class GuideForm(forms.ModelForm):
    class Meta:
        model = DisclosureGuide
        fields = list(GUIDE_FIELDS)
        widgets = {
            "fees": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "email": {"invalid": "“电子邮箱”格式不正确，如 gongkai@example.gov.cn。"},
            **{
                name: {"max_length": "太长了，最多 %(limit_value)d 个字。"} for name in GUIDE_FIELDS
            },
        }


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


def _render(request, agency, form, *, error="", problems=(), status=200):
    agencies = visible_agencies(request.user).order_by("path")
    return render(
        request,
        "portal/staff_guide.html",
        {
            "agency": agency,
            "form": form,
            "error": error,
            "problems": problems,
            "writable": can_write(request.user, agency),
            "agencies": agencies if agencies.count() > 1 else None,
        },
        status=status,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def guide_edit(request):
    source = request.POST if request.method == "POST" else request.GET
    agency = _agency(request.user, source.get("agency"))
    saved = DisclosureGuide.objects.filter(agency=agency).first()
    if request.method == "GET":
        return _render(request, agency, GuideForm(instance=saved))
    if not can_write(request.user, agency):
        return forbidden(request, "您的角色为只读，可查看，不能修改政府信息公开指南。")
    form = GuideForm(request.POST, instance=DisclosureGuide(agency=agency))
    if not form.is_valid():
        return _render(request, agency, form, error="未保存：请修改标出的项目。", status=400)
    try:
        disclosure_guide_save(
            actor=request.user, agency=agency, **{k: form.cleaned_data[k] for k in GUIDE_FIELDS}
        )
    except UserError as exc:
        return _render(
            request, agency, form, error=f"未保存：{exc.message}", problems=exc.problems, status=400
        )
    messages.success(request, f"已保存{agency.name}政府信息公开指南。")
    return redirect(f"{reverse('portal:staff_guide')}?agency={agency.pk}")
