"""All writes for annual reports: enforcement figures, narrative, review, publishing and revisions.
Keyword-only, atomic, audited in the same transaction. `actor` is a User or a system-actor string."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.core.actors import actor_name, is_person, require_review, require_write
from gongkai.core.audit import audit_anchor, audit_record
from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.reportformat.findings import describe_location
from gongkai.reportformat.model import to_dict

from . import outputs, selectors
from .choices import GENERATOR_VERSION, ReportStage
from .choices import ReportStatus as S
from .drafting import PLACEHOLDER
from .models import AnnualReport, EnforcementStats, ReportNarrative, ReportReview, ReportSnapshot
from .transitions import report_next_status


# -- figures from other systems -------------------------------------------------------------------------
@transaction.atomic
def enforcement_set(
    *,
    actor,
    agency: Agency,
    year: int,
    licensing: int = 0,
    penalty: int = 0,
    coercion: int = 0,
    fees_10k_yuan: Decimal | int | str = 0,
) -> EnforcementStats:
    require_write(actor, agency, "年度报告")
    fees = Decimal(str(fees_10k_yuan))
    values = {"licensing": licensing, "penalty": penalty, "coercion": coercion}
    if any(v is None or int(v) < 0 for v in values.values()) or fees < 0:
        raise UserError("行政执法决定数量和收费金额不能为负数。")
    stats = EnforcementStats.objects.select_for_update().filter(agency=agency, year=year).first()
    old = None
    if stats is None:
        stats = EnforcementStats(agency=agency, year=year)
    else:
        old = {k: getattr(stats, k) for k in (*values, "fees_10k_yuan")}
    for k, v in values.items():
        setattr(stats, k, int(v))
    stats.fees_10k_yuan = fees
    new = {**values, "fees_10k_yuan": fees}
    if old is not None and {k: str(v) for k, v in old.items()} == {
        k: str(v) for k, v in new.items()
    }:
        return stats
    stats.save()
    audit_record(actor=actor, action="enforcement.set", obj=stats, old=old, new=new)
    return stats


# -- narrative --------------------------------------------------------------------------------------
@transaction.atomic
def narrative_save(
    *, actor, agency: Agency, year: int, section1: str, section5: str, section6: str
) -> ReportNarrative:
    require_write(actor, agency, "年度报告")
    _require_editable(agency, year)
    narrative, created = ReportNarrative.objects.get_or_create(agency=agency, year=year)
    old = None if created else narrative.sections()
    narrative.section1, narrative.section5, narrative.section6 = section1, section5, section6
    narrative.updated_by = actor_name(actor)
    narrative.save()
    audit_record(
        actor=actor,
        action="report.narrative_save",
        obj=narrative,
        old=old,
        new=narrative.sections(),
    )
    return narrative


def narrative_draft(
    *, actor, agency: Agency, year: int, overwrite: bool = False
) -> ReportNarrative:
    """Draft sections 一, 五, 六 from the records (and last year's problems); keeps an existing text
    unless `overwrite`."""
    from .drafting import draft_narrative

    existing = ReportNarrative.objects.filter(agency=agency, year=year).first()
    if existing and not overwrite:
        return existing
    model = selectors.build_model(agency, year, narrative={})
    text = draft_narrative(agency, year, model)
    return narrative_save(
        actor=actor,
        agency=agency,
        year=year,
        section1=text["一"],
        section5=text["五"],
        section6=text["六"],
    )


def _require_editable(agency: Agency, year: int) -> None:
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report and report.status in (S.FIRST_REVIEW, S.FINAL_REVIEW):
        raise UserError("报告正在审查中，不能修改正文；请先退回。")
    if report and report.status == S.PUBLISHED:
        raise UserError("报告已发布；如需更正，请先“发起更正”。")


# -- review ------------------------------------------------------------------------------------------
def _record(report, *, actor, stage, approved=True, note="", at=None) -> None:
    ReportReview.objects.create(
        report=report,
        stage=stage,
        approved=approved,
        reviewer=actor if is_person(actor) else None,
        reviewer_label=actor_name(actor),
        at=at or timezone.now(),
        note=note,
    )


def _move(
    report: AnnualReport,
    *,
    actor,
    action: str,
    stage: str,
    approved=True,
    note="",
    at=None,
    extra: dict | None = None,
) -> AnnualReport:
    old = report.status
    report.status = report_next_status(old, action)
    report.save(update_fields=["status"])
    _record(report, actor=actor, stage=stage, approved=approved, note=note, at=at)
    audit_record(
        actor=actor,
        action=f"report.{action}",
        obj=report,
        old={"status": old},
        new={"status": report.status, "note": note, **(extra or {})},
    )
    return report


def _get_report(agency: Agency, year: int) -> AnnualReport:
    report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_submit(*, actor, agency: Agency, year: int, note: str = "", at=None) -> AnnualReport:
    """拟稿 → 初审. The report must pass the checker (no errors other than LATE) to be submitted."""
    require_write(actor, agency, "年度报告")
    report = _get_report(agency, year)
    _refuse_errors(agency, year)
    return _move(report, actor=actor, action="submit", stage=ReportStage.SUBMIT, note=note, at=at)


@transaction.atomic
def report_review(
    *, actor, report: AnnualReport, stage: str, approve: bool, note: str = "", at=None
) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if stage not in ("first", "final"):
        raise UserError(f"审查环节“{stage}”无效。")
    require_review(actor, report.agency, stage)
    if not approve and not note.strip():
        raise UserError("退回时请写明意见。")
    if stage == "final" and approve and _final_approved(report):
        raise UserError("该报告已终审通过，待发布。")
    action = f"{stage}_{'approve' if approve else 'reject'}"
    return _move(
        report, actor=actor, action=action, stage=stage, approved=approve, note=note, at=at
    )


def _final_approved(report: AnnualReport) -> bool:
    last = report.reviews.exclude(stage=ReportStage.PUBLISH).order_by("-at", "-id").first()
    return bool(last and last.stage == ReportStage.FINAL and last.approved)


def _refuse_errors(agency: Agency, year: int, model=None):
    model = model or selectors.build_model(agency, year)
    findings = selectors.run_checks(agency, model)
    errors = [
        f"[{f.code}] {describe_location(f.location)}：{f.message}"
        for f in findings
        if f.is_error and f.code != "LATE"
    ]
    for key, text in model.sections.items():
        if PLACEHOLDER in (text or ""):
            errors.append(f"第{key}部分仍有待填写的内容（“{PLACEHOLDER}…”）")
    if errors:
        raise UserError(f"报告检查发现 {len(errors)} 处错误，不能提交或发布：", errors)
    return model, findings


@transaction.atomic
def report_publish(
    *, actor, report: AnnualReport, at: datetime.datetime | None = None, note: str = ""
) -> ReportSnapshot:
    """Freeze the report as a snapshot (revision 0, or the next revision after a 更正). Runs the
    checker and refuses to publish with errors; publishing after the deadline stores a LATE finding."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    agency = report.agency
    require_write(actor, agency, "年度报告")
    if report.status == S.FINAL_REVIEW and not _final_approved(report):
        raise UserError("报告尚未终审通过，不能发布。")
    at = at or timezone.now()
    model = selectors.build_model(agency, report.year)
    model.published_on = timezone.localtime(at).date()
    model, findings = _refuse_errors(agency, report.year, model)
    revision = report.snapshots.count()
    if revision and not note.strip():
        raise UserError("发布更正版本时请写明更正说明。")
    _move(
        report,
        actor=actor,
        action="publish",
        stage=ReportStage.PUBLISH,
        note=note,
        at=at,
        extra={"revision": revision},
    )
    snapshot = ReportSnapshot.objects.create(
        report=report,
        revision=revision,
        model=to_dict(model),
        narrative={k: model.sections.get(k, "") for k in ("一", "五", "六")},
        text=outputs.render_text(model),
        html=outputs.render_html_fragment(model),
        findings=[f.to_dict() for f in findings],
        figures=selectors.frozen_figures(agency, report.year),
        generator_version=GENERATOR_VERSION,
        published_at=at,
        published_by=actor_name(actor),
        note=note,
        late=any(f.code == "LATE" for f in findings),
        audit_anchor=str(audit_anchor()),
    )
    audit_record(
        actor=actor,
        action="report.snapshot",
        obj=snapshot,
        agency=agency,
        new={"revision": revision, "late": snapshot.late},
    )
    return snapshot


@transaction.atomic
def report_revise(*, actor, report: AnnualReport, reason: str, at=None) -> AnnualReport:
    """Start a 更正: the report goes back to 拟稿; what was published stays published until the
    revision is reviewed and published as a new numbered snapshot."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    require_write(actor, report.agency, "年度报告")
    if not reason.strip():
        raise UserError("请写明更正原因。")
    return _move(report, actor=actor, action="revise", stage=ReportStage.REVISE, note=reason, at=at)
