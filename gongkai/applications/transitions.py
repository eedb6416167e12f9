"""THE table of allowed status moves of a request outside its review. Services call `check`.

登记 → (补正) → 办理 (检索; 征求意见; 待缴费) → 拟答复 → [the review engine: 待初审 (办公室主任) →
待终审 (分管领导) → 已审定待出具] → 答复送达 → 办结. The moves inside the brackets are the review
engine's (gongkai/reviews/transitions.py), not this table's. 撤回 and 视为放弃 end a request from any
open state with an outcome (other_other; other_no_correction / other_no_fee).
"""

from __future__ import annotations

from gongkai.core.errors import UserError

from .choices import Status

S = Status
_OPEN_ENDINGS = {S.WITHDRAWN}

TRANSITIONS: dict[str, set[str]] = {
    S.REGISTERED: {S.AWAITING_CORRECTION, S.PROCESSING, S.DRAFTING_REPLY, *_OPEN_ENDINGS},
    S.AWAITING_CORRECTION: {S.PROCESSING, S.ABANDONED, *_OPEN_ENDINGS},
    S.PROCESSING: {
        S.AWAITING_CORRECTION,
        S.CONSULTING,
        S.AWAITING_FEE,
        S.DRAFTING_REPLY,
        *_OPEN_ENDINGS,
    },
    S.CONSULTING: {S.PROCESSING, *_OPEN_ENDINGS},
    S.AWAITING_FEE: {S.PROCESSING, S.ABANDONED, *_OPEN_ENDINGS},
    S.DRAFTING_REPLY: {*_OPEN_ENDINGS},
    S.FIRST_REVIEW: {*_OPEN_ENDINGS},
    S.FINAL_REVIEW: {*_OPEN_ENDINGS},
    S.APPROVED: {S.DELIVERED, *_OPEN_ENDINGS},
    S.DELIVERED: {S.CONCLUDED},
    S.CONCLUDED: set(),
    S.WITHDRAWN: set(),
    S.ABANDONED: set(),
}
# The states that close a request; each requires exactly one outcome.
CLOSING = {S.DELIVERED, S.CONCLUDED, S.WITHDRAWN, S.ABANDONED}


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def check(current: str, target: str) -> None:
    if not allowed(current, target):
        nexts = "、".join(Status(s).label for s in sorted(TRANSITIONS.get(current, ())))
        raise UserError(
            f"当前状态为“{Status(current).label}”，不能转为“{Status(target).label}”。"
            + (f"可转为：{nexts}。" if nexts else "该申请已办结，不能再变更。")
        )


# THE meaning of each outcome for the status a request ends in, the same for the workflow's services
# (撤回, 视为放弃, 办结) and for ledger imports: 其他处理-其他 is how a withdrawal (撤回) is counted.
WITHDRAWAL_OUTCOME = "other_other"
ABANDON_OUTCOMES = {"no_correction": "other_no_correction", "no_fee": "other_no_fee"}


def closing_status(outcome: str) -> str:
    """The final status of a request that ended with `outcome`."""
    if outcome == WITHDRAWAL_OUTCOME:
        return S.WITHDRAWN
    if outcome in ABANDON_OUTCOMES.values():
        return S.ABANDONED
    return S.CONCLUDED
