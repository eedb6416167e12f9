"""The working-day calendar from the database, cached per process until the table changes."""

from django.db.models import Count, Max

from .models import CalendarException, CalendarYear, DayKind
from .workdays import WorkCalendar

_cache: dict = {}


def _version() -> tuple:
    agg = CalendarException.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    years = CalendarYear.objects.aggregate(n=Count("year"), last=Max("year"))
    return (agg["n"], agg["last"], years["n"], years["last"])


def get_calendar() -> WorkCalendar:
    """One small query to see whether the table changed; the rebuild only when it did."""
    version = _version()
    if _cache.get("version") != version:
        rows = list(CalendarException.objects.values_list("date", "kind"))
        _cache["calendar"] = WorkCalendar(
            years=CalendarYear.objects.values_list("year", flat=True),
            holidays=[d for d, k in rows if k == DayKind.HOLIDAY],
            workdays=[d for d, k in rows if k == DayKind.WORKDAY],
        )
        _cache["version"] = version
    return _cache["calendar"]


def clear_cache() -> None:
    _cache.clear()
