"""Raw figures per agency for a period, counted in SQL (or in one pass with the calendar).

Every function takes a list of agency ids and a `Period` and returns {agency_id: (numerator,
denominator)}. The assessment (`scores.py`), the transparency index (`transparency.py`) and the
county dashboard (`dashboard.py`) all read these; `records.py` lists the rows behind each figure.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Q

from gongkai.applications import clock
from gongkai.applications.conf import clock_options
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import CLOCK_KINDS
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing, WorkCalendar
from gongkai.publications.choices import PROACTIVE_DEADLINE_WORKING_DAYS, WAS_PUBLISHED
from gongkai.publications.models import CatalogueColumn, Publication

from .periods import Period

Figures = dict[int, tuple[int, int]]

# Within `with memo():` the same figure for the same agencies and period is counted once (a page
# shows the assessment and the transparency index, which share timeliness, replies and reports).
_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "supervision_memo", default=None
)


@contextlib.contextmanager
def memo():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _memoised(fn):
    @functools.wraps(fn)
    def wrapper(agencies, period, **kw):
        cache = _memo.get()
        if cache is None:
            return fn(agencies, period, **kw)
        key = (
            fn.__name__,
            tuple(getattr(a, "pk", a) for a in agencies),
            period,
            tuple(sorted(kw.items())),
        )
        if key not in cache:
            cache[key] = fn(agencies, period, **kw)
        return cache[key]

    return wrapper


def published_items(agency_ids: list[int], period: Period) -> Q:
    """THE filter for "an item published in the period" (revisions are not new items)."""
    return Q(
        agency_id__in=agency_ids,
        status__in=WAS_PUBLISHED,
        revises__isnull=True,
        published_on__range=(period.start, period.end),
    )


def published_count(agency_ids: list[int], period: Period) -> Figures:
    rows = (
        Publication.objects.filter(published_items(agency_ids, period))
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
    )
    return {r["agency_id"]: (r["n"], 0) for r in rows}


def deadline_table(
    start: datetime.date, end: datetime.date, calendar: WorkCalendar
) -> list[tuple[datetime.date, datetime.date]]:
    """(day, its 20-working-day publication deadline) for every day in [start, end] the calendar
    covers — a few hundred rows, joined in SQL to every item's 成文日期."""
    rows = []
    day = start
    while day <= end:
        try:
            rows.append((day, calendar.add_working_days(day, PROACTIVE_DEADLINE_WORKING_DAYS)))
        except CalendarMissing:
            pass
        day += datetime.timedelta(days=1)
    return rows


def _formed_range(agency_ids, period) -> tuple[datetime.date, datetime.date] | None:
    from django.db.models import Max, Min

    r = Publication.objects.filter(published_items(agency_ids, period)).aggregate(
        lo=Min("formed_on"), hi=Max("formed_on")
    )
    if r["lo"] is None:
        return None
    # An item formed more than a year before its publication is late whatever the calendar says.
    return max(r["lo"], period.start - datetime.timedelta(days=400)), r["hi"]


@_memoised
def timely_count(agency_ids: list[int], period: Period, *, late: bool = False) -> Figures:
    """(published on time, published with a known deadline) per agency — Art. 26's 20 working
    days from the 成文日期. Items without 成文日期, or formed on a day the calendar does not cover,
    have no known deadline and are not counted either way. With late=True: (late, known)."""
    if not agency_ids:
        return {}
    span = _formed_range(agency_ids, period)
    if span is None:
        return {}
    table = deadline_table(*span, get_calendar())
    if not table:
        return {}
    # The few hundred days drive the join (CROSS JOIN fixes the order in SQLite); each day seeks
    # its items in the covering index publication_supervision_index (formed_on first).
    values = ", ".join(["(%s, %s)"] * len(table))
    params: list = [v for row in table for v in row]
    ids = ", ".join(["%s"] * len(agency_ids))
    statuses = ", ".join(["%s"] * len(WAS_PUBLISHED))
    sql = f"""
        WITH dl(day, deadline) AS (VALUES {values})
        SELECT p.agency_id, COUNT(*),
               SUM(CASE WHEN p.published_on <= dl.deadline THEN 1 ELSE 0 END)
        FROM dl CROSS JOIN publications_publication p
        WHERE p.formed_on = dl.day AND p.agency_id IN ({ids}) AND p.status IN ({statuses})
          AND p.revises_id IS NULL AND p.published_on BETWEEN %s AND %s
        GROUP BY p.agency_id
    """
    params += [*agency_ids, *[str(s) for s in WAS_PUBLISHED], period.start, period.end]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        out = {}
        for agency_id, known, on_time in cursor.fetchall():
            on_time = int(on_time or 0)
            out[agency_id] = ((known - on_time) if late else on_time, known)
    return out


