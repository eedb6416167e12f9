"""A change to the working-day calendar recounts the monthly summary in the same transaction: the
assessment and dashboard figures follow without `gongkai assess --refresh`.

world.py: P1 formed Mon 3/3/2025, published 3/31 (on time: the 20th working day is 3/31); P2
formed 3/3, published Tue 4/1 (late by one day); R2 received 3/3, answered 4/1 (due 3/31: late).
A holiday on Wed 3/12 pushes the 3/3 deadlines one working day, to Tue 4/1: P2 and R2 become on
time. Hand counts for 朱阳关镇, 2025: before, 1 of 2 items and 1 of 2 answered requests (R1, R2)
on time with a known deadline; after, 2 of 2 and 2 of 2. R3 (received 10/9, due 11/5, never
answered) adds one request not on time to both: 1 of 3, then 2 of 3."""

import csv
import datetime

import pytest

from gongkai.calendars.models import CalendarException, CalendarYear
from gongkai.calendars.services import calendar_import, calendar_seed_from_package
from gongkai.supervision import figures
from gongkai.supervision.periods import Period

from .world import build

YEAR = Period(2025)


def _figures(agency_id):
    return (
        figures.timely_count([agency_id], YEAR).get(agency_id, (0, 0)),
        figures.requests_on_time([agency_id], YEAR).get(agency_id, (0, 0)),
    )


def _write_2025(path, extra=()):
    """The 2025 calendar as stored, plus `extra` rows, as the CSV a county would import."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["日期", "类型", "说明"])
        for day in CalendarException.objects.filter(date__year=2025):
            writer.writerow([day.date.isoformat(), day.get_kind_display(), day.name])
        writer.writerows(extra)
    return path


@pytest.mark.django_db
def test_a_new_holiday_makes_late_items_on_time_and_the_reverse(county, tmp_path):
    build(county)
    town = county["town"].pk
    assert _figures(town) == ((1, 2), (1, 3))

    as_published = _write_2025(tmp_path / "b.csv")
    holiday = [("2025-03-12", "休", "临时休假（测试）")]
    calendar_import(actor="命令行", path=_write_2025(tmp_path / "a.csv", holiday), notice="更正")
    assert _figures(town) == ((2, 2), (2, 3))

    # The next notice drops that holiday again: P2 and R2 are late once more.
    calendar_import(actor="命令行", path=as_published, notice="再更正")
    assert not CalendarException.objects.filter(date=datetime.date(2025, 3, 12)).exists()
    assert _figures(town) == ((1, 2), (1, 3))


@pytest.mark.django_db
def test_seeding_a_missing_year_makes_its_deadlines_known(county):
    build(county)
    town = county["town"].pk
    CalendarYear.objects.filter(year=2025).delete()  # as if 2025 had never been entered
    from gongkai.supervision.summary import monthly_summary_refresh

    monthly_summary_refresh(actor="命令行")
    assert _figures(town) == ((0, 0), (0, 0))  # no deadline can be counted in 2025
    calendar_seed_from_package(actor="命令行", first_year=2025, last_year=2025)
    assert _figures(town) == ((1, 2), (1, 3))


@pytest.mark.django_db
def test_a_day_entered_in_the_admin_recounts_the_summary(county, personas, client):
    build(county)
    town = county["town"].pk
    admin_user = personas["admin"]
    admin_user.is_superuser = True  # the calendar is the deployer's (superuser only)
    admin_user.save()
    year = CalendarYear.objects.get(year=2025)
    existing = list(year.days.all())
    data = {
        "year": 2025,
        "notice": year.notice,
        "days-TOTAL_FORMS": str(len(existing) + 1),
        "days-INITIAL_FORMS": str(len(existing)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, day in enumerate(existing):
        data |= {
            f"days-{i}-id": str(day.pk),
            f"days-{i}-year": "2025",
            f"days-{i}-date": day.date.isoformat(),
            f"days-{i}-kind": day.kind,
            f"days-{i}-name": day.name,
        }
    n = len(existing)
    data |= {f"days-{n}-year": "2025", f"days-{n}-date": "2025-03-12", f"days-{n}-kind": "holiday"}
    data[f"days-{n}-name"] = "临时休假（测试）"
    client.force_login(admin_user)
    response = client.post(f"/admin/calendars/calendaryear/{year.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarException.objects.filter(date=datetime.date(2025, 3, 12)).exists()
    assert _figures(town) == ((2, 2), (2, 3))
