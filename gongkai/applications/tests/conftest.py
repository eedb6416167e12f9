import pytest


@pytest.fixture(scope="session")
def official_calendar():
    """The official schedules 2004–2026 (the same chinesecalendar data the calendar table is seeded
    from), built without the database so the pure clock tests stay pure."""
    from gongkai.calendars.services import seed_rows_from_package
    from gongkai.calendars.workdays import WorkCalendar

    rows = [r for r in seed_rows_from_package() if 2004 <= r[0].year <= 2026]
    return WorkCalendar(
        years=range(2004, 2027),
        holidays=[d for d, k, _ in rows if k == "holiday"],
        workdays=[d for d, k, _ in rows if k == "workday"],
    )
