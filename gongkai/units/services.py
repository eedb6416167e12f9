"""All writes about units: reporting tasks, submissions to the office, reminders sent. Keyword-only,
atomic, audited. `actor` is a User (permissions enforced) or a system label ("命令行", "演示数据")."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.core.actors import actor_name, is_person, require_write
from gongkai.core.audit import audit_record
from gongkai.core.choices import Role
from gongkai.core.errors import UserError
from gongkai.core.models import Agency, User
from gongkai.core.permissions import SUBTREE_ROLES, WRITE_ROLES, can_read
from gongkai.core.senders import configured_senders, deliver
from gongkai.publications.services import publication_create

from .choices import Rhythm
from .models import ReminderSent, ReportingTask, UnitSubmission
from .periods import period_for
from .selectors import TaskPeriod, reminders_for_agencies


def _require_unit(agency: Agency) -> Agency:
    if agency.is_disclosure_body:
        raise UserError(
            f"“{agency.name}”以自己的名义公开信息，直接在“主动公开”中拟稿发布，不需要向上级报送。"
        )
    office = agency.disclosure_office()
    if office.pk == agency.pk:
        raise UserError(f"“{agency.name}”没有以自己名义公开的上级机关，无法报送。")
    return office


# -- tasks -------------------------------------------------------------------------------------------
@transaction.atomic
def reporting_task_create(
    *,
    actor,
    unit: Agency,
    title: str,
    rhythm: str,
    starts_on: datetime.date,
    due_on: datetime.date | None = None,
) -> ReportingTask:
    """The unit's office (信息员, 办公室主任, 分管领导) or the county (县公开办, 管理员) sets a task."""
    office = _require_unit(unit)
    if is_person(actor):
        by_office = actor.role in WRITE_ROLES and actor.agency_id == office.pk
        by_county = actor.role in SUBTREE_ROLES and can_read(actor, unit)
        if not (actor.is_superuser or by_office or by_county):
            raise UserError(
                f"报送任务由“{office.name}”或县政务公开办布置；您不能给“{unit.name}”布置任务。"
            )
    title = (title or "").strip()
    if not title:
        raise UserError("任务名称不能为空，如“每月报送本站所工作动态”。")
    if rhythm not in Rhythm.values:
        raise UserError(f"频次“{rhythm}”无效，应为：{'、'.join(Rhythm.labels)}。")
    if starts_on is None:
        raise UserError("请填写任务的起始日期。")
    if rhythm == Rhythm.ONCE and (due_on is None or due_on < starts_on):
        raise UserError("一次性任务须填写截止日期，且不早于起始日期。")
    if rhythm != Rhythm.ONCE:
        due_on = None
    if ReportingTask.objects.filter(unit=unit, title=title).exists():
        raise UserError(f"“{unit.name}”已有任务“{title}”。")
    task = ReportingTask.objects.create(
        unit=unit,
        office=office,
        title=title,
        rhythm=rhythm,
        starts_on=starts_on,
        due_on=due_on,
        created_by=actor_name(actor),
    )
    audit_record(
        actor=actor,
        action="units.task_create",
        obj=task,
        agency=unit,
        new={"title": title, "rhythm": rhythm, "starts_on": starts_on.isoformat()},
    )
    return task


