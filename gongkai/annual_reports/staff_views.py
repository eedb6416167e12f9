"""编写年度报告 (/reports/staff/<year>/…): the live draft built from the records, the narrative an
office writes (sections 一, 五, 六, pre-drafted when empty), the checker's findings next to the text,
and one form per allowed step (提交审核, 初审, 终审, 发布, 发起更正) with the review history.

Scope: an agency the user may not read is 404, like a missing one; a user who may read but not take a
step (县公开办 is read-only) gets 403; a step a service refuses re-renders the page with its Chinese
message and HTTP 400, and nothing is written. Views count nothing: the selectors build the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from gongkai.core.models import Agency
from gongkai.core.permissions import can_read, can_write
from gongkai.reportformat import render_html
from gongkai.reportformat.findings import RULE_NAMES, describe_location
from gongkai.reviews.views import StepPage, engine_status_label

from . import forms, selectors, services
from .choices import ReportStatus
from .review import REPORT, STEPS, ReportRef

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


@dataclass(frozen=True)
class NarrativeSave:
    """保存 the narrative (sections 一, 五, 六): a page step next to the review's, allowed while the
    report is a draft, to those who may write for the agency."""

    key: str = SAVE_STEP
    label: str = SAVE_LABEL
    form: type = forms.NarrativeForm
    statuses: frozenset = frozenset({ReportStatus.DRAFT})

    def permitted(self, user, ref: ReportRef) -> bool:
        return can_write(user, ref.agency)

    def forbidden_message(self, user, ref: ReportRef) -> str:
        return "您的角色为只读，可查看，不能编写或办理年度报告。"

    def run(self, actor, ref: ReportRef, d: dict):
        return services.narrative_save(
            actor=actor,
            agency=ref.agency,
            year=ref.year,
            section1=d["section1"],
            section5=d["section5"],
            section6=d["section6"],
        )


def _ref_or_404(user, year: int, agency_id: int) -> ReportRef:
    agency = _agency_or_404(user, agency_id, year)
    return ReportRef(agency, year, selectors.report_record(agency, year))


def _done_url(ref: ReportRef, action: str) -> str:
    url = reverse("annual_reports:staff_report_for", args=[ref.year, ref.agency.pk])
    return url + "#findings" if action == SAVE_STEP else url


def _done_message(ref: ReportRef, action: str) -> str:
    if action != SAVE_STEP:
        return f"已办理：{STEPS[action].label}。"
    findings = selectors.run_checks(ref.agency, selectors.build_model(ref.agency, ref.year))
    n = len([f for f in findings if f.is_error and f.code != "LATE"])
    return f"已保存。检查发现 {n} 处错误，请按提示修改。" if n else "已保存。检查未发现错误。"


# Every step POST (保存 and the review's 提交, 初审, 终审, 发布, 发起更正) goes to the review engine's
# one view (urls.py).
STEP_PAGE = StepPage(
    steps={SAVE_STEP: NarrativeSave(), **STEPS},
    load=_ref_or_404,
    render=lambda request, year, agency_id, error_action, **kw: _render(
        request, _agency_or_404(request.user, agency_id, year), year, error_step=error_action, **kw
    ),
    done_url=_done_url,
    done_message=_done_message,
    status_label=engine_status_label(REPORT),
)
