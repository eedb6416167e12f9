"""Publications in the review engine: what each staff step calls."""

from gongkai.reviews.registry import REVIEW_ACTIONS, SubjectType, register
from gongkai.reviews.steps import bound_steps, decision_approves


def _services():
    from . import services

    return services


def _review(stage):
    def run(actor, publication, data):
        return _services().publication_review(
            actor=actor,
            publication=publication,
            stage=stage,
            approve=decision_approves(data),
            note=data.get("note", ""),
            secrecy_checked=bool(data.get("secrecy_checked")),
            sensitive_reason=data.get("sensitive_reason", ""),
        )

    return run


def _first_review_form():
    from .forms import FirstReviewWithScanForm

    return FirstReviewWithScanForm


PUBLICATION = register(
    SubjectType(
        key="publication",
        noun="信息",
        record_field="publication",
        record_subject=lambda publication: publication,
        actions=REVIEW_ACTIONS | {"publish", "withdraw_request"},
        secrecy_check=True,
        forms={"first": _first_review_form()},
        run={
            "submit": lambda actor, p, d: _services().publication_submit(
                actor=actor, publication=p, note=d.get("note", "")
            ),
            "first": _review("first"),
            "final": _review("final"),
            "publish": lambda actor, p, d: _services().publication_publish(
                actor=actor, publication=p, published_on=d.get("published_on")
            ),
            "withdraw": lambda actor, p, d: _services().publication_withdraw_request(
                actor=actor, publication=p, reason=d.get("note", "")
            ),
        },
    )
)

STEPS = bound_steps(PUBLICATION)
