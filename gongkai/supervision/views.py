"""Staff pages of the 县公开办: the county dashboard, the assessment with its weights, the
drill-down to the records, exports and 督办. Every page reads through `selectors` (scoped)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import NotFoundOrForbidden, UserError

from . import charts, export, figures, records, selectors, services
from .dashboard import dashboard
from .forms import ReminderForm, WeightsForm
from .models import DEFAULT_WEIGHTS
from .periods import Period
from .scores import INDICATORS, assess, assessment_table, weights_for
from .transparency import transparency_index

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTHS = [f"{m}月" for m in range(1, 13)]


def _period(request) -> Period:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
        quarter = request.GET.get("quarter")
        return Period(year, int(quarter) if quarter else None)
    except ValueError:
        raise UserError("年度或季度不是数字。") from None


def _scope(request):
    agencies = selectors.agencies_for_user(request.user)
    if not agencies:
        raise Http404(selectors.NOT_FOUND)
    return agencies[0].county(), agencies


def _is_county_office(user) -> bool:
    return user.is_superuser or getattr(user, "role", "") in services.COUNTY_OFFICE_ROLES


@login_required
def dashboard_page(request):
    period = _period(request)
    county, agencies = _scope(request)
    with figures.memo():
        data = dashboard(county, agencies, period.year)
        index = {r.agency.pk: r for r in transparency_index(agencies, period.year)}
    for row in data["rows"]:
        row.index = index[row.agency.pk]
    trends = data["trends"]
    return render(
        request,
        "supervision/dashboard.html",
        {
            "period": period,
            "county": county,
            "data": data,
            "is_county_office": _is_county_office(request.user),
            "reminder_form": ReminderForm(),
            "months": MONTHS,
            "trend_rows": list(
                zip(
                    MONTHS,
                    trends["publications"],
                    trends["received"],
                    trends["answered"],
                    strict=False,
                )
            ),
            "chart_publications": charts.bars(
                f"{period.year}年每月主动公开信息数", MONTHS, [("发布信息", trends["publications"])]
            ),
            "chart_requests": charts.bars(
                f"{period.year}年每月收到和答复的申请",
                MONTHS,
                [("收到申请", trends["received"]), ("答复申请", trends["answered"])],
            ),
        },
    )


@login_required
def dashboard_export(request, fmt):
    period = _period(request)
    county, agencies = _scope(request)
    rows = export.dashboard_rows(dashboard(county, agencies, period.year))
    name = f"county-dashboard-{period.year}"
    if fmt == "csv":
        response = HttpResponse(export.to_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(export.to_xlsx([("全县看板", rows)]), content_type=XLSX)
    else:
        raise Http404("导出格式只能是 csv 或 xlsx。")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def assessment_page(request):
    period = _period(request)
    county, agencies = _scope(request)
    rows = assess(county, agencies, period)
    if request.GET.get("format") == "xlsx":
        from .transparency import index_table

        table = assessment_table(rows, period)
        with figures.memo():
            index = index_table(transparency_index(agencies, period.year), period.year)
        data = export.to_xlsx(
            [
                (f"考核 {period.label}", export.assessment_rows(table)),
                (f"透明度指数 {period.year}", export.index_rows(index)),
            ]
        )
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="assessment-{period.year}.xlsx"'
        return response
    chart = charts.bars(
        f"{period.label}考核总分",
        charts.short_labels([r.agency.name for r in rows], county.name),
        [("总分", [r.total for r in rows])],
    )
    return render(
        request,
        "supervision/assessment.html",
        {
            "period": period,
            "rows": rows,
            "indicators": INDICATORS,
            "weights": weights_for(county),
            "chart": chart,
            "is_county_office": _is_county_office(request.user),
            "drill": {
                "published": "published",
                "timely": "timely",
                "requests": "requests",
                "catalogue": "catalogue",
            },
        },
    )


@login_required
def weights_page(request):
    county, _agencies = _scope(request)
    if not _is_county_office(request.user):
        raise Http404(selectors.NOT_FOUND)
    current = weights_for(county)
    from .scores import target_for

    form = WeightsForm(
        request.POST or None, initial={**current, "published_target": target_for(county)}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("published_target")
        try:
            services.weights_set(actor=request.user, county=county, published_target=target, **data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "考核权重已保存。")
            return redirect("supervision:assessment")
    return render(
        request,
        "supervision/weights.html",
        {"form": form, "defaults": DEFAULT_WEIGHTS, "county": county},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def records_page(request):
    period = _period(request)
    try:
        agency = selectors.agency_for_user(request.user, request.GET.get("agency"))
    except NotFoundOrForbidden as exc:
        raise Http404(exc.message) from None
    kind = request.GET.get("kind", "")
    try:
        rows = records.records([agency.pk], kind, period)
    except UserError as exc:
        return render(request, "supervision/records.html", {"error": exc.message}, status=400)
    return render(
        request,
        "supervision/records.html",
        {"agency": agency, "kind_label": records.KINDS[kind], "rows": rows, "period": period},
    )


@login_required
@require_POST
def remind(request, agency_id):
    try:
        agency = selectors.agency_for_user(request.user, agency_id)
    except NotFoundOrForbidden as exc:
        raise Http404(exc.message) from None
    form = ReminderForm(request.POST)
    if not form.is_valid():
        messages.error(request, "督办未发送：请填写督办事项和督办内容。")
        return redirect("supervision:dashboard")
    try:
        reminder = services.reminder_send(actor=request.user, agency=agency, **form.cleaned_data)
    except UserError as exc:
        return HttpResponse(exc.message, status=403, content_type="text/plain; charset=utf-8")
    note = reminder.delivery_note.rstrip("。")
    messages.success(request, f"已向{agency.name}发出督办“{reminder.subject}”，{note}。")
    return redirect("supervision:dashboard")
