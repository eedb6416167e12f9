"""编写年度报告 (/reports/staff/<year>/…): the live draft built from the records, the narrative an
office writes (sections 一, 五, 六, pre-drafted when empty), the checker's findings next to the text,
and one form per allowed step (提交审核, 初审, 终审, 发布, 发起更正) with the review history.

Scope: an agency the user may not read is 404, like a missing one; a user who may read but not take a
step (县公开办 is read-only) gets 403; a step a service refuses re-renders the page with its Chinese
message and HTTP 400, and nothing is written. Views count nothing: the selectors build the model.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gongkai.core.models import Agency
from gongkai.core.permissions import can_read, can_write
from gongkai.core.responses import forbidden
from gongkai.core.steps import run_step
from gongkai.reportformat import render_html
from gongkai.reportformat.findings import RULE_NAMES, describe_location
from gongkai.reviews.views import step_post

from . import forms, selectors, services
from .review import STEPS, ReportRef

NOT_FOUND = "报告不存在或您无权查看。"
SECTION_KEYS = {"一": "s1", "二": "s2", "三": "s3", "四": "s4", "五": "s5", "六": "s6"}
FIRST_YEAR = 2008  # the first year of the 2007 regulation's annual reports


SAVE_LABEL = "保存"
SAVE_STEP = "save"  # the narrative form; the review steps come from the engine (review.STEPS)


def _agency_or_404(user, agency_id: int | None, year: int) -> Agency:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("年度无效。")
    if agency_id is None:
        agency = user.agency if user.agency_id else None
    else:
        agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or not can_read(user, agency):
        raise Http404(NOT_FOUND)
    return agency


def _default_year(agency: Agency | None) -> int:
    """The report being written: last year's until it is published, then this year's."""
    today = timezone.localdate()
    if agency is not None and selectors.published_snapshot(agency.pk, today.year - 1) is None:
        return today.year - 1
    return today.year if agency is not None else today.year - 1


@login_required
@require_GET
def current(request):
    year = _default_year(request.user.agency if request.user.agency_id else None)
    return redirect("annual_reports:staff_report", year=year)


def _findings_by_place(findings) -> dict[str, list[dict]]:
    places: dict[str, list[dict]] = {}
    for f in findings:
        loc = f.location or {}
        if loc.get("section") in SECTION_KEYS:
            place = SECTION_KEYS[loc["section"]]
        else:
            place = {2: "s2", 3: "s3", 4: "s4"}.get(loc.get("table"), "other")
        places.setdefault(place, []).append(
            {
                "code": f.code,
                "name": RULE_NAMES.get(f.code, f.code),
                "where": describe_location(loc),
                "message": f.message,
                "error": f.is_error,
            }
        )
    return places


def _render(request, agency, year, *, bound=None, error_step="", error="", problems=(), status=200):
    report = selectors.report_record(agency, year)
    ref = ReportRef(agency, year, report)
    model = selectors.build_model(agency, year)
    findings = selectors.run_checks(agency, model)
    snapshot = selectors.published_snapshot(agency.pk, year)
    writable = can_write(request.user, agency)

    narrative = None
    if writable and ref.status == "draft":
        if bound is not None and error_step == SAVE_STEP:
            narrative = bound
        else:
            narrative = forms.NarrativeForm(
                initial={
                    "section1": model.sections.get("一", ""),
                    "section5": model.sections.get("五", ""),
                    "section6": model.sections.get("六", ""),
                },
                prefix="save",
            )
    steps = []
    for step in STEPS.values():
        if not step.offered(request.user, ref):
            continue
        form = bound if bound is not None and step.key == error_step else None
        form = form or step.form(prefix=step.key)
        if step.key == "publish" and snapshot is None:
            form.fields.pop("note", None)  # only a correction needs a 更正说明
        steps.append({"step": step, "form": form})

    errors = [f for f in findings if f.is_error and f.code != "LATE"]
    tables = {  # the statutory tables from reportformat's HTML renderer (it escapes every cell)
        "s2": mark_safe(render_html.table2_html(model)),
        "s3": mark_safe(render_html.table3_html(model)),
        "s4": mark_safe(render_html.table4_html(model)),
    }
    return render(
        request,
        "annual_reports/staff/report.html",
        {
            "agency": agency,
            "year": year,
            "report": report,
            "status_label": report.get_status_display() if report else "拟稿（尚未提交）",
            "sections": {
                SECTION_KEYS[k]: v for k, v in model.sections.items() if k in SECTION_KEYS
            },
            "tables": tables,
            "narrative": narrative,
            "findings": _findings_by_place(findings),
            "error_count": len(errors),
            "warning_count": len([f for f in findings if not f.is_error]),
            "deadline": agency.report_deadline(year),
            "warning": selectors.deadline_warning(agency, year, snapshot is not None),
            "snapshot": snapshot,
            "differences": [
                *selectors.figure_differences(snapshot, agency),
                *selectors.differences(selectors.snapshot_model(snapshot), model),
            ]
            if snapshot
            else [],
            "history": list(report.reviews.order_by("at", "id")) if report else [],
            "year_ended": timezone.localdate().year > year,
            "steps": steps,
            "error_step": error_step,
            "error": error,
            "problems": problems,
            "read_only": not writable,
            "formats": ["docx", "pdf", "txt"],
            "nav": "report",
        },
        status=status,
    )


@login_required
@require_GET
def report_page(request, year: int, agency_id: int | None = None):
    return _render(request, _agency_or_404(request.user, agency_id, year), year)


@never_cache
@login_required
@require_POST
def step(request, year: int, agency_id: int, action: str):
    agency = _agency_or_404(request.user, agency_id, year)
    url = reverse("annual_reports:staff_report_for", args=[year, agency.pk])

    def rerender(**kw):
        return _render(request, agency, year, error_step=action, status=400, **kw)

    if action == SAVE_STEP:
        return _save(request, agency, year, url, rerender)
    the_step = STEPS.get(action)
    if the_step is None:
        raise Http404("没有这个办理步骤。")
    ref = ReportRef(agency, year, selectors.report_record(agency, year))
    return step_post(request, step=the_step, subject=ref, rerender=rerender, done_url=url)


def _save(request, agency, year, url, rerender):
    """保存 the narrative (sections 一, 五, 六): allowed while the report is a draft."""
    if not can_write(request.user, agency):
        return forbidden(request, "您的角色为只读，可查看，不能编写或办理年度报告。")
    report = selectors.report_record(agency, year)

    def saved_message() -> str:
        findings = selectors.run_checks(agency, selectors.build_model(agency, year))
        n = len([f for f in findings if f.is_error and f.code != "LATE"])
        return f"已保存。检查发现 {n} 处错误，请按提示修改。" if n else "已保存。检查未发现错误。"

    return run_step(
        request,
        label=SAVE_LABEL,
        current_status=None
        if report is None or report.status == "draft"
        else report.get_status_display(),
        form=forms.NarrativeForm(request.POST, prefix=SAVE_STEP),
        run=lambda d: services.narrative_save(
            actor=request.user,
            agency=agency,
            year=year,
            section1=d["section1"],
            section5=d["section5"],
            section6=d["section6"],
        ),
        rerender=rerender,
        done_url=url + "#findings",
        done_message=saved_message,
    )
