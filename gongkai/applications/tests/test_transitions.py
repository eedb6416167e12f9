"""The status table, table-driven: every move not in the table raises."""

import pytest

from gongkai.applications import transitions
from gongkai.applications.choices import Status
from gongkai.core.errors import UserError

ALLOWED = {(a, b) for a, targets in transitions.TRANSITIONS.items() for b in targets}
ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values]


@pytest.mark.parametrize("current,target", sorted(ALL_PAIRS))
def test_every_pair(current, target):
    if (current, target) in ALLOWED:
        transitions.check(current, target)
    else:
        with pytest.raises(UserError):
            transitions.check(current, target)


@pytest.mark.parametrize(
    "current,target",
    [
        ("registered", "delivered"),  # no reply without review
        ("drafting_reply", "final_review"),  # 终审 needs 初审 first
        ("first_review", "approved"),
        ("concluded", "processing"),
        ("withdrawn", "processing"),
        ("abandoned", "processing"),
        ("delivered", "withdrawn"),
    ],
)
def test_named_illegal_moves(current, target):
    with pytest.raises(UserError):
        transitions.check(current, target)


def test_every_status_is_in_the_table():
    assert set(transitions.TRANSITIONS) == set(Status.values)
