"""The monthly summary that the assessment reads stays equal to the records when they change
through the services (publish, late publish, withdraw, import and re-import into another month,
answer on time, answer late, withdraw a request), and `gongkai assess --refresh` rebuilds the
same rows. The live side is the drill-down (`records.py`), which reads the items themselves."""

import io

import pytest
from django.core.management import call_command

from gongkai.applications import services as app_services
from gongkai.applications.models import Application
from gongkai.publications import services as pub_services
from gongkai.publications.models import Publication
from gongkai.reviews.factories import published_publication, reviewers
from gongkai.supervision import figures
from gongkai.supervision.models import PublicationMonth, ReplyMonth
from gongkai.supervision.periods import Period
from gongkai.supervision.records import records

from .world import D, at, build

PERIODS = [Period(2025), *(Period(2025, q) for q in (1, 2, 3, 4))]


def _live(agency_id, period):
    """(published, (on time, known), (answered on time, answered known)) from the records."""
    timely = [r.flag for r in records([agency_id], "timely", period)]
    replies = [r.flag for r in records([agency_id], "requests", period)]
    return (
        len(records([agency_id], "published", period)),
        (timely.count("按时"), timely.count("按时") + timely.count("超期")),
        (
            replies.count("按期"),
            replies.count("按期") + replies.count("超期") + replies.count("逾期未答复"),
        ),
    )


def _summary(agency_id, period):
    ids = [agency_id]
    return (
        figures.published_count(ids, period).get(agency_id, (0, 0))[0],
        figures.timely_count(ids, period).get(agency_id, (0, 0)),
        figures.requests_on_time(ids, period).get(agency_id, (0, 0)),
    )


def _assert_summary_is_live(county):
    for agency in county.values():
        for period in PERIODS:
            assert _summary(agency.pk, period) == _live(agency.pk, period), (agency, period)


def _stored():
    return (
        sorted(
            PublicationMonth.objects.values_list(
                "agency_id", "column_id", "year", "month", "published", "known", "on_time"
            )
        ),
        sorted(
            ReplyMonth.objects.values_list(
                "agency_id", "year", "month", "answered", "known", "on_time"
            )
        ),
    )


@pytest.mark.django_db
def test_summary_follows_the_services_and_the_refresh_rebuilds_it(county):
    build(county)
    town = county["town"]
    _assert_summary_is_live(county)
    clerk, head, leader = reviewers(town)

    # withdrawn: still counted as published in its month (it was public)
    p1 = Publication.objects.get(title="P1 按时")
    pub_services.publication_withdraw_request(actor=clerk, publication=p1, reason="内容调整")
    pub_services.publication_review(actor=head, publication=p1, stage="first", approve=True)
    pub_services.publication_review(actor=leader, publication=p1, stage="final", approve=True)
    # late: formed 3/3, due 3/31 (world.py), published 7/1
    published_publication(
        agency=town,
        column="政策文件",
        title="P5 迟发",
        published_on=D("2025-07-01"),
        formed_on=D("2025-03-03"),
    )
    # imported in August, then re-imported with its date moved to November (late by then)
    ledger = {
        "actor": clerk,
        "agency": town,
        "column_name": "政策文件",
        "title": "P6 台账导入",
        "formed_on": D("2025-08-01"),
        "doc_number": "卢朱政〔2025〕9号",
    }
    assert pub_services.publication_upsert_published(**ledger, published_on=D("2025-08-05"))
    _assert_summary_is_live(county)
    assert _summary(town.pk, Period(2025, 3))[1] == (1, 2)  # P6 on time, P5 late
    pub_services.publication_upsert_published(**ledger, published_on=D("2025-11-03"))
    # R3 (received Thu 10/9, due in November) withdrawn on 10/20: ended within its time limit
    with at("2025-10-20"):
        app_services.application_withdraw(
            actor=clerk,
            application=Application.objects.get(number="T-R3"),
            date=D("2025-10-20"),
        )
    _assert_summary_is_live(county)

    # hand counts for 朱阳关镇 2025: P1 P2 P3 P5 P6 published; P1 on time of P1 P2 P5 P6;
    # R1 and R3 on time of R1 R2 R3
    year = Period(2025)
    assert _summary(town.pk, year) == (5, (1, 4), (2, 3))
    assert _summary(town.pk, Period(2025, 3)) == (1, (0, 1), (1, 1))
    assert _summary(town.pk, Period(2025, 4)) == (1, (0, 1), (1, 1))

    kept = _stored()
    PublicationMonth.objects.all().delete()
    ReplyMonth.objects.all().delete()
    out = io.StringIO()
    call_command("assess", "--refresh", stdout=out)
    assert "已重建每月汇总" in out.getvalue()
    assert _stored() == kept


@pytest.mark.django_db
def test_summary_follows_imported_requests(county):
    """A ledger row answered 2025-09-10 (received Mon 9/1, on time as R1 in world.py), then
    re-imported with the reply on 2025-11-03 (late): the answer moves from Q3 to Q4."""
    from decimal import Decimal

    from gongkai.applications.ledger_services import (
        application_import_create,
        application_import_update,
    )

    town = county["town"]
    clerk, _head, _leader = reviewers(town)
    values = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "received_on": D("2025-09-01"),
        "channel": "in_person",
        "content": "2025年农村道路建设项目清单",
        "outcome": "granted",
        "replied_on": D("2025-09-10"),
        "fee_yuan": Decimal(0),
    }
    app = application_import_create(actor=clerk, agency=town, number="L-1", values=values)
    assert _summary(town.pk, Period(2025, 3))[2] == (1, 1)
    _assert_summary_is_live(county)
    application_import_update(
        actor=clerk, application=app, values={**values, "replied_on": D("2025-11-03")}
    )
    # Due Sun 28 September (a make-up working day, the 20th): unanswered when Q3 ended.
    assert _summary(town.pk, Period(2025, 3))[2] == (0, 1)
    assert _summary(town.pk, Period(2025, 4))[2] == (0, 1)
    assert _summary(town.pk, Period(2025))[2] == (0, 1)
    _assert_summary_is_live(county)
