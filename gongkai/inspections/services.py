"""All writes of self-inspection: checklists, runs, findings, link checks and demand drafts.

Keyword-only, atomic, each with its audit event. `actor` is a User (permissions enforced) or a
string naming the system ("命令行", "演示数据").
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing
from gongkai.core import sensitive
from gongkai.core.actors import actor_name, is_person
from gongkai.core.audit import audit_record
from gongkai.core.choices import Role
from gongkai.core.errors import UserError
from gongkai.core.models import Agency, User

from . import linkcheck, permissions
from .catalogue_areas import default_areas_text, parse_areas
from .checks import CHECKS
from .choices import CheckKind, FindingStatus
from .models import BrokenLink, Checklist, ChecklistItem, Finding, InspectionRun, LinkCheckRun
from .transitions import require_move

MAX_EVIDENCE = 2000


def _refuse(actor, check, agency: Agency, what: str) -> None:
    """People are checked with `check(actor, agency)`; the system (a string) is trusted."""
    if is_person(actor) and not check(actor, agency):
        raise UserError(f"您没有权限{what}。")


# -- checklists -----------------------------------------------------------------------------------
@transaction.atomic
def checklist_ensure(*, actor, county: Agency) -> Checklist:
    """The county's checklist, created with every item enabled on first use."""
    county = county.county()
    checklist, created = Checklist.objects.get_or_create(county=county)
    missing = set(CheckKind.values) - set(checklist.items.values_list("kind", flat=True))
    for kind in CheckKind.values:
        if kind in missing:
            ChecklistItem.objects.create(
                checklist=checklist,
                kind=kind,
                areas=default_areas_text() if kind == CheckKind.CATALOGUE else "",
            )
    if created or missing:
        audit_record(
            actor=actor,
            action="inspection.checklist_create",
            obj=checklist,
            agency=county,
            new={"items": sorted(missing)},
        )
    return checklist


@transaction.atomic
def checklist_item_update(
    *, actor, item: ChecklistItem, enabled: bool, rectify_days: int, areas: str = "", note: str = ""
) -> ChecklistItem:
    county = item.checklist.county
    _refuse(actor, permissions.can_edit_checklist, county, f"修改“{county.name}”的自查清单")
    if not 1 <= int(rectify_days) <= 60:
        raise UserError(f"“{item.get_kind_display()}”的整改期限应为1至60个工作日。")
    if item.kind == CheckKind.CATALOGUE and enabled and not parse_areas(areas):
        raise UserError("“公开目录完整性”至少要列出一个标准目录领域（每行一个）。")
    old = {"enabled": item.enabled, "rectify_days": item.rectify_days, "areas": item.areas}
    item.enabled = enabled
    item.rectify_days = int(rectify_days)
    if item.kind == CheckKind.CATALOGUE:
        item.areas = areas.strip()
    item.note = note.strip()[:200]
    item.save()
    audit_record(
        actor=actor,
        action="inspection.checklist_item_update",
        obj=item,
        agency=county,
        old=old,
        new={"enabled": item.enabled, "rectify_days": item.rectify_days, "areas": item.areas},
    )
    return item


# -- self-inspection ------------------------------------------------------------------------------
def default_assignee(agency: Agency) -> User | None:
    people = User.objects.filter(agency=agency, is_active=True)
    for role in (Role.OFFICE_HEAD, Role.CLERK, Role.LEADER):
        person = people.filter(role=role).order_by("pk").first()
        if person:
            return person
    return None


def rectification_deadline(start: datetime.date, working_days: int) -> datetime.date:
    try:
        return get_calendar().add_working_days(start, working_days)
    except CalendarMissing as exc:
        raise UserError(
            f"工作日历未配置，无法计算整改期限：{exc}。请先在“工作日历”中录入该年度的放假安排。"
        ) from exc


