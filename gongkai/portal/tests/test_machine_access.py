"""Machine access: feeds advertised and well-formed, sitemap, the JSON API (paging, filters, ETag,
the annual-report model as published) and its OpenAPI 3.0 document."""

import datetime
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from django.urls import resolve

from .public_world import make_world, publish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
DOCS = Path(__file__).resolve().parents[3] / "docs"


@pytest.fixture
def world(county, personas):
    return make_world(county, personas)


def alternate_feeds(body: str) -> list[str]:
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', body
    )


def test_every_page_with_a_feed_advertises_it_and_the_feed_works(client, world):
    town, column = world.town.pk, world.column.pk
    pages = {
        "/": "/feeds/",
        f"/agencies/{town}/": f"/feeds/agency/{town}/",
        f"/agencies/{town}/columns/{column}/": f"/feeds/agency/{town}/column/{column}/",
        f"/agencies/{town}/guide/": f"/feeds/agency/{town}/",
        f"/publications/{town}/{world.published.pk}/": f"/feeds/agency/{town}/column/{column}/",
    }
    for page, feed in pages.items():
        advertised = alternate_feeds(client.get(page).content.decode())
        assert feed in advertised, page
        for url in advertised:
            response = client.get(url)
            assert response.status_code == 200 and "atom" in response["Content-Type"]
            root = ElementTree.fromstring(response.content)
            entries = root.findall(f"{ATOM}entry")
            assert [e.find(f"{ATOM}title").text for e in entries] == [world.published.title]
            link = entries[0].find(f"{ATOM}link").get("href")
            assert link.endswith(f"/publications/{town}/{world.published.pk}/")
    assert f"/feeds/county/{world.county.pk}/" in alternate_feeds(client.get("/").content.decode())


def test_feed_is_newest_first(client, county, personas):
    town = county["town"]
    publish(personas, town, title="旧", published_on=datetime.date(2025, 1, 2))
    publish(personas, town, title="新", published_on=datetime.date(2025, 2, 3))
    root = ElementTree.fromstring(client.get(f"/feeds/agency/{town.pk}/").content)
    assert [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")] == ["新", "旧"]


def test_sitemap_index_lists_sections_with_pages_agencies_items(client, world):
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/[^<]*)</loc>", index)
    assert "/sitemap-items.xml" in sections and "/sitemap-guides.xml" in sections
    all_locs = set()
    for section in sections:
        all_locs |= set(
            re.findall(
                r"<loc>http://testserver(/[^<]*)</loc>", client.get(section).content.decode()
            )
        )
    assert {"/", f"/agencies/{world.town.pk}/", f"/agencies/{world.town.pk}/guide/"} <= all_locs
    assert f"/publications/{world.town.pk}/{world.published.pk}/" in all_locs


