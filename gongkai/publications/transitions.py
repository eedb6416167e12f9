"""The one table of allowed status moves for publications (and, reused, for annual reports).

拟稿 → 初审 (办公室主任) → 终审 (分管领导) → 发布. A rejection at either review returns the item to 拟稿.
"""

from gongkai.core.errors import UserError

from .choices import PublicationStatus as S

# (status, action) → new status
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "submit"): S.FIRST_REVIEW,
    (S.FIRST_REVIEW, "first_approve"): S.FINAL_REVIEW,
    (S.FIRST_REVIEW, "first_reject"): S.DRAFT,
    (S.FINAL_REVIEW, "final_approve"): S.FINAL_REVIEW,  # 终审通过, awaiting 发布
    (S.FINAL_REVIEW, "final_reject"): S.DRAFT,
    (S.FINAL_REVIEW, "publish"): S.PUBLISHED,
}

ACTION_LABELS = {
    "submit": "提交初审",
    "first_approve": "初审通过",
    "first_reject": "初审退回",
    "final_approve": "终审通过",
    "final_reject": "终审退回",
    "publish": "发布",
    "revise": "发起更正",
}


class IllegalTransition(UserError):
    pass


def next_status(status: str, action: str, table: dict | None = None) -> str:
    table = TRANSITIONS if table is None else table
    try:
        return table[(status, action)]
    except KeyError:
        label = dict(S.choices).get(status, status)
        raise IllegalTransition(
            f"当前状态为“{label}”，不能执行“{ACTION_LABELS.get(action, action)}”。"
        ) from None
