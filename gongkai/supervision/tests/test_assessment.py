"""Assessment figures equal the hand counts in world.py; JSON and XLSX agree; no data is 无数据."""

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.applications import services as app_services
from gongkai.applications.tests.factories import register
from gongkai.reviews.factories import reviewers
from gongkai.supervision import sources
from gongkai.supervision.periods import Period
from gongkai.supervision.scores import assess
from gongkai.supervision.selectors import county_tree

from .world import D, at, build


def _finish(agency, app, day):
    clerk, head, leader = reviewers(agency)
    with at(day):
        app_services.application_draft_reply(
            actor=clerk, application=app, outcome="granted", note="予以公开"
        )
        app_services.application_review(actor=head, application=app, stage="first", approve=True)
        app_services.application_review(actor=leader, application=app, stage="final", approve=True)
        app_services.application_deliver(actor=clerk, application=app, date=D(day))


@pytest.fixture
def world(county):
    build(county)
    return county


def _row(rows, agency):
    return next(r for r in rows if r.agency.pk == agency.pk)


@pytest.mark.django_db
def test_year_figures_equal_hand_counts(world):
    with at("2026-03-01"):
        rows = assess(world["county"], county_tree(world["county"]), Period(2025))
    town = _row(rows, world["town"]).values
    assert town["published"].numerator == 3
    assert (town["timely"].numerator, town["timely"].denominator) == (1, 2)
    # R1 on time, R2 late, R3 due Wed 5 Nov 2025 (20 working days after Thu 9 Oct: Sat 11 Oct
    # is a make-up working day) and never answered → 1 of 3.
    assert (town["requests"].numerator, town["requests"].denominator) == (1, 3)
    assert (town["catalogue"].numerator, town["catalogue"].denominator) == (2, 3)
    assert town["report"].score == 0  # the 2024 report does not exist and its deadline passed
    assert town["inspection"].score is None and town["inspection"].text == "无数据"
    assert town["submitted"].score is None
    # Default weights 15/25/25/15/10 over the indicators with data; published 3 of 120 → 2.5.
    expected = (15 * 2.5 + 25 * 50 + 25 * 100 / 3 + 15 * 0 + 10 * 200 / 3) / 90
    assert _row(rows, world["town"]).total == pytest.approx(expected)
    sibling = _row(rows, world["sibling"]).values
    assert sibling["published"].numerator == 1
    assert (sibling["timely"].numerator, sibling["timely"].denominator) == (1, 1)
    assert sibling["requests"].score is None


@pytest.mark.django_db
def test_quarter_counts_only_its_months(world):
    with at("2026-03-01"):
        rows = assess(world["county"], county_tree(world["county"]), Period(2025, 1))
    town = _row(rows, world["town"]).values
    assert town["published"].numerator == 1  # P2 was published on 1 April (Q2)
    assert (town["timely"].numerator, town["timely"].denominator) == (1, 1)
    # R2 was due Mon 31 March and answered only on 1 April: unanswered when Q1 ended.
    assert (town["requests"].numerator, town["requests"].denominator) == (0, 1)


@pytest.mark.django_db
def test_overdue_unanswered_requests_count_as_not_on_time(world):
    """The brief's case: 1 on time (R1), 1 late (R2), 2 overdue and unanswered (R3 and R4)."""
    clerk, _head, _leader = reviewers(world["town"])
    with at("2025-11-03"):  # R4: due 20 working days later, Tue 2 December 2025
        register(clerk, world["town"], received="2025-11-03", number="T-R4")
    with at("2026-03-01"):
        rows = assess(world["county"], county_tree(world["county"]), Period(2025))
        q4 = assess(world["county"], county_tree(world["county"]), Period(2025, 4))
    town = _row(rows, world["town"]).values
    assert (town["requests"].numerator, town["requests"].denominator) == (1, 4)
    assert town["requests"].score == 25.0
    assert (_row(q4, world["town"]).values["requests"].denominator) == 2  # R3, R4
    # While R4 is not yet due (today 1 December), only R3 is overdue.
    with at("2025-12-01"):
        q4 = assess(world["county"], county_tree(world["county"]), Period(2025, 4))
    assert _row(q4, world["town"]).values["requests"].text == "0/1（0.0%）"


@pytest.mark.django_db
def test_a_request_answered_after_the_year_counts_as_unanswered_in_it(world):
    """R3 (due 5 Nov 2025) answered in January 2026: 2025 still holds it as not on time, and
    2026 Q1 counts it as answered late."""
    from gongkai.applications.models import Application

    _finish(world["town"], Application.objects.get(number="T-R3"), "2026-01-06")
    with at("2026-03-01"):
        year = assess(world["county"], county_tree(world["county"]), Period(2025))
        q1 = assess(world["county"], county_tree(world["county"]), Period(2026, 1))
    assert _row(year, world["town"]).values["requests"].text == "1/3（33.3%）"
    assert _row(q1, world["town"]).values["requests"].text == "0/1（0.0%）"


@pytest.mark.django_db
def test_a_registered_source_replaces_no_data(world):
    town = world["town"]
    installed = sources.registered("inspection")
    sources.register("inspection", lambda ids, period: {town.pk: (3, 4)})
    try:
        with at("2026-03-01"):
            rows = assess(world["county"], county_tree(world["county"]), Period(2025))
    finally:
        if installed:
            sources.register("inspection", installed)
        else:
            sources.unregister("inspection")
    assert _row(rows, town).values["inspection"].score == 75


@pytest.mark.django_db
def test_xlsx_holds_the_json_numbers(world, tmp_path):
    out_json, out_xlsx = tmp_path / "a.json", tmp_path / "a.xlsx"
    with at("2026-03-01"):
        call_command(
            "assess", county="卢氏县人民政府", year=2025, format="json", output=str(out_json)
        )
        call_command(
            "assess",
            county="卢氏县人民政府",
            year=2025,
            format="xlsx",
            output=str(out_xlsx),
            stdout=io.StringIO(),
        )
    data = json.loads(out_json.read_text(encoding="utf-8"))
    book = load_workbook(out_xlsx)
    sheet = book["考核 2025年"]
    header = [c.value for c in sheet[1]]
    by_name = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(by_name) == {a["agency"] for a in data["assessment"]["agencies"]}
    for a in data["assessment"]["agencies"]:
        row = by_name[a["agency"]]
        assert row[1] == a["total"]
        for key, v in a["indicators"].items():
            label = next(i["label"] for i in data["assessment"]["indicators"] if i["key"] == key)
            assert row[header.index(f"{label}（得分）")] == v["score"]
            assert row[header.index(f"{label}（数值）")] == v["text"]
    town = next(
        a for a in data["transparency_index"]["agencies"] if a["agency"] == "朱阳关镇人民政府"
    )
    index_rows = {r[0]: r for r in book["透明度指数 2025"].iter_rows(min_row=2, values_only=True)}
    assert index_rows["朱阳关镇人民政府"][1] == town["total"]
    # Request answers: 1 of 3 on time (R3 overdue) → 20/3 of 20 points, and the reason says so.
    assert town["dimensions"]["requests"]["points"] == round(20 / 3, 1)
    assert "按期答复 1/3" in town["dimensions"]["requests"]["reasons"][0]
    assert "年度报告缺失" in town["dimensions"]["report"]["reasons"][0]


@pytest.mark.django_db
def test_unknown_county_is_a_plain_error(world, capsys):
    with pytest.raises(SystemExit) as exc:
        call_command("assess", county="不存在县", year=2025, format="json")
    assert exc.value.code == 1
