"""Shared fixtures: a small county and the named personas of DESIGN.md (信息员, 办公室主任, 分管领导, 县公开办, 管理员).

Tests that use no database fixture are marked `pure` automatically; `make test` runs everything on SQLite
and then every non-pure test again on PostgreSQL.
"""

import os

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop

DB_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_configure(config):
    config.addinivalue_line("markers", "pure: needs no database (set automatically)")
    config.addinivalue_line("markers", "browser: drives Debian's chromium with Playwright")


def pytest_collection_modifyitems(config, items):
    for item in items:
        uses_db = item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames)
        if not uses_db:
            item.add_marker(pytest.mark.pure)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached public pages must not outlive the test (the database rolls back, the cache would not)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def county(db):
    """卢氏县人民政府 with two townships (one with a unit) and a department."""
    from gongkai.core.services import agency_add

    agencies = {}
    agencies["county"] = agency_add(actor=None, name="卢氏县人民政府", level="county")
    agencies["town"] = agency_add(
        actor=None, name="朱阳关镇人民政府", level="township", parent_name="卢氏县人民政府"
    )
    agencies["sibling"] = agency_add(
        actor=None, name="官道口镇人民政府", level="township", parent_name="卢氏县人民政府"
    )
    agencies["dept"] = agency_add(
        actor=None, name="卢氏县自然资源局", level="department", parent_name="卢氏县人民政府"
    )
    agencies["unit"] = agency_add(
        actor=None, name="朱阳关镇农业服务中心", level="unit", parent_name="朱阳关镇人民政府"
    )
    return agencies


@pytest.fixture
def personas(county):
    """One person per role. The county office and the administrator sit in the county government."""
    from gongkai.core.services import person_add

    def make(username, agency, role):
        return person_add(
            actor=None, username=username, agency=agency, role=role, password="Gongkai-test-2025"
        )

    return {
        "clerk": make("xinxiyuan", county["town"], "clerk"),
        "office_head": make("bangongshi", county["town"], "office_head"),
        "leader": make("fenguan", county["town"], "leader"),
        "county_office": make("gongkaiban", county["county"], "county_office"),
        "admin": make("guanliyuan", county["county"], "admin"),
        "sibling_clerk": make("guandaokou", county["sibling"], "clerk"),
    }
