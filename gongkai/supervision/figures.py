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
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.utils import timezone

from gongkai.applications import clock
from gongkai.applications.conf import clock_options
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import CLOCK_KINDS, due_rows
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing, WorkCalendar
from gongkai.publications.choices import PROACTIVE_DEADLINE_WORKING_DAYS, WAS_PUBLISHED
from gongkai.publications.models import CatalogueColumn

from .models import PublicationMonth, ReplyMonth
from .periods import Period

Figures = dict[int, tuple[int, int]]
LAST_DAY = datetime.date(2999, 12, 31)

# Within `with memo():` the same figure for the same agencies and period is counted once (a page
# shows the assessment and the transparency index, which share timeliness, replies and reports).
_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "supervision_memo", default=None
)


@contextlib.contextmanager
def memo():
    """Nested uses share the outermost cache."""
    if _memo.get() is not None:
        yield
        return
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


class ColumnRow(NamedTuple):
    """How many items one agency published in one 栏目 in the period."""

    agency_id: int
    column_id: int | None
    published: int


def _months(period: Period) -> Q:
    return Q(year=period.year, month__range=(period.start.month, period.end.month))


@_memoised
def publication_columns(agency_ids: list[int], period: Period) -> list[ColumnRow]:
    """The period's published items per agency and 栏目, summed in SQL over the monthly summary
    (`summary.py`): the published count, the 栏目 used and the areas of the transparency index
    are all sums over these rows."""
    return list(
        map(
            ColumnRow._make,
            PublicationMonth.objects.filter(
                _months(period), agency_id__in=agency_ids, published__gt=0
            )
            .order_by()
            .values("agency_id", "column_id")
            .annotate(n=Sum("published"))
            .values_list("agency_id", "column_id", "n"),
        )
    )


def per_month(model, field: str, agency_ids: list[int], year: int) -> list[int]:
    """January–December totals of one summary column (12 rows from SQL)."""
    months = [0] * 12
    for month, n in (
        model.objects.filter(year=year, agency_id__in=agency_ids)
        .order_by()
        .values("month")
        .annotate(n=Sum(field))
        .values_list("month", "n")
    ):
        months[month - 1] = n
    return months


def published_count(agency_ids: list[int], period: Period) -> Figures:
    out: dict[int, int] = defaultdict(int)
    for r in publication_columns(agency_ids, period):
        out[r.agency_id] += r.published
    return {a: (n, 0) for a, n in out.items()}


def deadline_table(
    start: datetime.date, calendar: WorkCalendar, *, last: datetime.date | None = None
) -> list[tuple[datetime.date, datetime.date]]:
    """(day, its 20-working-day publication deadline) for every day from `start` to `last` (at
    most the end of the calendar's last year) that the calendar can count from. Days it cannot
    count (a year not in the calendar) have no row: an item formed then has no known deadline."""
    if not calendar.years:
        return []
    rows = []
    day, last = start, min(last or datetime.date.max, datetime.date(max(calendar.years), 12, 31))
    while day <= last:
        try:
            rows.append((day, calendar.add_working_days(day, PROACTIVE_DEADLINE_WORKING_DAYS)))
        except CalendarMissing:
            pass
        day += datetime.timedelta(days=1)
    return rows


@_memoised
def timely_count(agency_ids: list[int], period: Period, *, late: bool = False) -> Figures:
    """(published on time, published with a known deadline) per agency — Art. 26's 20 working
    days from the 成文日期, from the monthly summary. Items without 成文日期 or formed on a day
    the work calendar does not cover have no known deadline and are not counted either way.
    With late=True: (late, known)."""
    out = {}
    for agency_id, known, on_time in (
        PublicationMonth.objects.filter(_months(period), agency_id__in=agency_ids, known__gt=0)
        .order_by()
        .values("agency_id")
        .annotate(k=Sum("known"), ok=Sum("on_time"))
        .values_list("agency_id", "k", "ok")
    ):
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
    used: dict[int, set] = defaultdict(set)
    for r in publication_columns(agency_ids, period):
        if r.column_id is not None:
            used[r.agency_id].add(r.column_id)
    return {a: (min(len(used.get(a, ())), n), n) for a, n in columns.items()}