def test_api_items_paging_filters_and_etag(client, county, personas):
    town, sibling = county["town"], county["sibling"]
    for i in range(3):
        publish(personas, town, title=f"本镇{i}", published_on=datetime.date(2025, 4, 1 + i))
    publish(personas, town, title="去年", published_on=datetime.date(2024, 4, 1))
    page1 = client.get(f"/api/items/?agency={town.pk}&year=2025&page_size=2").json()
    assert page1["count"] == 3 and page1["pages"] == 2 and len(page1["results"]) == 2
    assert [r["title"] for r in page1["results"]] == ["本镇2", "本镇1"]
    page2 = client.get(page1["next"]).json()
    assert [r["title"] for r in page2["results"]] == ["本镇0"] and page2["next"] is None
    assert client.get(f"/api/items/?agency={sibling.pk}").json()["count"] == 0
    bad = client.get("/api/items/?year=二〇二五")
    assert bad.status_code == 400 and "year" in bad.json()["error"]
    assert client.get("/api/items/?page=9").status_code == 400
    assert client.get("/api/items/?page_size=1000").status_code == 400
    first = client.get("/api/items/")
    assert first["ETag"]
    again = client.get("/api/items/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_api_report_is_the_published_snapshot_model(client):
    from django.core.management import call_command

    from gongkai.annual_reports.models import ReportSnapshot

    call_command("demo")
    snapshot = ReportSnapshot.objects.select_related("report").order_by("pk").first()
    agency_id, year = snapshot.report.agency_id, snapshot.report.year
    response = client.get(f"/api/reports/{agency_id}/{year}/")
    assert response.status_code == 200 and response["Last-Modified"]
    model = response.json()
    assert model == snapshot.model
    schema = json.loads((DOCS / "annual-report-model.schema.json").read_text())
    jsonschema.validate(model, schema)
    listed = client.get(f"/api/reports/?agency={agency_id}").json()
    assert any(
        r["year"] == year and r["model_url"].endswith(f"/api/reports/{agency_id}/{year}/")
        for r in listed["results"]
    )
    assert client.get(f"/api/reports/{agency_id}/1999/").status_code == 404


# The parts of the OpenAPI 3.0 structure the document uses (spec.openapis.org/oas/v3.0.3).
OPENAPI_30 = {
    "type": "object",
    "required": ["openapi", "info", "paths"],
    "properties": {
        "openapi": {"type": "string", "pattern": r"^3\.0\.\d+$"},
        "info": {
            "type": "object",
            "required": ["title", "version"],
            "properties": {"title": {"type": "string"}, "version": {"type": "string"}},
        },
        "servers": {"type": "array", "items": {"type": "object", "required": ["url"]}},
        "paths": {
            "type": "object",
            "patternProperties": {"^/": {"$ref": "#/$defs/pathItem"}},
            "additionalProperties": False,
        },
        "components": {
            "type": "object",
            "properties": {
                "schemas": {"type": "object", "additionalProperties": {"$ref": "#/$defs/schema"}}
            },
        },
    },
    "$defs": {
        "pathItem": {
            "type": "object",
            "propertyNames": {
                "enum": [
                    "get",
                    "put",
                    "post",
                    "delete",
                    "options",
                    "head",
                    "patch",
                    "trace",
                    "summary",
                    "description",
                    "parameters",
                ]
            },
            "additionalProperties": {"$ref": "#/$defs/operation"},
        },
        "operation": {
            "type": "object",
            "required": ["responses"],
            "properties": {
                "operationId": {"type": "string"},
                "parameters": {"type": "array", "items": {"$ref": "#/$defs/parameter"}},
                "responses": {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {"pattern": r"^([1-5]\d\d|default)$"},
                    "additionalProperties": {
                        "type": "object",
                        "required": ["description"],
                        "properties": {
                            "content": {
                                "type": "object",
                                "additionalProperties": {
                                    "type": "object",
                                    "properties": {"schema": {"$ref": "#/$defs/schema"}},
                                },
                            }
                        },
                    },
                },
            },
        },
        "parameter": {
            "type": "object",
            "required": ["name", "in", "schema"],
            "properties": {
                "in": {"enum": ["query", "header", "path", "cookie"]},
                "required": {"type": "boolean"},
            },
            "if": {"properties": {"in": {"const": "path"}}},
            "then": {"required": ["required"], "properties": {"required": {"const": True}}},
        },
        "schema": {
            "type": "object",
            "oneOf": [
                {
                    "required": ["$ref"],
                    "properties": {"$ref": {"type": "string", "pattern": "^#/components/schemas/"}},
                },
                {
                    "not": {"required": ["$ref"]},
                    "properties": {
                        "type": {
                            "enum": ["object", "array", "string", "integer", "number", "boolean"]
                        },
                        "nullable": {"type": "boolean"},
                        "properties": {
                            "type": "object",
                            "additionalProperties": {"$ref": "#/$defs/schema"},
                        },
                        "items": {"$ref": "#/$defs/schema"},
                    },
                },
            ],
        },
    },
}


def test_openapi_document_is_valid_and_matches_the_routes(client):
    document = client.get("/api/openapi.json").json()
    jsonschema.validate(document, OPENAPI_30)
    refs = set(re.findall(r'"#/components/schemas/(\w+)"', json.dumps(document)))
    assert refs <= set(document["components"]["schemas"])
    index = client.get("/api/").json()
    assert {e["path"] for e in index["endpoints"]} | {"/api/"} == set(document["paths"])
    from gongkai.portal.urls import urlpatterns

    routes = {
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in urlpatterns
        if (p.name or "").startswith("api_")
    }
    routes = {r.replace("{pk}", "{id}") for r in routes}
    assert routes == set(document["paths"])
    for path, item in document["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "2025", path)
        assert resolve(concrete).url_name.startswith("api_"), path
        names = re.findall(r"\{([^}]+)\}", path)
        in_path = [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "path"]
        assert names == in_path, path
