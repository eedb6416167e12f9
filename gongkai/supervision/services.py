"""All writes of the supervision app: the county's assessment weights and 督办 reminders."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.actors import actor_name
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.models import Agency, User
from gongkai.core.permissions import can_read
from gongkai.core.senders import deliver

from .models import DEFAULT_WEIGHTS, AssessmentWeights, Reminder

COUNTY_OFFICE_ROLES = {"county_office", "admin"}


def _require_county_office(actor, county: Agency) -> None:
    if isinstance(actor, str):
        return  # the command line acts for the deployer
    if actor.is_superuser:
        return
    if actor.role not in COUNTY_OFFICE_ROLES or not can_read(actor, county):
        raise UserError("只有县政务公开办（或管理员）可以设置考核权重和发起督办。")


@transaction.atomic
def weights_set(
    *, actor, county: Agency, published_target: int, **weights: int
) -> AssessmentWeights:
    _require_county_office(actor, county)
    unknown = set(weights) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise UserError(f"未知的考核指标：{'、'.join(sorted(unknown))}。")
    problems = [
        f"“{AssessmentWeights._meta.get_field(k).verbose_name}”的权重 {v} 不在 0—100 之间"
        for k, v in weights.items()
        if not 0 <= v <= 100
    ]
    if not any(weights.get(k, DEFAULT_WEIGHTS[k]) for k in DEFAULT_WEIGHTS):
        problems.append("所有权重都为 0，无法计算总分")
    if published_target < 1:
        problems.append("主动公开数量目标至少为 1 件")
    if problems:
        raise UserError("考核权重未保存：" + "；".join(problems) + "。", problems=problems)
    row, _ = AssessmentWeights.objects.select_for_update().get_or_create(county=county)
    old = {**row.as_dict(), "published_target": row.published_target}
    for key, value in weights.items():
        setattr(row, key, value)
    row.published_target = published_target
    row.updated_by = actor_name(actor)
    row.save()
    audit_record(
        actor=actor,
        action="assessment_weights_set",
        obj=row,
        agency=county,
        old=old,
        new={**row.as_dict(), "published_target": row.published_target},
    )
    return row


@transaction.atomic
def reminder_send(*, actor, agency: Agency, subject: str, message: str) -> Reminder:
    """督办: record a reminder to `agency`, send it, and audit both."""
    _require_county_office(actor, agency)
    subject, message = subject.strip(), message.strip()
    if not subject or not message:
        raise UserError("督办未发送：请填写督办事项和督办内容。")
    if len(subject) > 200:
        raise UserError("督办未发送：督办事项不能超过 200 字。")
    sender_agency = agency.county() if isinstance(actor, str) else (actor.agency or agency.county())
    people = list(User.objects.filter(agency=agency, is_active=True))
    delivery = deliver(recipients=people, subject=subject, body=message)
    reminder = Reminder.objects.create(
        agency=agency,
        sent_by=actor_name(actor),
        sender_agency=sender_agency,
        subject=subject,
        message=message,
        channel=delivery.channel[:20],
        delivered=delivery.delivered,
        delivery_note=delivery.note[:200],
    )
    audit_record(
        actor=actor,
        action="reminder_send",
        obj=reminder,
        agency=agency,
        new={"subject": subject, "channel": delivery.channel, "delivered": delivery.delivered},
    )
    return reminder