@transaction.atomic
def inspection_run(*, actor, agency: Agency, today: datetime.date | None = None) -> InspectionRun:
    """Evaluate the county's checklist for `agency`; every new problem becomes an open finding
    assigned to the agency's 办公室主任 (else 信息员), due in the item's working days. A problem
    that already has an unclosed finding is not recorded twice."""
    _refuse(actor, permissions.can_run, agency, f"对“{agency.name}”开展自查")
    today = today or timezone.localdate()
    checklist = checklist_ensure(actor=actor, county=agency)
    run = InspectionRun.objects.create(agency=agency, run_on=today, run_by=actor_name(actor))
    assignee = default_assignee(agency)
    already = set(
        Finding.objects.filter(
            agency=agency, status__in=[FindingStatus.OPEN, FindingStatus.RECTIFIED]
        ).values_list("kind", "key")
    )
    summary, created = {}, 0
    for item in checklist.items.filter(enabled=True):
        problems = CHECKS[item.kind](agency, item, today)
        summary[item.kind] = len(problems)
        deadline = rectification_deadline(today, item.rectify_days) if problems else None
        for problem in problems:
            if (item.kind, problem.key) in already:
                continue
            finding = Finding.objects.create(
                run=run,
                agency=agency,
                kind=item.kind,
                key=problem.key,
                title=problem.title,
                detail=problem.detail,
                link=problem.link,
                assignee=assignee,
                found_on=today,
                deadline=deadline,
            )
            already.add((item.kind, problem.key))
            created += 1
            audit_record(
                actor=actor,
                action="inspection.finding_create",
                obj=finding,
                new={"title": finding.title, "deadline": deadline, "assignee": assignee},
            )
    run.new_findings = created
    run.summary = summary
    run.save(update_fields=["new_findings", "summary"])
    audit_record(
        actor=actor, action="inspection.run", obj=run, new={"found": summary, "new": created}
    )
    return run


def _locked(finding: Finding) -> Finding:
    return Finding.objects.select_for_update().select_related("agency").get(pk=finding.pk)


@transaction.atomic
def finding_assign(*, actor, finding: Finding, assignee: User) -> Finding:
    finding = _locked(finding)
    _refuse(actor, permissions.can_accept, finding.agency, "指定整改责任人")
    if assignee.agency_id != finding.agency_id or not assignee.is_active:
        raise UserError(f"整改责任人必须是“{finding.agency.name}”的在职工作人员。")
    if finding.status == FindingStatus.CLOSED:
        raise UserError("该问题已销号，不能再指定责任人。")
    old = finding.assignee_id
    finding.assignee = assignee
    finding.save(update_fields=["assignee"])
    audit_record(
        actor=actor,
        action="inspection.finding_assign",
        obj=finding,
        old={"assignee": old},
        new={"assignee": assignee.pk},
    )
    return finding


@transaction.atomic
def finding_rectify(
    *,
    actor,
    finding: Finding,
    evidence: str,
    evidence_link: str = "",
    on: datetime.date | None = None,
) -> Finding:
    finding = _locked(finding)
    _refuse(actor, permissions.can_rectify, finding.agency, f"整改“{finding.agency.name}”的问题")
    evidence = (evidence or "").strip()
    evidence_link = (evidence_link or "").strip()
    if not evidence:
        raise UserError("请填写“整改情况”：做了什么、在哪里可以看到。")
    if len(evidence) > MAX_EVIDENCE:
        raise UserError(f"“整改情况”不能超过{MAX_EVIDENCE}字。")
    if evidence_link and not evidence_link.startswith(("http://", "https://", "/")):
        raise UserError("“佐证链接”应以 http://、https:// 或 / 开头。")
    finding.status = require_move("rectify", finding.status)
    finding.evidence = evidence
    finding.evidence_link = evidence_link[:500]
    finding.rectified_on = on or timezone.localdate()
    finding.save(update_fields=["status", "evidence", "evidence_link", "rectified_on"])
    audit_record(
        actor=actor,
        action="inspection.finding_rectify",
        obj=finding,
        new={"evidence": evidence, "evidence_link": evidence_link, "on": finding.rectified_on},
    )
    return finding


