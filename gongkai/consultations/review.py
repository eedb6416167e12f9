"""咨询投诉 answers in the review engine: 拟答复 (the engine's 拟稿) → 待初审 → 待终审 → 已审定待答复 →
答复 (the engine's 发布). Review records are reviews.ReviewRecord rows
(its `consultation` foreign key)."""

from gongkai.reviews.choices import ReviewStatus as S
from gongkai.reviews.registry import REVIEW_ACTIONS, SubjectType, register
from gongkai.reviews.steps import bound_steps, decision_approves


def _services():
    from . import services

    return services


def _review(stage):
    def run(actor, consultation, data):
        return _services().consultation_review(
            actor=actor,
            consultation=consultation,
            stage=stage,
            approve=decision_approves(data),
            note=data.get("note", ""),
        )

    return run


CONSULTATION = register(
    SubjectType(
        key="consultation",
        noun="答复",
        record_field="consultation",
        record_subject=lambda consultation: consultation,
        actions=REVIEW_ACTIONS | {"publish"},
        run={
            "submit": lambda actor, c, d: _services().consultation_submit(
                actor=actor, consultation=c, note=d.get("note", "")
            ),
            "first": _review("first"),
            "final": _review("final"),
            "publish": lambda actor, c, d: _services().consultation_answer(
                actor=actor, consultation=c
            ),
        },
        status_codes={S.DRAFT: "drafting", S.PUBLISHED: "answered"},
        status_labels={S.DRAFT: "拟答复", S.APPROVED: "已审定待答复", S.PUBLISHED: "已答复"},
        hints={
            "submit": "提交后由办公室主任初审，再由分管领导终审；提交人不能审查自己提交的答复。",
            "publish": "终审通过后答复：提问人凭查询码看到答复；提问人同意公开的，问答（不含姓名、联系方式）同时在本机关“咨询投诉答复”中公开。",
        },
        publish_label="答复",
    )
)

STEPS = bound_steps(CONSULTATION)
