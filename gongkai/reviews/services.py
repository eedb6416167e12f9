"""THE review step: one function every reviewed item's services call, inside their own transaction
with the item locked. It applies the transitions table and the rules, writes the review record and
the audit event, and saves the new status — all or nothing.

Rules (each refusal is a Chinese UserError):
- 初审 by the agency's 办公室主任, 终审 by its 分管领导 (reviews.permissions); other steps by
  anyone who may write for the agency (县公开办 is read-only);
- the person who submitted (or edited after approval, or asked for a withdrawal) reviews nothing in
  that round, and the 初审 and 终审 of one round are taken by two different people;
- a rejection needs a note; a 初审 approval of a publication needs the 保密审查 confirmation.
"""

from __future__ import annotations

from django.utils import timezone

from gongkai.core.actors import actor_name, is_person, require_write
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError

from .choices import Decision, ReviewStatus, Stage
from .models import ReviewRecord
from .permissions import require_review
from .registry import SubjectType
from .transitions import IllegalTransition, next_status

ROUND_STARTS = (Stage.SUBMIT, Stage.EDIT, Stage.WITHDRAW, Stage.REVISE)
STAGE_OF_ACTION = {
    "submit": Stage.SUBMIT,
    "first_approve": Stage.FIRST,
    "first_reject": Stage.FIRST,
    "final_approve": Stage.FINAL,
    "final_reject": Stage.FINAL,
    "edit": Stage.EDIT,
    "publish": Stage.PUBLISH,
    "revise": Stage.REVISE,
    "withdraw_request": Stage.WITHDRAW,
}


def _same_person(actor, record: ReviewRecord) -> bool:
    if is_person(actor):
        return record.reviewer_id == actor.pk
    return record.reviewer_id is None and record.reviewer_label == actor_name(actor)


def current_round(subject_type: SubjectType, subject) -> list[ReviewRecord]:
    """The records since the item was last submitted (or edited after approval, or its withdrawal
    asked for)."""
    obj = subject_type.record_subject(subject)
    if obj is None or obj.pk is None:
        return []
    records = list(
        ReviewRecord.objects.filter(**{subject_type.record_field: obj}).order_by("at", "id")
    )
    starts = [i for i, r in enumerate(records) if r.stage in ROUND_STARTS]
    return records[starts[-1] :] if starts else records


def check_reviewer(actor, subject_type: SubjectType, subject, stage: str) -> None:
    """Author ≠ approver, and 初审 ≠ 终审 within one round."""
    records = current_round(subject_type, subject)
    if any(r.stage in ROUND_STARTS and _same_person(actor, r) for r in records):
        raise UserError(
            f"{actor_name(actor)}提交了该{subject_type.noun}，不能审查自己提交的{subject_type.noun}"
            "（拟稿人与审查人应为不同的人）。"
        )
    if stage == Stage.FINAL and any(
        r.stage == Stage.FIRST and r.decision == Decision.APPROVE and _same_person(actor, r)
        for r in records
    ):
        raise UserError(f"{actor_name(actor)}已办理本轮初审，终审应由另一人办理。")


def review_move(
    *,
    actor,
    subject_type: SubjectType,
    subject,
    action: str,
    note: str = "",
    secrecy_checked: bool = False,
    at=None,
    extra: dict | None = None,
) -> str:
    """Take one step; returns the new engine status. The caller holds the transaction and the lock."""
    old = subject_type.get_status(subject)
    label = subject_type.status_label(old)
    if action not in subject_type.actions:
        raise IllegalTransition(f"当前状态为“{label}”，{subject_type.noun}不能办理该步骤。")
    new = next_status(old, action, status_label=label)
    stage = STAGE_OF_ACTION[action]
    agency = subject.agency
    note = (note or "").strip()
    if stage in (Stage.FIRST, Stage.FINAL):
        require_review(actor, agency, stage)
        check_reviewer(actor, subject_type, subject, stage)
    else:
        require_write(actor, agency, subject_type.noun)
    rejected = action.endswith("_reject")
    if rejected and not note:
        raise UserError("退回时请写明意见。")
    if (
        action == "first_approve"
        and old == ReviewStatus.FIRST_REVIEW
        and subject_type.secrecy_check
        and not secrecy_checked
    ):
        raise UserError("初审通过前必须确认已完成保密审查（先审查、后公开）。")
    if action == "withdraw_request" and not note:
        raise UserError("申请撤回时请写明撤回理由（将向公众显示）。")
    subject_type.set_status(subject, new)
    obj = subject_type.record_subject(subject)
    obj.save()
    ReviewRecord.objects.create(
        **{subject_type.record_field: obj},
        stage=stage,
        decision=(
            Decision.REJECT
            if rejected
            else Decision.APPROVE
            if stage in (Stage.FIRST, Stage.FINAL)
            else Decision.NONE
        ),
        from_status=old,
        to_status=new,
        reviewer=actor if is_person(actor) else None,
        reviewer_label=actor_name(actor),
        at=at or timezone.now(),
        note=note,
        secrecy_checked=secrecy_checked and stage == Stage.FIRST,
    )
    audit_record(
        actor=actor,
        action=f"{subject_type.key}.{action}",
        obj=obj,
        old={"status": subject_type.code(old)},
        new={"status": subject_type.code(new), "note": note, **(extra or {})},
    )
    return new


def review_edited(*, actor, subject_type: SubjectType, subject, at=None) -> str:
    """Call before saving an edit: a draft stays a draft, an approved item goes back to 初审, an
    item under review or published is not edited (return it, or start a revision)."""
    status = subject_type.get_status(subject)
    if status == ReviewStatus.DRAFT:
        return status
    if status == ReviewStatus.APPROVED:
        return review_move(
            actor=actor,
            subject_type=subject_type,
            subject=subject,
            action="edit",
            note="审定后修改，重新送初审。",
            at=at,
        )
    raise UserError(
        f"当前状态为“{subject_type.status_label(status)}”，不能修改；"
        "审查中的请先退回，已发布的请发起修改（重新审查后发布）。"
    )
