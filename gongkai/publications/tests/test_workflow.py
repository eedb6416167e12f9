import datetime

import pytest

from gongkai.core.errors import UserError
from gongkai.publications import services
from gongkai.publications.choices import PublicationStatus as S
from gongkai.publications.models import Publication
from gongkai.publications.selectors import publications_for_user
from gongkai.reviews.factories import published_publication
from gongkai.reviews.models import ReviewRecord
from gongkai.reviews.transitions import IllegalTransition


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
    with pytest.raises(UserError, match="待终审"):
        services.publication_publish(actor=clerk, publication=draft)
    services.publication_review(actor=leader, publication=draft, stage="final", approve=True)
    draft.refresh_from_db()
    assert draft.status == S.APPROVED  # 已审定待发布 is a status, not a guess from the records
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
        return published_publication(
            agency=county["town"],
            column="通知公告",
            title=f"测试{published}",
            formed_on=datetime.date(2025, 3, 3),
            published_on=published,
        )

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
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    published = services.publication_create(
        actor=clerk, agency=county["town"], column="通知公告", title="已经发布的通知"
    )
    services.publication_submit(actor=clerk, publication=published)
    services.publication_review(
        actor=head,
        publication=published,
        stage="first",
        approve=True,
        secrecy_checked=True,
        note="内部意见：涉密内容已删除",
    )
    services.publication_review(actor=leader, publication=published, stage="final", approve=True)
    services.publication_publish(actor=clerk, publication=published)
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


@pytest.fixture
def published(county):
    return published_publication(
        agency=county["town"],
        column="通知公告",
        title="朱阳关镇关于开展春季植树活动的通知",
        body="三月十二日上午集合。",
        published_on=datetime.date(2025, 3, 7),
    )


def test_withdrawal_is_reviewed_and_leaves_a_public_notice(client, personas, county, published):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    town = county["town"]
    url = f"/publications/{town.pk}/{published.pk}/"
    with pytest.raises(UserError, match="撤回理由"):
        services.publication_withdraw_request(actor=clerk, publication=published, reason="")
    services.publication_withdraw_request(
        actor=clerk, publication=published, reason="活动时间调整，另行通知"
    )
    # still public while the withdrawal is under review
    assert "三月十二日上午集合" in client.get(url).content.decode()
    with pytest.raises(UserError, match="意见"):
        services.publication_review(actor=head, publication=published, stage="first", approve=False)
    services.publication_review(actor=head, publication=published, stage="first", approve=True)
    services.publication_review(actor=leader, publication=published, stage="final", approve=True)
    published.refresh_from_db()
    assert published.status == S.WITHDRAWN
    page = client.get(url).content.decode()
    assert f"本信息已于{published.withdrawn_on.year}年{published.withdrawn_on.month}月" in page
    assert "活动时间调整，另行通知" in page and "三月十二日上午集合" not in page
    assert published.title not in client.get(f"/publications/{town.pk}/").content.decode()
    assert published.title not in client.get("/").content.decode()


def test_rejected_withdrawal_leaves_the_item_published(personas, published):
    services.publication_withdraw_request(
        actor=personas["clerk"], publication=published, reason="误发"
    )
    services.publication_review(
        actor=personas["office_head"],
        publication=published,
        stage="first",
        approve=False,
        note="无需撤回",
    )
    published.refresh_from_db()
    assert published.status == S.PUBLISHED


def test_published_item_is_changed_only_through_a_reviewed_revision(
    client, personas, county, published
):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    url = f"/publications/{county['town'].pk}/{published.pk}/"
    with pytest.raises(UserError, match="已发布"):
        services.publication_update(
            actor=clerk, publication=published, column=published.column, title="改过的标题"
        )
    revision = services.publication_start_revision(actor=clerk, publication=published)
    services.publication_update(
        actor=clerk,
        publication=revision,
        column=revision.column,
        title=revision.title,
        body="改为三月十四日上午集合。",
    )
    services.publication_submit(actor=clerk, publication=revision)
    services.publication_review(
        actor=head, publication=revision, stage="first", approve=True, secrecy_checked=True
    )
    services.publication_review(actor=leader, publication=revision, stage="final", approve=True)
    assert "三月十二日上午集合" in client.get(url).content.decode()  # not yet published
    services.publication_publish(actor=clerk, publication=revision)
    page = client.get(url).content.decode()
    assert "改为三月十四日上午集合" in page and "三月十二日" not in page
    assert not Publication.objects.filter(pk=revision.pk).exists()
    stages = list(
        ReviewRecord.objects.filter(publication=published).values_list("stage", flat=True)
    )
    assert stages == ["submit", "first", "final", "publish"] * 2


def test_edit_after_approval_goes_back_to_first_review(personas, draft):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    services.publication_submit(actor=clerk, publication=draft)
    services.publication_review(
        actor=head, publication=draft, stage="first", approve=True, secrecy_checked=True
    )
    services.publication_review(actor=leader, publication=draft, stage="final", approve=True)
    services.publication_update(
        actor=clerk, publication=draft, column=draft.column, title=draft.title, body="新正文"
    )
    draft.refresh_from_db()
    assert draft.status == S.FIRST_REVIEW


def test_published_item_cannot_be_deleted(published):
    with pytest.raises(ValueError, match="不能删除"):
        published.delete()
    with pytest.raises(ValueError, match="不能删除"):
        Publication.objects.filter(pk=published.pk).delete()
    assert Publication.objects.filter(pk=published.pk).exists()
