"""Allowed moves of a finding. Every service checks this table; an illegal move raises."""

from gongkai.core.errors import UserError

from .choices import FindingStatus as S

TRANSITIONS: dict[str, tuple[str, str]] = {
    # action: (from, to)
    "rectify": (S.OPEN, S.RECTIFIED),
    "close": (S.RECTIFIED, S.CLOSED),
    "reopen": (S.RECTIFIED, S.OPEN),
}

ACTION_LABELS = {"rectify": "提交整改", "close": "验收销号", "reopen": "退回重新整改"}


def require_move(action: str, status: str) -> str:
    start, end = TRANSITIONS[action]
    if status != start:
        raise UserError(
            f"当前状态为“{S(status).label}”，不能{ACTION_LABELS[action]}"
            f"（只有“{S(start).label}”的问题可以）。"
        )
    return end
