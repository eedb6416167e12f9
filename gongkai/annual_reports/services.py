"""All writes for annual reports: enforcement figures, narrative, review, publishing and revisions.
Keyword-only, atomic, audited in the same transaction. `actor` is a User or a system-actor string."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.core.actors import actor_name, require_write
from gongkai.core.audit import audit_anchor, audit_record
from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.permissions import require_disclosure_body
from gongkai.reportformat.findings import describe_location
from gongkai.reportformat.model import to_dict
from gongkai.reviews.services import review_edited, review_move

from . import outputs, selectors
from .choices import GENERATOR_VERSION
from .choices import ReportStatus as S
from .drafting import PLACEHOLDER
from .models import AnnualReport, EnforcementStats, ReportNarrative, ReportSnapshot
from .review import REPORT


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
    _require_editable(actor, agency, year)
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


def _require_editable(actor, agency: Agency, year: int) -> None:
    """Text may change in 拟稿; after approval a change sends the report back to 初审."""
    report = AnnualReport.objects.select_for_update().filter(agency=agency, year=year).first()
    if report and report.status == S.PUBLISHED:
        raise UserError("报告已发布；如需更正，请先“发起更正”。")
    if report:
        review_edited(actor=actor, subject_type=REPORT, subject=report)


# -- review ------------------------------------------------------------------------------------------
def _get_report(agency: Agency, year: int) -> AnnualReport:
    report, _ = AnnualReport.objects.get_or_create(agency=agency, year=year)
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)


def require_year_ended(year: int, at=None) -> None:
    """A report covers a whole calendar year: it is submitted from 1 January of the next year."""
    first_day = datetime.date(year + 1, 1, 1)
    days = [timezone.localdate()] + ([timezone.localdate(at)] if at else [])
    if min(days) < first_day:
        raise UserError(
            f"{year}年度报告须在{year}年结束后编制，自{year + 1}年1月1日起方可提交审核。"
        )


@transaction.atomic
def report_submit(*, actor, agency: Agency, year: int, note: str = "", at=None) -> AnnualReport:
    """拟稿 → 初审, from 1 January of the next year. The report must pass the checker (no errors
    other than LATE) to be submitted."""
    require_write(actor, agency, "年度报告")
    require_disclosure_body(agency, "编制政府信息公开工作年度报告")
    require_year_ended(year, at)
    _refuse_errors(agency, year)
    report = _get_report(agency, year)
    review_move(actor=actor, subject_type=REPORT, subject=report, action="submit", note=note, at=at)
    return report


@transaction.atomic
def report_review(
    *, actor, report: AnnualReport, stage: str, approve: bool, note: str = "", at=None
) -> AnnualReport:
    report = _locked(report)
    if stage not in ("first", "final"):
        raise UserError(f"审查环节“{stage}”无效。")
    review_move(
        actor=actor,
        subject_type=REPORT,
        subject=report,
        action=f"{stage}_{'approve' if approve else 'reject'}",
        note=note,
        at=at,
    )
    return report


def _refuse_errors(agency: Agency, year: int, model=None):
    model = model or selectors.build_model(agency, year)
    findings = selectors.run_checks(agency, model)
    errors = [
        f"【{f.title}】{describe_location(f.location)}：{f.message}"
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
    report = _locked(report)
    agency = report.agency
    require_write(actor, agency, "年度报告")
    if report.status != S.APPROVED:
        raise UserError(f"当前状态为“{report.get_status_display()}”，终审通过后才能发布。")
    at = at or timezone.now()
    model = selectors.build_model(agency, report.year)
    model.published_on = timezone.localtime(at).date()
    model, findings = _refuse_errors(agency, report.year, model)
    revision = report.snapshots.count()
    if revision and not note.strip():
        raise UserError("发布更正版本时请写明更正说明。")
    review_move(
        actor=actor,
        subject_type=REPORT,
        subject=report,
        action="publish",
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
    _announce(snapshot)
    return snapshot


def _announce(snapshot: ReportSnapshot) -> None:
    """What the public sees changed: the search index and the public page cache follow."""
    from gongkai.portal.cache import public_changed_on_commit
    from gongkai.search.services import index_report_snapshot

    index_report_snapshot(snapshot)
    public_changed_on_commit(snapshot.report.agency_id)


@transaction.atomic
def report_revise(*, actor, report: AnnualReport, reason: str, at=None) -> AnnualReport:
    """Start a 更正: the report goes back to 拟稿; what was published stays published until the
    revision is reviewed and published as a new numbered snapshot."""
    report = _locked(report)
    if not reason.strip():
        raise UserError("请写明更正原因。")
    review_move(
        actor=actor, subject_type=REPORT, subject=report, action="revise", note=reason, at=at
    )
    return report