@transaction.atomic
def finding_close(*, actor, finding: Finding, on: datetime.date | None = None) -> Finding:
    finding = _locked(finding)
    _refuse(actor, permissions.can_accept, finding.agency, "验收销号")
    finding.status = require_move("close", finding.status)
    finding.closed_on = on or timezone.localdate()
    finding.closed_by = actor_name(actor)
    finding.save(update_fields=["status", "closed_on", "closed_by"])
    audit_record(
        actor=actor, action="inspection.finding_close", obj=finding, new={"on": finding.closed_on}
    )
    return finding


@transaction.atomic
def finding_reopen(*, actor, finding: Finding, reason: str) -> Finding:
    finding = _locked(finding)
    _refuse(actor, permissions.can_accept, finding.agency, "退回整改")
    reason = (reason or "").strip()
    if not reason:
        raise UserError("退回重新整改时请写明理由。")
    finding.status = require_move("reopen", finding.status)
    finding.save(update_fields=["status"])
    audit_record(
        actor=actor, action="inspection.finding_reopen", obj=finding, new={"reason": reason}
    )
    return finding


# -- link checker ---------------------------------------------------------------------------------
@transaction.atomic
def linkcheck_store(*, actor, started_at, outcome: linkcheck.Outcome) -> LinkCheckRun:
    run = LinkCheckRun.objects.create(
        started_at=started_at,
        finished_at=timezone.now(),
        checked=outcome.checked,
        broken=len(outcome.broken),
        skipped_external=outcome.skipped_external,
    )
    BrokenLink.objects.bulk_create(
        BrokenLink(
            run=run,
            agency_id=r.target.agency_id,
            publication_id=r.target.publication_id,
            url=r.target.url[:1000],
            found_on_page=r.target.found_on_page[:500],
            origin=r.target.origin,
            status_code=r.status_code,
            error=r.error[:300],
        )
        for r in outcome.broken
    )
    audit_record(
        actor=actor,
        action="inspection.linkcheck",
        obj=run,
        new={"checked": run.checked, "broken": run.broken, "skipped": run.skipped_external},
    )
    return run


def linkcheck_run(
    *, actor, external_limit: int = 200, per_host_interval: float = 2.0, timeout: float = 10.0
) -> LinkCheckRun:
    """Check every link (slow: outside requests), then store the result in one transaction."""
    if is_person(actor) and not actor.is_superuser:
        raise UserError("链接检查由管理员在服务器上运行（gongkai linkcheck）。")
    started_at = timezone.now()
    outcome = linkcheck.check_links(
        linkcheck.collect_targets(),
        external_limit=external_limit,
        per_host_interval=per_host_interval,
        timeout=timeout,
    )
    return linkcheck_store(actor=actor, started_at=started_at, outcome=outcome)


# -- demand ---------------------------------------------------------------------------------------
DRAFT_KINDS = {
    "publication": ("信息发布", "关于{topic}的信息"),
    "interpretation": ("政策解读", "关于{topic}的政策解读"),
}


@transaction.atomic
def demand_draft_create(*, actor, agency: Agency, topic: str, kind: str, source: str):
    """One step from a topic people ask about to a draft publication or 解读; the review engine
    takes it from there (拟稿 → 初审 → 终审 → 审定)."""
    from gongkai.publications.services import publication_create

    from .demand import SOURCE_LABELS

    topic = (topic or "").strip()[:100]
    if not topic:
        raise UserError("请选择要公开或解读的主题。")
    if kind not in DRAFT_KINDS:
        raise UserError(f"拟稿类型“{kind}”无效，应为信息发布或政策解读。")
    if sensitive.scan(topic):
        raise UserError("主题中含有个人信息（身份证号、手机号或银行卡号），不能据此拟稿。")
    column, title = DRAFT_KINDS[kind]
    publication = publication_create(
        actor=actor,
        agency=agency,
        column=column,
        title=title.format(topic=topic),
        body=f"<p>（根据公众需求拟稿：{SOURCE_LABELS.get(source, source)}“{topic}”。请补充正文。）</p>",
    )
    audit_record(
        actor=actor,
        action="inspection.demand_draft",
        obj=publication,
        new={"topic": topic, "kind": kind, "source": source},
    )
    return publication
