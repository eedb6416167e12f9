"""THE staff steps of the review (提交, 初审, 终审, 发布, 撤回, 更正): for each, the form, the statuses it
starts from, who may take it. The subject type's adapter says which service each step calls.

A page shows a step's form only when the item is at one of its statuses and the user's role allows
it; the POST (views.step, the one step view) checks the same two things (403 for the role, 400 for the status),
then calls the one service, whose own checks come back as a UserError.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.permissions import can_write

from . import forms
from .choices import ReviewStatus as S
from .permissions import may_take
from .registry import SubjectType

FORBIDDEN = {
    "write": "您没有办理本{noun}的权限（只读）。",
    "first": "初审应由本机关办公室主任办理。",
    "final": "终审应由本机关分管领导办理。",
}


@dataclass(frozen=True)
class Step:
    key: str  # "submit", "first", "final", "publish", "withdraw", "revise"
    label: str
    form: type
    engine_statuses: frozenset[str]
    permission: str = "write"  # "write", "first" (办公室主任), "final" (分管领导)
    hint: str = ""
    danger: bool = False


STEPS: dict[str, Step] = {
    s.key: s
    for s in (
        Step(
            "submit",
            "提交初审",
            forms.SubmitForm,
            frozenset({S.DRAFT}),
            hint="提交后由办公室主任初审，再由分管领导终审；提交人不能审查自己提交的内容。",
        ),
        Step(
            "first",
            "初审（办公室主任）",
            forms.FirstReviewForm,
            frozenset({S.FIRST_REVIEW, S.WITHDRAWAL_FIRST}),
            permission="first",
            hint="退回时请写明意见，回到拟稿状态。",
        ),
        Step(
            "final",
            "终审（分管领导）",
            forms.FinalReviewForm,
            frozenset({S.FINAL_REVIEW, S.WITHDRAWAL_FINAL}),
            permission="final",
            hint="终审应由初审以外的另一人办理；退回时请写明意见，回到拟稿状态。",
        ),
        Step(
            "publish",
            "发布",
            forms.PublishForm,
            frozenset({S.APPROVED}),
            hint="终审通过后发布。条例第二十六条：自形成之日起20个工作日内公开。",
        ),
        Step(
            "withdraw",
            "申请撤回",
            forms.WithdrawForm,
            frozenset({S.PUBLISHED}),
            hint="撤回须经初审、终审；撤回后原页面只显示撤回日期和理由，正文不再公开。",
            danger=True,
        ),
        Step(
            "revise",
            "发起更正",
            forms.ReviseForm,
            frozenset({S.PUBLISHED}),
            hint="已发布的版本保持不变，更正稿经初审、终审后作为新版本发布。",
        ),
    )
}


@dataclass(frozen=True)
class BoundStep:
    """A step of one subject type, under the key that type's pages use."""

    step: Step
    subject_type: SubjectType
    key: str
    label: str
    hint: str

    @property
    def form(self) -> type:
        if self.step.key in self.subject_type.forms:
            return self.subject_type.forms[self.step.key]
        if self.step.key == "first" and self.subject_type.secrecy_check:
            return forms.SecrecyReviewForm
        return self.step.form

    danger = property(lambda self: self.step.danger)
    once = ""

    @property
    def statuses(self) -> frozenset[str]:
        """The statuses it starts from, in the item's own codes."""
        return frozenset(self.subject_type.code(s) for s in self.step.engine_statuses)

    def permitted(self, user, subject) -> bool:
        return may_take(user, subject.agency, self.step.permission)

    def forbidden_message(self, user, subject) -> str:
        if not can_write(user, subject.agency):
            return "您的角色为只读，可查看，不能办理。"
        return FORBIDDEN[self.step.permission].format(noun=self.subject_type.noun)

    def is_open(self, subject) -> bool:
        return self.subject_type.get_status(subject) in self.step.engine_statuses

    def offered(self, user, subject, *_ignored) -> bool:
        return self.is_open(subject) and self.permitted(user, subject)

    def run(self, actor, subject, data: dict):
        return self.subject_type.run[self.step.key](actor, subject, data)


def bound_steps(subject_type: SubjectType, keys: dict[str, str] | None = None) -> dict:
    """The steps `subject_type` supports (those its adapter runs), keyed as its pages name them
    (`keys` maps engine key → page key, e.g. {"first": "review_first"})."""
    keys = keys or {}
    labels = {"publish": subject_type.publish_label}
    out = {}
    for key, step in STEPS.items():
        if key not in subject_type.run:
            continue
        page_key = keys.get(key, key)
        label = labels.get(key, step.label)
        hint = subject_type.hints.get(key, step.hint)
        out[page_key] = BoundStep(step, subject_type, page_key, label, hint)
    return out


def decision_approves(data: dict) -> bool:
    return data.get("decision") == "approve"
