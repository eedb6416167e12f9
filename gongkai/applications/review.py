"""Request replies in the review engine. A request keeps its own status field: 拟答复 is the engine's
拟稿, and 已审定 reads 已审定待出具 (the reply letter is issued and delivered from there)."""

from gongkai.reviews.choices import ReviewStatus as S
from gongkai.reviews.registry import REVIEW_ACTIONS, SubjectType, register
from gongkai.reviews.steps import bound_steps, decision_approves


def _review(stage):
    def run(actor, app, data):
        from django.utils import timezone

        from . import services

        return services.application_review(
            actor=actor,
            application=app,
            stage=stage,
            approve=decision_approves(data),
            note=data.get("note", ""),
            date=timezone.localdate(),
        )

    return run


def _forms():
    from gongkai.reviews.forms import ReviewForm  # 同意 / 退回修改

    return {"first": ReviewForm, "final": ReviewForm}


APPLICATION = register(
    SubjectType(
        key="application",
        noun="答复",
        record_field="application",
        record_subject=lambda app: app,
        actions=REVIEW_ACTIONS,
        run={"first": _review("first"), "final": _review("final")},
        status_codes={S.DRAFT: "drafting_reply"},
        status_labels={S.DRAFT: "拟答复", S.APPROVED: "已审定待出具"},
        forms=_forms(),
        hints={
            "first": "退回时请写明意见，回到拟答复。",
            "final": "终审应由初审以外的另一人办理。",
        },
    )
)

# Under the keys the case file has always used.
STEPS = bound_steps(APPLICATION, {"first": "review_first", "final": "review_final"})
