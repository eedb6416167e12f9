"""THE steps the staff screens offer on a publication: for each, the form, the stage it starts from,
who may take it, and the ONE service it calls.

The detail page shows a step's form only when the item waits for that step and the user's role
allows it; a POST checks the same two things (403 for the role, 400 for the status) and then calls
the service, whose own checks (保密审查 ticked, a note when returning, …) come back as a UserError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.core.permissions import can_review, can_write

from . import forms, services
from .models import Publication
from .selectors import awaiting


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    form: type
    stage: str  # what the item must be waiting for (selectors.awaiting)
    run: Callable  # (actor, publication, cleaned_data) -> calls one service
    permission: str = "write"  # "write", "first" (办公室主任), "final" (分管领导)
    hint: str = ""

    def permitted(self, user, publication: Publication) -> bool:
        if self.permission == "write":
            return can_write(user, publication.agency)
        return can_write(user, publication.agency) and can_review(
            user, publication.agency, self.permission
        )

    def forbidden_message(self, user, publication: Publication) -> str:
        if not can_write(user, publication.agency):
            return "您的角色为只读，可查看，不能办理。"
        return {
            "write": "您没有办理本信息的权限（只读）。",
            "first": "初审应由本机关办公室主任办理。",
            "final": "终审应由本机关分管领导办理。",
        }[self.permission]

    def offered(self, user, publication: Publication) -> bool:
        return awaiting(publication) == self.stage and self.permitted(user, publication)


def _review(stage: str):
    def run(actor, publication, data):
        return services.publication_review(
            actor=actor,
            publication=publication,
            stage=stage,
            approve=data["decision"] == "approve",
            note=data["note"],
            secrecy_checked=bool(data.get("secrecy_checked")),
        )

    return run


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        Action(
            "submit",
            "提交初审",
            forms.SubmitForm,
            "submit",
            lambda actor, p, d: services.publication_submit(
                actor=actor, publication=p, note=d["note"]
            ),
            hint="提交后由办公室主任初审（含保密审查），再由分管领导终审。",
        ),
        Action(
            "first",
            "初审（办公室主任）",
            forms.FirstReviewForm,
            "first",
            _review("first"),
            permission="first",
            hint="初审通过须确认已完成保密审查；退回时请写明意见，信息回到拟稿状态。",
        ),
        Action(
            "final",
            "终审（分管领导）",
            forms.FinalReviewForm,
            "final",
            _review("final"),
            permission="final",
            hint="退回时请写明意见，信息回到拟稿状态。",
        ),
        Action(
            "publish",
            "发布",
            forms.PublishForm,
            "publish",
            lambda actor, p, d: services.publication_publish(
                actor=actor, publication=p, published_on=d["published_on"]
            ),
            hint="发布后在公开目录中向社会公开。条例第二十六条：自形成之日起20个工作日内公开。",
        ),
    )
}


def offered_actions(user, publication: Publication) -> list[Action]:
    return [a for a in ACTIONS.values() if a.offered(user, publication)]
