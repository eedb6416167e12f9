"""Allowed moves of an annual report: the publications table plus 更正 (a published report goes back to
拟稿 to prepare a numbered revision; the published snapshot stays as it was)."""

from gongkai.publications.choices import PublicationStatus as S
from gongkai.publications.transitions import TRANSITIONS as PUBLICATION_TRANSITIONS
from gongkai.publications.transitions import IllegalTransition, next_status  # noqa: F401

TRANSITIONS = {**PUBLICATION_TRANSITIONS, (S.PUBLISHED, "revise"): S.DRAFT}


def report_next_status(status: str, action: str) -> str:
    return next_status(status, action, TRANSITIONS)
