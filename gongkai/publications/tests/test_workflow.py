import datetime

import pytest

from gongkai.core.errors import UserError
from gongkai.publications import services
from gongkai.publications.choices import PublicationStatus as S
from gongkai.publications.models import Publication, ReviewRecord
from gongkai.publications.selectors import publications_for_user
from gongkai.publications.transitions import TRANSITIONS, IllegalTransition, next_status

ACTIONS = ["submit", "first_approve", "first_reject", "final_approve", "final_reject", "publish"]


@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_transitions_table(status, action):
    if (status, action) in TRANSITIONS:
        assert next_status(status, action) == TRANSITIONS[(status, action)]
    else:
        with pytest.raises(IllegalTransition):
            next_status(status, action)


@pytest.fixture
def draft(personas, county):
    return services.publication_create(
        actor=personas["clerk"],
        agency=county["town"],
        column="通知公告",
        title="朱阳关镇关于做好森林防火工作的通知",
        body="正文",
        formed_on=datetime.date(2025, 3, 3),
    )


def test_three_level_review(personas, draft):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    services.publication_submit(actor=clerk, publication=draft)
    with pytest.raises(UserError, match="办公室主任"):
        services.publication_review(
            actor=clerk, publication=draft, stage="first", approve=True, secrecy_checked=True
        )
    with pytest.raises(UserError, match="保密审查"):
        services.publication_review(actor=head, publication=draft, stage="first", approve=True)
    services.publication_review(
        actor=head, publication=draft, stage="first", approve=True, secrecy_checked=True
    )
    for who in (clerk, head):
        with pytest.raises(UserError, match="分管领导"):
            services.publication_review(actor=who, publication=draft, stage="final", approve=True)
    with pytest.raises(UserError, match="终审"):
        services.publication_publish(actor=clerk, publication=draft)
    services.publication_review(actor=leader, publication=draft, stage="final", approve=True)
    services.publication_publish(
        actor=clerk, publication=draft, published_on=datetime.date(2025, 3, 7)
    )
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED and draft.secrecy_checked_by
    stages = list(ReviewRecord.objects.filter(publication=draft).values_list("stage", flat=True))
    assert stages == ["submit", "first", "final", "publish"]
    with pytest.raises(IllegalTransition):
        services.publication_submit(actor=clerk, publication=draft)


def test_rejection_returns_to_draft_and_needs_a_note(personas, draft):
    services.publication_submit(actor=personas["clerk"], publication=draft)
    with pytest.raises(UserError, match="意见"):
        services.publication_review(
            actor=personas["office_head"], publication=draft, stage="first", approve=False
        )
    services.publication_review(
        actor=personas["office_head"],
        publication=draft,
        stage="first",
        approve=False,
        note="标题有误",
    )
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_twenty_working_day_rule(personas, county):
    # 2025-03-03 (Mon) + 20 working days = 2025-03-31
    def item(published):
        p = services.publication_create(
            actor="测试",
            agency=county["town"],
            column="通知公告",
            title=f"测试{published}",
            formed_on=datetime.date(2025, 3, 3),
        )
        for step in ("submit", "first", "final"):
            if step == "submit":
                services.publication_submit(actor="测试", publication=p)
            else:
                services.publication_review(
                    actor="测试", publication=p, stage=step, approve=True, secrecy_checked=True
                )
        return services.publication_publish(actor="测试", publication=p, published_on=published)

    assert item(datetime.date(2025, 3, 31)).timeliness() == "按时"
    assert item(datetime.date(2025, 4, 1)).timeliness() == "超期"
    from gongkai.publications.selectors import late_publication_count

    assert late_publication_count(agency_ids=[county["town"].pk], year=2025) == 1


def test_sibling_agency_cannot_see_or_touch_drafts(personas, draft):
    sibling = personas["sibling_clerk"]
    assert not publications_for_user(sibling).filter(pk=draft.pk).exists()
    assert publications_for_user(personas["county_office"]).filter(pk=draft.pk).exists()
    with pytest.raises(UserError):
        services.publication_submit(actor=sibling, publication=draft)
    # the queryset and the per-object check agree for every persona
    from gongkai.core.permissions import can_read

    for person in personas.values():
        assert publications_for_user(person).filter(pk=draft.pk).exists() == can_read(
            person, draft.agency
        )


def test_public_pages_show_only_published_items(client, personas, draft, county):
    services.publication_submit(actor=personas["clerk"], publication=draft, note="请审核")
    published = services.publication_create(
        actor="测试", agency=county["town"], column="通知公告", title="已经发布的通知"
    )
    services.publication_submit(actor="测试", publication=published)
    services.publication_review(
        actor="测试",
        publication=published,
        stage="first",
        approve=True,
        secrecy_checked=True,
        note="内部意见：涉密内容已删除",
    )
    services.publication_review(actor="测试", publication=published, stage="final", approve=True)
    services.publication_publish(actor="测试", publication=published)
    page = client.get(f"/publications/{county['town'].pk}/").content.decode()
    assert "已经发布的通知" in page and draft.title not in page
    assert client.get(f"/publications/{county['town'].pk}/{draft.pk}/").status_code == 404
    item = client.get(f"/publications/{county['town'].pk}/{published.pk}/").content.decode()
    assert "已经发布的通知" in item
    assert "内部意见" not in item and "请审核" not in item and "保密审查" not in item


def test_documents_register_and_count(county):
    from gongkai.publications.selectors import document_counts

    town, dept = county["town"], county["dept"]
    d = datetime.date
    services.document_register(
        actor="测试",
        agency=dept,
        doc_number="卢自然资〔2024〕1号",
        title="甲",
        kind="normative",
        issued_on=d(2024, 5, 1),
    )
    old = services.document_register(
        actor="测试",
        agency=dept,
        doc_number="卢自然资〔2023〕1号",
        title="乙",
        kind="normative",
        issued_on=d(2023, 5, 1),
    )
    services.document_register(
        actor="测试",
        agency=dept,
        doc_number="卢自然资〔2025〕1号",
        title="丙",
        kind="normative",
        issued_on=d(2025, 1, 1),
    )
    services.document_abolish(actor="测试", document=old, abolished_on=d(2025, 12, 31))
    with pytest.raises(UserError, match="已登记"):
        services.document_register(
            actor="测试",
            agency=dept,
            doc_number="卢自然资〔2025〕1号",
            title="丁",
            kind="normative",
            issued_on=d(2025, 2, 1),
        )
    with pytest.raises(UserError, match="无权制定规章"):
        services.document_register(
            actor="测试",
            agency=town,
            doc_number="朱政〔2025〕1号",
            title="戊",
            kind="rules",
            issued_on=d(2025, 2, 1),
        )
    counts = document_counts(agency_ids=[dept.pk], year=2025)
    assert counts["normative"] == {"issued": 1, "abolished": 1, "in_force": 2}
    assert counts["rules"] == {"issued": 0, "abolished": 0, "in_force": 0}
    assert document_counts(agency_ids=[dept.pk], year=2024)["normative"] == {
        "issued": 1,
        "abolished": 0,
        "in_force": 2,
    }
    assert Publication.objects.count() == 0
