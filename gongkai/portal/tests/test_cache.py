"""Public pages come from the cache until public_changed(agency) bumps the version: publishing shows
at once, a withdrawn item disappears at once (from pages, feeds, sitemap and API), staff never get
a cached page."""

import datetime

import pytest

from gongkai.portal.cache import public_changed, version
from gongkai.publications.models import Publication

from .public_world import publish

pytestmark = pytest.mark.django_db


def channels(town, item):
    """(url, what shows the item there)."""
    title, link = item.title, f"/publications/{town.pk}/{item.pk}/"
    return [
        ("/", title),
        (f"/agencies/{town.pk}/", title),
        (f"/feeds/agency/{town.pk}/", title),
        ("/sitemap-items.xml", link),
        ("/api/items/", title),
        (link, title),
    ]


def test_pages_are_served_from_the_cache_until_the_version_changes(client, county, personas):
    town = county["town"]
    item = publish(personas, town, title="森林防火通告", published_on=datetime.date(2025, 3, 1))
    assert "森林防火通告" in client.get(f"/agencies/{town.pk}/").content.decode()
    # A change that bypasses every door (no save(), no signal): the cached page still shows it...
    Publication.objects.filter(pk=item.pk).update(title="改过的标题")
    assert "森林防火通告" in client.get(f"/agencies/{town.pk}/").content.decode()
    # ...until the version of that agency is bumped.
    public_changed(town)
    assert "改过的标题" in client.get(f"/agencies/{town.pk}/").content.decode()


def test_withdrawn_item_disappears_from_every_channel_at_once(client, county, personas):
    town = county["town"]
    item = publish(personas, town, title="将被撤回的公告", published_on=datetime.date(2025, 3, 1))
    for url, needle in channels(town, item):
        response = client.get(url)
        assert response.status_code == 200 and needle in response.content.decode(), url
    # Withdraw (the review engine's withdraw service is being written; its status is anything but
    # 已发布): then the service calls public_changed, as here.
    Publication.objects.filter(pk=item.pk).update(status="draft")
    public_changed(town)
    for url, needle in channels(town, item):
        assert needle not in client.get(url).content.decode(), url


def test_publishing_in_one_agency_keeps_other_agencies_pages_cached(county, personas):
    town, sibling = county["town"], county["sibling"]
    before_sibling, before_site = version(str(sibling.pk)), version("site")
    publish(personas, town, title="本镇的通知")
    assert version(str(sibling.pk)) == before_sibling
    assert version("site") != before_site


def test_saves_through_any_door_bump_the_version(
    county, personas, django_capture_on_commit_callbacks
):
    town = county["town"]
    before = version(str(town.pk))
    with django_capture_on_commit_callbacks(execute=True):
        from gongkai.core.services import disclosure_guide_save

        disclosure_guide_save(actor=personas["clerk"], agency=town, phone="0398-7123456")
    assert version(str(town.pk)) != before


def test_staff_and_visitors_with_a_session_get_fresh_pages(client, county, personas):
    town = county["town"]
    item = publish(personas, town, title="原标题")
    client.get(f"/agencies/{town.pk}/")
    Publication.objects.filter(pk=item.pk).update(title="新标题")
    client.force_login(personas["clerk"])
    assert "新标题" in client.get(f"/agencies/{town.pk}/").content.decode()


def test_a_hit_skips_the_middleware_chain_and_keeps_its_security_headers(
    client, county, personas, monkeypatch
):
    """The cache sits right after SecurityMiddleware: a hit is answered before the session, CSRF,
    auth, CSP… middleware run, with the headers they set when the page was stored."""
    from django.contrib.sessions.middleware import SessionMiddleware

    town = county["town"]
    publish(personas, town, title="森林防火通告", published_on=datetime.date(2025, 3, 1))
    first = client.get(f"/agencies/{town.pk}/")
    calls = []
    original = SessionMiddleware.process_request
    monkeypatch.setattr(
        SessionMiddleware,
        "process_request",
        lambda self, request: calls.append(request.path) or original(self, request),
    )
    hit = client.get(f"/agencies/{town.pk}/")
    assert hit.content == first.content and calls == []
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert first.headers.get(header) and hit.headers.get(header) == first.headers[header]
    client.get("/requests/apply/")  # not a cached page: the whole chain runs
    assert calls == ["/requests/apply/"]