def reply_rows(agency_ids: list[int], period: Period) -> list[tuple[int, int, bool | None]]:
    """(request id, agency id, answered on time?) for every request answered in the period
    (the drill-down list)."""
    return [
        (app_id, agency_id, None if due is None else replied_on <= due)
        for app_id, agency_id, replied_on, due in replies_between(
            agency_ids, period.start, period.end
        )
    ]


def replies_between(
    agency_ids: list[int], start: datetime.date, end: datetime.date
) -> list[tuple[int, int, datetime.date, datetime.date | None]]:
    """(request id, agency id, answered on, due date) for every request answered between start
    and end. One query for the requests, one for their clock events, one calendar; the due date
    is None when the calendar cannot tell."""
    apps = list(
        Application.objects.filter(agency_id__in=agency_ids, replied_on__range=(start, end))
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
            application__replied_on__range=(start, end),
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
        out.append((app_id, agency_id, replied_on, due))
    return out


def overdue_open(agency_ids: list[int], period: Period, *, today: datetime.date) -> list:
    """The requests still unanswered today whose due date fell in the period and has passed
    (`DueRow`s of the applications clock). Open requests are few; their clock is computed for
    today, as on the 工作台 and the dashboard."""
    last = min(period.end, today - datetime.timedelta(days=1))
    return [
        r
        for r in due_rows(Application.objects.filter(agency_id__in=agency_ids), today=today)
        if r.due is not None and period.start <= r.due <= last
    ]


@_memoised
def requests_on_time(agency_ids: list[int], period: Period) -> Figures:
    """(on time, requests with a known due date) per agency. Counted: the requests answered in
    the period (on time or late, from the monthly summary), and as NOT on time the requests whose
    due date fell in the period and that were still unanswered at its end — answered only after
    it (the summary's `late_after_*`, kept on the due month) or still open today."""
    late_field = "late_after_year" if period.quarter is None else "late_after_quarter"
    out: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for agency_id, known, on_time, late in (
        ReplyMonth.objects.filter(_months(period), agency_id__in=agency_ids)
        .order_by()
        .values("agency_id")
        .annotate(k=Sum("known"), ok=Sum("on_time"), late=Sum(late_field))
        .values_list("agency_id", "k", "ok", "late")
    ):
        out[agency_id][0] += on_time
        out[agency_id][1] += known + late
    for row in overdue_open(agency_ids, period, today=timezone.localdate()):
        out[row.agency_id][1] += 1
    return {a: (ok, n) for a, (ok, n) in out.items() if n}


# -- the annual report --------------------------------------------------------------------------
class ReportState:
    """What the records say about one agency's annual report for `year`. A report that does not
    exist is `missing` — never "clean": nothing was checked. An agency that is not a disclosure
    body (a 站所, 条例第十条第二款) owes no report: its state is not `applicable`, shows 不适用
    and never counts as missing, unpublished or scored."""

    NOT_APPLICABLE = "不适用"

    def __init__(self, *, agency, year, report=None, first=None, latest=None):
        self.agency_id = agency.pk
        self.applicable = agency.is_disclosure_body
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
    def missing(self) -> bool:
        return self.applicable and not self.exists

    @property
    def unpublished(self) -> bool:
        return self.applicable and not self.published

    @property
    def label(self) -> str:
        if not self.applicable:
            return f"{self.NOT_APPLICABLE}（通过所属机关报送）"
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
        if not self.applicable:
            return self.NOT_APPLICABLE
        if not self.published:
            return "未检查（报告未发布）"
        if not self.errors and not self.warnings:
            return "未发现问题"
        return f"错误 {self.errors} 处，提示 {self.warnings} 处"

    def score(self, as_of: datetime.date) -> float | None:
        """100 published on time without errors; −50 late; −50 errors still in the latest
        revision; 0 when the deadline has passed unpublished; None (无数据) before the deadline
        and for an agency that owes no report (不适用)."""
        if not self.applicable:
            return None
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
