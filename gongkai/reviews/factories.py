"""Test factories: reviewed records built through the services, by three different people of the
item's agency (信息员 drafts and submits, 办公室主任 does 初审, 分管领导 does 终审)."""

from __future__ import annotations

import datetime

from gongkai.core.models import User

ROLES = ("clerk", "office_head", "leader")


def reviewers(agency) -> tuple[User, User, User]:
    """The agency's 信息员, 办公室主任 and 分管领导: existing ones, or test users made for it."""
    from gongkai.core.services import person_add

    people = []
    for role in ROLES:
        person = (
            User.objects.filter(agency=agency, role=role, is_active=True).order_by("pk").first()
        )
        if person is None:
            person = person_add(
                actor=None,
                username=f"{role}-{agency.pk}",
                agency=agency,
                role=role,
                password="Gongkai-test-2025",
            )
        people.append(person)
    return tuple(people)


def published_publication(
    *, agency, column: str, title: str, published_on: datetime.date, **fields
):
    """A publication walked through 提交 → 初审 → 终审 → 发布."""
    from gongkai.publications import services

    clerk, head, leader = reviewers(agency)
    p = services.publication_create(
        actor=clerk, agency=agency, column=column, title=title, **fields
    )
    services.publication_submit(actor=clerk, publication=p)
    services.publication_review(
        actor=head, publication=p, stage="first", approve=True, secrecy_checked=True
    )
    services.publication_review(actor=leader, publication=p, stage="final", approve=True)
    return services.publication_publish(actor=clerk, publication=p, published_on=published_on)
