"""The review engine, table-driven. Every expected value below is written out by hand from the rules
(拟稿 → 待初审 → 待终审 → 已审定待发布 → 已发布; withdrawal through 初审 and 终审; 更正 of a report),
NOT derived from reviews.transitions.TRANSITIONS."""

import datetime

import pytest

from gongkai.core.errors import UserError
from gongkai.publications import services
from gongkai.reviews.transitions import IllegalTransition, next_status

ACTIONS = [
    "submit",
    "first_approve",
    "first_reject",
    "final_approve",
    "final_reject",
    "edit",
    "publish",
    "revise",
    "withdraw_request",
]
X = None  # illegal
# One row per status; one column per action in ACTIONS order. Every cell is written by hand.
MATRIX = {
    #                    submit          first_approve       first_reject  final_approve  final_reject  edit            publish      revise   withdraw_request
    "draft": ["first_review", X, X, X, X, X, X, X, X],
    "first_review": [X, "final_review", "draft", X, X, X, X, X, X],
    "final_review": [X, X, X, "approved", "draft", X, X, X, X],
    "approved": [X, X, X, X, X, "first_review", "published", X, X],
    "published": [X, X, X, X, X, X, X, "draft", "withdrawal_first"],
    "withdrawal_first": [X, "withdrawal_final", "published", X, X, X, X, X, X],
    "withdrawal_final": [X, X, X, "withdrawn", "published", X, X, X, X],
    "withdrawn": [X, X, X, X, X, X, X, X, X],
}
CASES = [
    (status, action, row[i]) for status, row in MATRIX.items() for i, action in enumerate(ACTIONS)
]


def test_the_matrix_covers_every_status():
    from gongkai.reviews.choices import ReviewStatus

    assert set(MATRIX) == set(ReviewStatus.values)
    assert sum(1 for *_, target in CASES if target) == 13  # legal moves, counted by hand


@pytest.mark.parametrize(("status", "action", "target"), CASES)
def test_every_move(status, action, target):
    if target is None:
        with pytest.raises(IllegalTransition, match="不能执行"):
            next_status(status, action)
    else:
        assert next_status(status, action) == target


# -- per role, through the services on a real publication ---------------------------------------------
OK, NO = "ok", "refused"
ROLES = ["clerk", "office_head", "leader", "county_office"]
# action → (the status the item is walked to first, outcome for 信息员, 办公室主任, 分管领导, 县公开办)
ROLE_TABLE = {
    "submit": ("draft", OK, OK, OK, NO),
    "first_approve": ("first_review", NO, OK, NO, NO),
    "first_reject": ("first_review", NO, OK, NO, NO),
    "final_approve": ("final_review", NO, NO, OK, NO),
    "final_reject": ("final_review", NO, NO, OK, NO),
    "edit": ("approved", OK, OK, OK, NO),
    "publish": ("approved", OK, OK, OK, NO),
    "withdraw_request": ("published", OK, OK, OK, NO),
    "withdraw_first_approve": ("withdrawal_first", NO, OK, NO, NO),
    "withdraw_final_approve": ("withdrawal_final", NO, NO, OK, NO),
}
# what the item's status is after the move, when it is allowed
AFTER = {
    "submit": "first_review",
    "first_approve": "final_review",
    "first_reject": "draft",
    "final_approve": "approved",
    "final_reject": "draft",
    "edit": "first_review",
    "publish": "published",
    "withdraw_request": "withdrawal_first",
    "withdraw_first_approve": "withdrawal_final",
    "withdraw_final_approve": "withdrawn",
}


def walk_to(status, personas, agency, author="clerk"):
    clerk, head, leader = personas[author], personas["office_head"], personas["leader"]
    p = services.publication_create(
        actor=clerk, agency=agency, column="通知公告", title=f"测试信息（{status}）", body="正文"
    )
    steps = [
        ("first_review", lambda: services.publication_submit(actor=clerk, publication=p)),
        (
            "final_review",
            lambda: services.publication_review(
                actor=head, publication=p, stage="first", approve=True, secrecy_checked=True
            ),
        ),
        (
            "approved",
            lambda: services.publication_review(
                actor=leader, publication=p, stage="final", approve=True
            ),
        ),
        (
            "published",
            lambda: services.publication_publish(
                actor=clerk, publication=p, published_on=datetime.date(2025, 3, 7)
            ),
        ),
        (
            "withdrawal_first",
            lambda: services.publication_withdraw_request(
                actor=clerk, publication=p, reason="内容已过时"
            ),
        ),
        (
            "withdrawal_final",
            lambda: services.publication_review(
                actor=head, publication=p, stage="first", approve=True
            ),
        ),
    ]
    for reached, run in steps:
        if p.status == status:
            break
        run()
        p.refresh_from_db()
        assert p.status == reached
    assert p.status == status
    return p


