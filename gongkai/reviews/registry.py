"""How an app plugs into the review engine: one SubjectType per kind of reviewed item.

An adapter names the item's agency, reads and writes its status in the engine's terms, says which
review record field points at it, which actions it supports, and which service each staff step calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SubjectType:
    key: str  # "publication", "application", "report", "consultation"
    noun: str  # 信息, 答复, 报告 — used in messages
    record_field: str  # the ReviewRecord foreign key
    record_subject: Callable  # (subject) -> the saved model instance review records point at
    actions: frozenset[str]  # the engine actions this type supports
    run: dict[str, Callable] = field(default_factory=dict)  # step key -> (actor, subject, data)
    secrecy_check: bool = False  # 初审 approval needs the 保密审查 confirmation (publications)
    status_labels: dict[str, str] = field(default_factory=dict)  # overrides of status labels
    status_codes: dict[str, str] = field(default_factory=dict)  # engine status -> the item's code
    forms: dict[str, type] = field(default_factory=dict)  # step key -> form, where it differs
    hints: dict[str, str] = field(default_factory=dict)  # step key -> hint, where it differs
    publish_label: str = "发布"

    # A subject has `.agency` and `.status` (in its own codes); these translate.
    def get_status(self, subject) -> str:
        reverse = {v: k for k, v in self.status_codes.items()}
        return reverse.get(subject.status, subject.status)

    def set_status(self, subject, status: str) -> None:
        subject.status = self.status_codes.get(status, status)

    def code(self, status: str) -> str:
        return self.status_codes.get(status, status)

    def status_label(self, status: str) -> str:
        from .choices import ReviewStatus

        return self.status_labels.get(status) or dict(ReviewStatus.choices).get(status, status)


# The actions every reviewed item supports; an adapter adds "publish", "revise", "withdraw_request".
REVIEW_ACTIONS = frozenset(
    {"submit", "first_approve", "first_reject", "final_approve", "final_reject", "edit"}
)

_TYPES: dict[str, SubjectType] = {}


def register(subject_type: SubjectType) -> SubjectType:
    _TYPES[subject_type.key] = subject_type
    return subject_type