def column_coverage(agency_ids: list[int], period: Period) -> Figures:
    """(columns with an item published in the period, the agency's columns)."""
    columns = {
        r["agency_id"]: r["n"]
        for r in CatalogueColumn.objects.filter(agency_id__in=agency_ids)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
    }
    used = {
        r["agency_id"]: r["n"]
        for r in Publication.objects.filter(published_items(agency_ids, period))
        .order_by()
        .values("agency_id")
        .annotate(n=Count("column_id", distinct=True))
    }
    return {a: (min(used.get(a, 0), n), n) for a, n in columns.items()}


def reply_rows(agency_ids: list[int], period: Period) -> list[tuple[int, int, bool | None]]:
    """(request id, agency id, answered on time?) for every request answered in the period.
    One query for the requests, one for their clock events, one calendar; None when the
    calendar cannot tell."""
    apps = list(
        Application.objects.filter(
            agency_id__in=agency_ids, replied_on__range=(period.start, period.end)
        )
        .order_by()
        .values_list("id", "agency_id", "received_on", "replied_on")
    )
    if not apps:
        return []
    calendar = get_calendar()
    options = clock_options()
    events: dict[int, list[clock.ClockEvent]] = defaultdict(list)
    for app_id, kind, date, days, received, deadline in (
        ApplicationEvent.objects.filter(
            application__agency_id__in=agency_ids,
            application__replied_on__range=(period.start, period.end),
            kind__in=CLOCK_KINDS,
        )
        .order_by()
        .values_list("application_id", "kind", "date", "days", "party_received_on", "deadline")
    ):
        events[app_id].append(clock.ClockEvent(kind, date, days, received, deadline))
    plain: dict[datetime.date, datetime.date | None] = {}
    out = []
    for app_id, agency_id, received_on, replied_on in apps:
        try:
            if app_id in events:
                due = clock.compute(
                    received_on, events[app_id], calendar, today=replied_on, **options
                ).due
            else:
                if received_on not in plain:
                    plain[received_on] = clock.compute(received_on, (), calendar).due
                due = plain[received_on]
        except CalendarMissing:
            due = None
        out.append((app_id, agency_id, None if due is None else replied_on <= due))
    return out


@_memoised
def requests_on_time(agency_ids: list[int], period: Period) -> Figures:
    """(answered on time, answered with a known due date) per agency."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for _id, agency_id, on_time in reply_rows(agency_ids, period):
        if on_time is None:
            continue
        counts[agency_id][1] += 1
        counts[agency_id][0] += int(on_time)
    return {a: (ok, n) for a, (ok, n) in counts.items()}


# -- the annual report --------------------------------------------------------------------------
class ReportState:
    """What the records say about one agency's annual report for `year`. A report that does not
    exist is `missing` — never "clean": nothing was checked."""

    def __init__(self, *, agency, year, report=None, first=None, latest=None):
        self.agency_id = agency.pk
        self.year = year
        self.deadline = agency.report_deadline(year)
        self.exists = report is not None
        self.report_id = report.pk if report else None
        self.status = report.status if report else ""
        self.published = first is not None
        self.published_at = first.published_at if first else None
        self.late = bool(first and first.late)
        self.revision = latest.revision if latest else None
        findings = latest.findings if latest else []
        self.errors = sum(1 for f in findings if f.get("severity") == "error")
        self.warnings = len(findings) - self.errors
        self.first_errors = sum(
            1 for f in (first.findings if first else []) if f.get("severity") == "error"
        )

    @property
    def label(self) -> str:
        if not self.exists:
            return "缺失（未编制）"
        if not self.published:
            return "未发布"
        text = "已发布" + ("（逾期）" if self.late else "")
        if self.revision:
            text += f"，已更正 {self.revision} 次"
        return text

    @property
    def findings_label(self) -> str:
        if not self.published:
            return "未检查（报告未发布）"
        if not self.errors and not self.warnings:
            return "未发现问题"
        return f"错误 {self.errors} 处，提示 {self.warnings} 处"

    def score(self, as_of: datetime.date) -> float | None:
        """100 published on time without errors; −50 late; −50 errors still in the latest
        revision; 0 when the deadline has passed unpublished; None (无数据) before the deadline."""
        if not self.published:
            return 0.0 if as_of > self.deadline else None
        return 100.0 - (50 if self.late else 0) - (50 if self.errors else 0)


@_memoised
def report_states(agencies, year: int) -> dict[int, ReportState]:
    from gongkai.annual_reports.models import AnnualReport, ReportSnapshot

    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=[a.pk for a in agencies], year=year)
    }
    first, latest = {}, {}
    for s in (
        ReportSnapshot.objects.filter(report__in=[r.pk for r in reports.values()])
        .order_by("report_id", "revision")
        .only("report_id", "revision", "published_at", "late", "findings")
    ):
        first.setdefault(s.report_id, s)
        latest[s.report_id] = s
    out = {}
    for agency in agencies:
        report = reports.get(agency.pk)
        out[agency.pk] = ReportState(
            agency=agency,
            year=year,
            report=report,
            first=first.get(report.pk) if report else None,
            latest=latest.get(report.pk) if report else None,
        )
    return out
