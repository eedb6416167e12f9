"""Records made through the services for the public-channel tests: a published item, a draft, an item
under review, an item in every other status the model knows (so a later 已撤回 is covered the day it
is added), review opinions, and a request carrying an applicant's personal data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from gongkai.applications import services as application_services
from gongkai.portal.cache import public_changed
from gongkai.publications import services
from gongkai.publications.choices import PUBLIC_STATUSES, PublicationStatus
from gongkai.publications.models import Publication


@dataclass
class World:
    town: object
    county: object
    published: Publication
    column: object
    hidden: list[Publication] = field(default_factory=list)
    private: dict[str, str] = field(default_factory=dict)


def publish(personas, town, *, title, column="通知公告", body="", published_on=None, note=""):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    item = services.publication_create(
        actor=clerk, agency=town, column=column, title=title, body=body or f"{title}。"
    )
    item = services.publication_submit(actor=clerk, publication=item)
    item = services.publication_review(
        actor=head, publication=item, stage="first", approve=True, secrecy_checked=True, note=note
    )
    item = services.publication_review(
        actor=leader, publication=item, stage="final", approve=True, note=note
    )
    item = services.publication_publish(
        actor=clerk, publication=item, published_on=published_on or datetime.date(2025, 6, 1)
    )
    public_changed(town)
    return item


def make_world(county, personas) -> World:
    town = county["town"]
    clerk, head = personas["clerk"], personas["office_head"]
    private = {
        "review opinion": "初审意见：第三段涉及个人隐私须删除",
        "draft title": "拟稿中尚未审查的征地补偿方案",
        "review title": "待初审的低保名单调整",
        "rejected note": "退回：附件含身份证号码",
        "applicant name": "欧阳秘密",
        "applicant contact": "13912345678",
        "request content": "申请公开本人宅基地审批档案第九十九页",
    }
    published = publish(
        personas, town, title="关于春季森林防火的通告", note=private["review opinion"]
    )
    draft = services.publication_create(
        actor=clerk, agency=town, column="通知公告", title=private["draft title"]
    )
    under_review = services.publication_create(
        actor=clerk, agency=town, column="通知公告", title=private["review title"]
    )
    under_review = services.publication_submit(actor=clerk, publication=under_review)
    rejected = services.publication_create(
        actor=clerk, agency=town, column="通知公告", title="退回修改的通知"
    )
    rejected = services.publication_submit(actor=clerk, publication=rejected)
    services.publication_review(
        actor=head,
        publication=rejected,
        stage="first",
        approve=False,
        note=private["rejected note"],
    )
    hidden = [draft, under_review, rejected]
    # Every other status (a withdrawn state among them, once the model has one): made through the
    # services as a draft, then moved directly, since no service leads there yet.
    # (A withdrawal under review leaves the item public until it is approved: PUBLIC_STATUSES.)
    for status in set(PublicationStatus.values) - {
        *PUBLIC_STATUSES,
        PublicationStatus.DRAFT,
        PublicationStatus.FIRST_REVIEW,
    }:
        item = services.publication_create(
            actor=clerk, agency=town, column="通知公告", title=f"状态为{status}的信息"
        )
        Publication.objects.filter(pk=item.pk).update(status=status)
        hidden.append(item)
    application_services.application_register(
        actor=clerk,
        agency=town,
        applicant_type="natural_person",
        applicant_name=private["applicant name"],
        id_number="410122199001011184",  # valid check digit (GB 11643)
        contact=private["applicant contact"],
        content=private["request content"],
        channel="in_person",
        received_on=datetime.date(2025, 9, 25),
        number="LEAK-0001",
    )
    public_changed(town)
    return World(
        town=town,
        county=county["county"],
        published=published,
        column=published.column,
        hidden=hidden,
        private=private,
    )


def leaks(world: World, text: str) -> list[str]:
    """Private strings (and hidden titles) found in `text`."""
    found = [f"{kind}: {value}" for kind, value in world.private.items() if value in text]
    found += [f"hidden item: {item.title}" for item in world.hidden if item.title in text]
    return found
