"""No leaks, one test per public channel: pages, Atom feeds, sitemap, API and the 公众号 copy. Each is
built on records made through the services (portal/tests/public_world.py): the published item must be
there (so the test can fail), and no draft, item under review, other-status item, review opinion or
applicant's data may be."""

import json

import pytest

from gongkai.publications.choices import PublicationStatus

from .public_world import leaks, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(county, personas):
    return make_world(county, personas)


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_pages(client, world):
    town, column = world.town.pk, world.column.pk
    urls = [
        "/",
        "/publications/",
        f"/agencies/{town}/",
        f"/agencies/{town}/?year=2025",
        f"/agencies/{town}/columns/{column}/",
        f"/agencies/{town}/guide/",
        f"/agencies/{town}/system/",
        f"/publications/{town}/",
        f"/publications/{town}/{world.published.pk}/",
        f"/agencies/{world.county.pk}/",
    ]
    bodies = {url: get(client, url) for url in urls}
    assert world.published.title in bodies[f"/agencies/{town}/"]
    assert {url: leaks(world, body) for url, body in bodies.items() if leaks(world, body)} == {}
    for item in world.hidden:
        item.refresh_from_db()
        page = client.get(f"/publications/{town}/{item.pk}/")
        if item.status == PublicationStatus.WITHDRAWN:
            # A withdrawn item's address keeps only the public notice: no body, no review notes.
            assert page.status_code == 200 and "撤回" in page.content.decode()
            assert leaks(world, page.content.decode().replace(item.title, "")) == []
        else:
            assert page.status_code == 404


def test_atom_feeds(client, world):
    town = world.town.pk
    urls = [
        "/feeds/",
        f"/feeds/county/{world.county.pk}/",
        f"/feeds/agency/{town}/",
        f"/feeds/agency/{town}/column/{world.column.pk}/",
    ]
    bodies = {url: get(client, url) for url in urls}
    for body in bodies.values():
        assert world.published.title in body
    assert {url: leaks(world, body) for url, body in bodies.items() if leaks(world, body)} == {}


def test_sitemap(client, world):
    index = get(client, "/sitemap.xml")
    sections = [loc.split("testserver", 1)[1] for loc in _locs(index)]
    bodies = {url: get(client, url) for url in sections}
    urls = {loc for body in bodies.values() for loc in _locs(body)}
    assert f"http://testserver/publications/{world.town.pk}/{world.published.pk}/" in urls
    for item in world.hidden:
        assert f"http://testserver/publications/{world.town.pk}/{item.pk}/" not in urls
    assert {url: leaks(world, body) for url, body in bodies.items() if leaks(world, body)} == {}


def _locs(xml: str) -> list[str]:
    import re

    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_api(client, world):
    listing = json.loads(get(client, "/api/items/?page_size=100"))
    assert [r["id"] for r in listing["results"]] == [world.published.pk]
    bodies = {
        "/api/": get(client, "/api/"),
        "/api/items/?page_size=100": json.dumps(listing, ensure_ascii=False),
        f"/api/items/?agency={world.town.pk}": get(client, f"/api/items/?agency={world.town.pk}"),
        f"/api/items/{world.published.pk}/": get(client, f"/api/items/{world.published.pk}/"),
        "/api/reports/": get(client, "/api/reports/"),
    }
    assert {url: leaks(world, body) for url, body in bodies.items() if leaks(world, body)} == {}
    for item in world.hidden:
        response = client.get(f"/api/items/{item.pk}/")
        assert response.status_code == 404 and not leaks(world, response.content.decode())


def test_wechat_copy(client, world):
    town = world.town.pk
    body = get(client, f"/agencies/{town}/items/{world.published.pk}/wechat/")
    assert world.published.title in body
    assert leaks(world, body) == []
    for item in world.hidden:
        assert client.get(f"/agencies/{town}/items/{item.pk}/wechat/").status_code == 404


def test_item_address_under_the_agency_redirects_to_the_item_page(client, world, county):
    """``/agencies/<a>/items/<i>/`` (the parent of …/wechat/) moves permanently to the item page; only a
    published item of that agency: a hidden item, or one under another agency's number, is 404."""
    town, item = world.town.pk, world.published.pk
    response = client.get(f"/agencies/{town}/items/{item}/")
    assert response.status_code == 301
    assert response["Location"] == f"/publications/{town}/{item}/"
    assert world.published.title in client.get(response["Location"]).content.decode()
    for hidden in world.hidden:
        assert client.get(f"/agencies/{town}/items/{hidden.pk}/").status_code == 404
    assert client.get(f"/agencies/{county['sibling'].pk}/items/{item}/").status_code == 404
