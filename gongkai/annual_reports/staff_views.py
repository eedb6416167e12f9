"""编写年度报告 (/reports/staff/<year>/…): the live draft built from the records, the narrative an
office writes (sections 一, 五, 六, pre-drafted when empty), the checker's findings next to the text,
and one form per allowed step (提交审核, 初审, 终审, 发布, 发起更正) with the review history.

Scope: an agency the user may not read is 404, like a missing one; a user who may read but not take a
step (县公开办 is read-only) gets 403; a step a service refuses re-renders the page with its Chinese
message and HTTP 400, and nothing is written. Views count nothing: the selectors build the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.permissions import can_read, can_review, can_write
from gongkai.core.responses import forbidden
from gongkai.core.steps import run_step
from gongkai.reportformat import render_html
from gongkai.reportformat.findings import RULE_NAMES, describe_location

from . import forms, selectors, services

NOT_FOUND = "报告不存在或您无权查看。"
SECTION_KEYS = {"一": "s1", "二": "s2", "三": "s3", "四": "s4", "五": "s5", "六": "s6"}
FIRST_YEAR = 2008  # the first year of the 2007 regulation's annual reports


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    form: type
    stage: str  # what the report must be waiting for (selectors.report_awaiting)
    run: Callable  # (actor, agency, year, report, cleaned_data) -> calls one service
    permission: str = "write"
    hint: str = ""
    danger: bool = False

    def permitted(self, user, agency: Agency) -> bool:
        if self.permission == "write":
            return can_write(user, agency)
        return can_write(user, agency) and can_review(user, agency, self.permission)

    def forbidden_message(self, user, agency: Agency) -> str:
        if not can_write(user, agency):
            return "您的角色为只读，可查看，不能编写或办理年度报告。"
        return {
            "write": "您的角色为只读，不能编写或办理年度报告。",
            "first": "初审应由本机关办公室主任办理。",
            "final": "终审应由本机关分管领导办理。",
        }[self.permission]


def _review(stage: str):
    def run(actor, agency, year, report, data):
        return services.report_review(
            actor=actor,
            report=report,
            stage=stage,
            approve=data["decision"] == "approve",
            note=data["note"],
        )

    return run


def _require_report(report):
    if report is None:
        raise UserError("报告尚未提交审核。")
    return report


STEPS: dict[str, Step] = {
    s.key: s
    for s in (
        Step(
            "save",
            "保存",
            forms.NarrativeForm,
            "submit",
            lambda actor, agency, year, report, d: services.narrative_save(
                actor=actor,
                agency=agency,
                year=year,
                section1=d["section1"],
                section5=d["section5"],
                section6=d["section6"],
            ),
        ),
        Step(
            "submit",
            "提交审核",
            forms.SubmitForm,
            "submit",
            lambda actor, agency, year, report, d: services.report_submit(
                actor=actor, agency=agency, year=year, note=d["note"]
            ),
            hint="提交前系统按年报格式和规则检查全文；有错误时不能提交。",
        ),
        Step(
            "first",
            "初审（办公室主任）",
            forms.ReviewForm,
            "first",
            _review("first"),
            permission="first",
            hint="退回时请写明意见，报告回到拟稿状态。",
        ),
        Step(
            "final",
            "终审（分管领导）",
            forms.ReviewForm,
            "final",
            _review("final"),
            permission="final",
            hint="退回时请写明意见，报告回到拟稿状态。",
        ),
        Step(
            "publish",
            "发布",
            forms.PublishForm,
            "publish",
            lambda actor, agency, year, report, d: services.report_publish(
                actor=actor, report=_require_report(report), note=d["note"]
            ),
            hint="发布后报告内容冻结；以后如需更正，发布带编号的更正版本。",
        ),
        Step(
            "revise",
            "发起更正",
            forms.ReviseForm,
            "revise",
            lambda actor, agency, year, report, d: services.report_revise(
                actor=actor, report=_require_report(report), reason=d["reason"]
            ),
            hint="报告回到拟稿状态；已发布的版本保持不变，直到更正版本经审核后发布。",
            danger=True,
        ),
    )
}


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
    awaiting = selectors.report_awaiting(report)
    model = selectors.build_model(agency, year)
    findings = selectors.run_checks(agency, model)
    snapshot = selectors.published_snapshot(agency.pk, year)
    writable = can_write(request.user, agency)

    narrative = None
    if writable and awaiting == "submit":
        if bound is not None and error_step == "save":
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
        if step.key == "save" or step.stage != awaiting or not step.permitted(request.user, agency):
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
            "status_label": "终审通过，待发布"
            if awaiting == "publish"
            else (report.get_status_display() if report else "拟稿（尚未提交）"),
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
    the_step = STEPS.get(action)
    if the_step is None:
        raise Http404("没有这个办理步骤。")
    if not the_step.permitted(request.user, agency):
        return forbidden(request, the_step.forbidden_message(request.user, agency))
    report = selectors.report_record(agency, year)

    def saved_message() -> str:
        findings = selectors.run_checks(agency, selectors.build_model(agency, year))
        n = len([f for f in findings if f.is_error and f.code != "LATE"])
        return f"已保存。检查发现 {n} 处错误，请按提示修改。" if n else "已保存。检查未发现错误。"

    url = reverse("annual_reports:staff_report_for", args=[year, agency.pk])
    return run_step(
        request,
        label=the_step.label,
        current_status=(
            None
            if selectors.report_awaiting(report) == the_step.stage
            else (report.get_status_display() if report else "拟稿")
        ),
        form=the_step.form(request.POST, prefix=action),
        run=lambda data: the_step.run(request.user, agency, year, report, {"note": "", **data}),
        rerender=lambda **kw: _render(request, agency, year, error_step=action, status=400, **kw),
        done_url=url + ("#findings" if action == "save" else ""),
        done_message=saved_message if action == "save" else None,
    )