def take(action, actor, p):
    if action == "submit":
        return services.publication_submit(actor=actor, publication=p)
    if action == "edit":
        return services.publication_update(
            actor=actor, publication=p, column=p.column, title=p.title, body="改过的正文"
        )
    if action == "publish":
        return services.publication_publish(actor=actor, publication=p)
    if action == "withdraw_request":
        return services.publication_withdraw_request(actor=actor, publication=p, reason="过时")
    stage = "first" if "first" in action else "final"
    return services.publication_review(
        actor=actor,
        publication=p,
        stage=stage,
        approve=action.endswith("approve"),
        note="" if action.endswith("approve") else "请修改",
        secrecy_checked=True,
    )


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        (action, role, row[1 + i])
        for action, row in ROLE_TABLE.items()
        for i, role in enumerate(ROLES)
    ],
)
def test_who_may_take_each_step(personas, county, action, role, expected):
    p = walk_to(ROLE_TABLE[action][0], personas, county["town"])
    before = p.status
    if expected == OK:
        take(action, personas[role], p)
        p.refresh_from_db()
        assert p.status == AFTER[action]
    else:
        with pytest.raises(UserError):
            take(action, personas[role], p)
        p.refresh_from_db()
        assert p.status == before


# -- the same person in two roles of one round ---------------------------------------------------------
@pytest.fixture
def superuser(county):
    from gongkai.core.services import person_add

    return person_add(
        actor=None,
        username="root",
        agency=county["town"],
        role="admin",
        password="Gongkai-test-2025",
        is_superuser=True,
    )


def test_the_author_never_approves_their_own_submission(personas, county):
    head = personas["office_head"]
    p = walk_to("draft", personas, county["town"], author="office_head")
    services.publication_submit(actor=head, publication=p)
    with pytest.raises(UserError, match="不能审查自己提交"):
        services.publication_review(
            actor=head, publication=p, stage="first", approve=True, secrecy_checked=True
        )
    with pytest.raises(UserError, match="不能审查自己提交"):
        services.publication_review(
            actor=head, publication=p, stage="first", approve=False, note="x"
        )


def test_the_leader_who_submitted_cannot_take_the_final_review(personas, county):
    leader, head = personas["leader"], personas["office_head"]
    p = walk_to("draft", personas, county["town"], author="leader")
    services.publication_submit(actor=leader, publication=p)
    services.publication_review(
        actor=head, publication=p, stage="first", approve=True, secrecy_checked=True
    )
    with pytest.raises(UserError, match="不能审查自己提交"):
        services.publication_review(actor=leader, publication=p, stage="final", approve=True)


def test_one_person_cannot_take_both_reviews(personas, county, superuser):
    p = walk_to("first_review", personas, county["town"])
    services.publication_review(
        actor=superuser, publication=p, stage="first", approve=True, secrecy_checked=True
    )
    with pytest.raises(UserError, match="终审应由另一人办理"):
        services.publication_review(actor=superuser, publication=p, stage="final", approve=True)
    services.publication_review(
        actor=personas["leader"], publication=p, stage="final", approve=True
    )
    p.refresh_from_db()
    assert p.status == "approved"


def test_a_superuser_who_submitted_reviews_nothing(personas, county, superuser):
    p = walk_to("draft", personas, county["town"])
    services.publication_submit(actor=superuser, publication=p)
    with pytest.raises(UserError, match="不能审查自己提交"):
        services.publication_review(
            actor=superuser, publication=p, stage="first", approve=True, secrecy_checked=True
        )


def test_the_editor_after_approval_is_the_author_of_the_new_round(personas, county):
    head = personas["office_head"]
    p = walk_to("approved", personas, county["town"])
    services.publication_update(actor=head, publication=p, column=p.column, title="新标题")
    p.refresh_from_db()
    assert p.status == "first_review"
    with pytest.raises(UserError, match="不能审查自己提交"):
        services.publication_review(
            actor=head, publication=p, stage="first", approve=True, secrecy_checked=True
        )


def test_rules_of_the_first_review(personas, county):
    head = personas["office_head"]
    p = walk_to("first_review", personas, county["town"])
    with pytest.raises(UserError, match="保密审查"):
        services.publication_review(actor=head, publication=p, stage="first", approve=True)
    with pytest.raises(UserError, match="请写明意见"):
        services.publication_review(actor=head, publication=p, stage="first", approve=False)
    p.refresh_from_db()
    assert p.status == "first_review" and not p.reviews.filter(stage="first").exists()


def test_every_step_is_audited_in_its_transaction(personas, county):
    from gongkai.core.audit_models import AuditEvent

    p = walk_to("draft", personas, county["town"])
    before = AuditEvent.objects.count()
    services.publication_submit(actor=personas["clerk"], publication=p)
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event.action == "publication.submit"
    with pytest.raises(UserError):
        services.publication_review(
            actor=personas["office_head"], publication=p, stage="first", approve=True
        )
    assert AuditEvent.objects.count() == before + 1  # a refused step writes nothing
