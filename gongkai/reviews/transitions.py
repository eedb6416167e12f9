"""THE one table of review moves, for publications, request replies and annual reports alike.

拟稿 →提交→ 待初审 (办公室主任) → 待终审 (分管领导) → 已审定待发布 → 发布. A rejection at either review
returns the item to 拟稿; an edit after approval sends it back to 待初审. A published item is withdrawn
through its own 初审 and 终审 (a rejected withdrawal leaves it published). An annual report starts a
更正 from 已发布 (its published snapshots stay as they were).
"""

from gongkai.core.errors import UserError

from .choices import ReviewStatus as S

# (status, action) → new status
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "submit"): S.FIRST_REVIEW,
    (S.FIRST_REVIEW, "first_approve"): S.FINAL_REVIEW,
    (S.FIRST_REVIEW, "first_reject"): S.DRAFT,
    (S.FINAL_REVIEW, "final_approve"): S.APPROVED,
    (S.FINAL_REVIEW, "final_reject"): S.DRAFT,
    (S.APPROVED, "edit"): S.FIRST_REVIEW,
    (S.APPROVED, "publish"): S.PUBLISHED,
    (S.PUBLISHED, "revise"): S.DRAFT,
    (S.PUBLISHED, "withdraw_request"): S.WITHDRAWAL_FIRST,
    (S.WITHDRAWAL_FIRST, "first_approve"): S.WITHDRAWAL_FINAL,
    (S.WITHDRAWAL_FIRST, "first_reject"): S.PUBLISHED,
    (S.WITHDRAWAL_FINAL, "final_approve"): S.WITHDRAWN,
    (S.WITHDRAWAL_FINAL, "final_reject"): S.PUBLISHED,
}

ACTION_LABELS = {
    "submit": "提交初审",
    "first_approve": "初审通过",
    "first_reject": "初审退回",
    "final_approve": "终审通过",
    "final_reject": "终审退回",
    "edit": "审定后修改",
    "publish": "发布",
    "revise": "发起更正",
    "withdraw_request": "申请撤回",
}


class IllegalTransition(UserError):
    pass


def next_status(status: str, action: str, *, status_label: str = "") -> str:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        label = status_label or dict(S.choices).get(status, status)
        raise IllegalTransition(
            f"当前状态为“{label}”，不能执行“{ACTION_LABELS.get(action, action)}”。"
        ) from None