# -- submissions -----------------------------------------------------------------------------------
@transaction.atomic
def unit_submit(
    *,
    actor,
    unit: Agency,
    column: str,
    title: str,
    body: str = "",
    formed_on: datetime.date | None = None,
    task: ReportingTask | None = None,
    at: datetime.datetime | None = None,
) -> UnitSubmission:
    """报送: the unit's item becomes a 拟稿 of its office (the office discloses in its own name) and
    goes through the office's review engine from there; this keeps who sent it and when."""
    require_write(actor, unit, "报送信息")
    office = _require_unit(unit)
    at = at or timezone.now()
    day = timezone.localdate(at)
    period_start = None
    if task is not None:
        if task.unit_id != unit.pk:
            raise UserError(f"任务“{task.title}”不是“{unit.name}”的报送任务。")
        period = period_for(task.rhythm, task.starts_on, task.due_on, day)
        if period is None:
            raise UserError(
                f"{day:%Y年%m月%d日}不在任务“{task.title}”的报送期内"
                f"（{task.starts_on:%Y年%m月%d日}起）。"
            )
        period_start = period.start
    who = actor_name(actor)
    publication = publication_create(
        actor=f"{unit.name}报送（{who}）",
        agency=office,
        column=column,
        title=title,
        body=body,
        formed_on=formed_on,
    )
    submission = UnitSubmission.objects.create(
        unit=unit,
        office=office,
        publication=publication,
        task=task,
        period_start=period_start,
        title=publication.title,
        submitted_by=actor if is_person(actor) else None,
        submitted_by_label=who,
        submitted_at=at,
        submitted_on=day,
    )
    audit_record(
        actor=actor,
        action="units.submit",
        obj=submission,
        agency=unit,
        new={
            "title": publication.title,
            "office": office.name,
            "publication": publication.pk,
            "task": task.title if task else None,
            "period_start": period_start.isoformat() if period_start else None,
        },
    )
    return submission


# -- reminders -------------------------------------------------------------------------------------
def _recipients(row: TaskPeriod) -> list:
    """The unit's people and the office's 信息员 and 办公室主任."""
    return list(
        User.objects.filter(is_active=True, agency=row.task.unit)
        | User.objects.filter(
            is_active=True, agency=row.task.office, role__in=[Role.CLERK, Role.OFFICE_HEAD]
        )
    )


def reminder_text(row: TaskPeriod) -> tuple[str, str]:
    task = row.task
    if row.state == "overdue":
        subject = f"报送任务已逾期：{task.unit.name}"
        body = (
            f"“{task.title}”（{row.label}）应于{row.period.due:%Y年%m月%d日}前报送"
            f"“{task.office.name}”，至今未报送，已逾期。"
        )
    else:
        subject = f"报送任务即将到期：{task.unit.name}"
        body = (
            f"“{task.title}”（{row.label}）须于{row.period.due:%Y年%m月%d日}前报送"
            f"“{task.office.name}”，尚未报送。"
        )
    return subject, body


def reminders_send(*, actor, today: datetime.date | None = None, senders=None) -> dict:
    """Send each due reminder once per task, period and kind. With no sender configured (the
    default) nothing is sent or recorded; the reminders still show on the 工作台.
    Returns {"due": [...], "sent": [...], "skipped": [...] (sent before), "failed": [(row, note)]
    (a sender failed: not recorded, tried again next run), "senders": [...]}."""
    today = today or timezone.localdate()
    senders = configured_senders() if senders is None else senders
    due = reminders_for_agencies(Agency.objects.all(), today=today)
    result = {
        "due": due,
        "sent": [],
        "skipped": [],
        "failed": [],
        "senders": [s.name for s in senders],
    }
    if not senders:
        return result
    for row in due:
        with transaction.atomic():
            exists = ReminderSent.objects.select_for_update().filter(
                task=row.task, period_start=row.period.start, kind=row.reminder_kind
            )
            if exists.exists():
                result["skipped"].append(row)
                continue
            subject, body = reminder_text(row)
            people = _recipients(row)
            delivery = deliver(recipients=people, subject=subject, body=body, senders=senders)
            if not delivery.delivered:  # not recorded: the next run tries again
                result["failed"].append((row, delivery.note))
                continue
            sent = ReminderSent.objects.create(
                task=row.task,
                period_start=row.period.start,
                due_on=row.period.due,
                kind=row.reminder_kind,
                channels=delivery.channel,
                recipients=delivery.reached,
                sent_at=timezone.now(),
            )
            audit_record(
                actor=actor,
                action="units.remind",
                obj=sent,
                agency=row.task.unit,
                new={"task": row.task.title, "period": row.label, "kind": row.reminder_kind},
            )
            result["sent"].append(row)
    return result
