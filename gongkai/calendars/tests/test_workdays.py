"""The working-day calendar against the spec's worked examples and an independent source."""

import datetime

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing, WorkCalendar

D = datetime.date

# spec/requests-deadlines-fees.md §2, worked examples (2025–2026 official schedules).
WORKED_EXAMPLES = [
    (D(2025, 9, 25), 20, D(2025, 10, 29)),  # reply due
    (D(2025, 9, 25), 40, D(2025, 11, 26)),  # with a 20-day extension
    (D(2025, 9, 25), 7, D(2025, 10, 11)),  # correction notice, a working Saturday
    (D(2025, 1, 20), 20, D(2025, 2, 21)),
    (D(2025, 12, 31), 20, D(2026, 1, 29)),
    (D(2026, 1, 30), 20, D(2026, 3, 5)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "days", "due"), WORKED_EXAMPLES)
def test_worked_examples(start, days, due):
    assert get_calendar().add_working_days(start, days) == due


@pytest.mark.django_db
def test_adjusted_days_from_the_2025_notice():
    cal = get_calendar()
    assert cal.is_working_day(D(2025, 9, 28))  # Sunday, 调休上班
    assert cal.is_working_day(D(2025, 10, 11))  # Saturday, 调休上班
    assert not cal.is_working_day(D(2025, 10, 8))  # Wednesday inside the National Day break
    assert not cal.is_working_day(D(2025, 10, 12))  # an ordinary Sunday


@pytest.mark.django_db
def test_matches_the_holidays_package_2010_to_2026():
    """An independent source (python-holidays) must agree with our table on every day."""
    cal = get_calendar()
    disagreements = []
    for year in range(2010, 2027):
        other = holidays.China(years=year)
        day = D(year, 1, 1)
        while day.year == year:
            if other.is_working_day(day) != cal.is_working_day(day):
                disagreements.append(day)
            day += datetime.timedelta(days=1)
    assert disagreements == []


@pytest.mark.django_db
def test_a_year_without_data_raises_naming_the_year():
    cal = get_calendar()
    with pytest.raises(CalendarMissing) as info:
        cal.add_working_days(D(2026, 12, 18), 20)
    assert "2027" in info.value.message and "gongkai calendar import" in info.value.message
    with pytest.raises(CalendarMissing, match="2003"):
        cal.is_working_day(D(2003, 6, 1))
    with pytest.raises(CalendarMissing, match="2027"):
        cal.working_days_between(D(2026, 12, 1), D(2027, 1, 10))


def test_a_gap_in_the_covered_years_is_not_jumped():
    cal = WorkCalendar(years=[2030, 2032], holidays=[], workdays=[])
    with pytest.raises(CalendarMissing, match="2031"):
        cal.add_working_days(D(2030, 12, 30), 5)


def test_trigger_day_is_not_counted_even_on_a_rest_day():
    # Received on Saturday 2030-01-05 (weekends only in this test calendar): day 1 is Monday.
    cal = WorkCalendar(years=[2030], holidays=[], workdays=[])
    assert cal.add_working_days(D(2030, 1, 5), 1) == D(2030, 1, 7)
    assert cal.add_working_days(D(2030, 1, 7), 1) == D(2030, 1, 8)


@pytest.mark.django_db
def test_between_is_the_inverse_of_add():
    cal = get_calendar()

    @settings(max_examples=200, deadline=None)
    @given(
        start=st.dates(min_value=D(2005, 1, 1), max_value=D(2026, 6, 30)),
        n=st.integers(min_value=1, max_value=60),
    )
    def check(start, n):
        end = cal.add_working_days(start, n)
        assert cal.working_days_between(start, end) == n
        assert cal.is_working_day(end)

    check()
