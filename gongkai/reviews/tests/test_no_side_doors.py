"""The admin is no side door: workflow objects are read-only there for everyone, and nobody deletes a
published item or a request with events, through any door."""

import datetime

import pytest

from gongkai.applications import services as requests
from gongkai.applications.models import Application
from gongkai.publications.models import Publication
from gongkai.reviews.factories import published_publication
from gongkai.reviews.models import ReviewRecord


@pytest.fixture
def published(county):
    return published_publication(
        agency=county["town"],
        column="通知公告",
        title="朱阳关镇关于开展春季植树活动的通知",
        body="三月十二日上午集合。",
        published_on=datetime.date(2025, 3, 7),
    )


@pytest.fixture
def open_request(county, personas):
    app, _secret = requests.application_register(
        actor=personas["clerk"],
        agency=county["town"],
        applicant_type="natural_person",
        applicant_name="张三",
        id_number="410122199001011184",
        contact="13800000000",
        content="本镇2024年道路修缮资金使用情况",
        channel="in_person",
        received_on=datetime.date(2025, 3, 3),
    )
    return app


@pytest.mark.parametrize("role", ["clerk", "office_head", "leader", "admin"])
def test_published_item_is_read_only_in_the_admin(client, personas, published, role):
    client.force_login(personas[role])
    base = f"/admin/publications/publication/{published.pk}"
    page = client.get(f"{base}/change/")
    assert page.status_code == 200  # viewable
    assert 'name="_save"' not in page.content.decode()
    response = client.post(f"{base}/change/", {"title": "被改掉的标题", "body": "被改掉"})
    assert response.status_code == 403
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/publications/publication/add/").status_code == 403
    published.refresh_from_db()
    assert published.title == "朱阳关镇关于开展春季植树活动的通知"


def test_request_with_events_is_read_only_and_cannot_be_deleted(client, personas, open_request):
    client.force_login(personas["clerk"])
    base = f"/admin/applications/application/{open_request.pk}"
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{base}/change/", {"content": "改"}).status_code == 403
    changelist = client.post(
        "/admin/applications/application/",
        {"action": "delete_selected", "_selected_action": [open_request.pk], "post": "yes"},
    )
    assert changelist.status_code in (200, 302)
    assert Application.objects.filter(pk=open_request.pk).exists()
    with pytest.raises(ValueError, match="不能删除"):
        open_request.delete()
    with pytest.raises(ValueError, match="不能删除"):
        Application.objects.filter(pk=open_request.pk).delete()


def test_no_door_deletes_a_published_item_or_a_review_record(published):
    with pytest.raises(ValueError, match="不能删除"):
        Publication.objects.filter(pk=published.pk).delete()
    with pytest.raises(ValueError, match="不可删除"):
        ReviewRecord.objects.filter(publication=published).delete()
    assert ReviewRecord.objects.filter(publication=published).count() == 4


@pytest.mark.parametrize(
    "url",
    [
        "/admin/applications/letter/add/",
        "/admin/annual_reports/annualreport/add/",
        "/admin/annual_reports/reportsnapshot/add/",
        "/admin/reviews/reviewrecord/add/",
    ],
)
def test_no_workflow_object_is_added_in_the_admin(client, personas, url):
    client.force_login(personas["admin"])
    assert client.get(url).status_code == 403


def test_admin_actions_still_call_the_services(client, personas, county):
    clerk = personas["clerk"]
    from gongkai.publications import services

    draft = services.publication_create(
        actor=clerk, agency=county["town"], column="通知公告", title="拟稿"
    )
    client.force_login(clerk)
    client.post(
        "/admin/publications/publication/",
        {"action": "submit", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "first_review"
    assert draft.reviews.get().stage == "submit"
