"""The monthly summary: per agency and month, items published (per 栏目), published with a known
deadline, published on time; requests answered, answered with a known due date, answered on time,
and — on the month of their due date — requests answered only after that quarter / year ended.

The assessment, the transparency index and the county dashboard read these few thousand rows
instead of a million items. The publication and application services recount the months they
touch in the same transaction (`publication_months_recount`, `reply_month_recount`); so does
every change to the work calendar, which decides every deadline (`calendar_months_recount`, on
the calendar's `calendar_changed` signal). `monthly_summary_refresh` (`gongkai assess --refresh`)
rebuilds everything from the records — after an import that bypassed the services.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Max, Min, Q

from gongkai.applications.models import Application
from gongkai.calendars.selectors import get_calendar
from gongkai.core.audit import audit_record
from gongkai.core.models import Agency
from gongkai.publications.choices import WAS_PUBLISHED
from gongkai.publications.models import Publication

from . import figures
from .models import PublicationMonth, ReplyMonth

EVER = (datetime.date(1900, 1, 1), datetime.date(2999, 12, 31))


def _part_sql(field: str, part: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT({part.upper()} FROM {field}) AS integer)"
    start, length = (1, 4) if part == "year" else (6, 2)  # SQLite keeps dates as YYYY-MM-DD
    return f"CAST(substr({field}, {start}, {length}) AS integer)"


def publication_cells(agency_ids: list[int], start, end) -> dict[tuple, list[int]]:
    """{(agency, 栏目, year, month): [published, known deadline, on time]} counted from the items
    first published between start and end: one GROUP BY for the counts, one join against the
    deadline table (day → its 20th working day) for timeliness. An item has a known deadline when
    it has a 成文日期 that the work calendar covers."""
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    if not agency_ids:
        return cells
    ids = ", ".join(["%s"] * len(agency_ids))
    statuses = ", ".join(["%s"] * len(WAS_PUBLISHED))
    where = f"""p.agency_id IN ({ids}) AND p.status IN ({statuses})
          AND p.revises_id IS NULL AND p.published_on BETWEEN %s AND %s"""
    where_params = [*agency_ids, *[str(s) for s in WAS_PUBLISHED], start, end]
    keys = f"p.agency_id, p.column_id, {_part_sql('p.published_on', 'year')}, {_part_sql('p.published_on', 'month')}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {keys}, COUNT(*) FROM publications_publication p WHERE {where} "
            "GROUP BY 1, 2, 3, 4",
            where_params,
        )
        for a, c, y, m, n in cursor.fetchall():
            cells[(a, c, int(y), int(m))][0] = n
        table = _deadline_table(agency_ids, start, end)
        if table:
            # The days drive the join (CROSS JOIN fixes the order in SQLite); each day seeks its
            # items in the covering index publication_supervision_index (formed_on first).
            values = ", ".join(["(%s, %s)"] * len(table))
            cursor.execute(
                f"""WITH dl(day, deadline) AS (VALUES {values})
                SELECT {keys}, COUNT(*),
                       SUM(CASE WHEN p.published_on <= dl.deadline THEN 1 ELSE 0 END)
                FROM dl CROSS JOIN publications_publication p
                WHERE p.formed_on = dl.day AND {where}
                GROUP BY 1, 2, 3, 4""",
                [v for row in table for v in row] + where_params,
            )
            for a, c, y, m, known, on_time in cursor.fetchall():
                cell = cells[(a, c, int(y), int(m))]
                cell[1], cell[2] = known, int(on_time or 0)
    return cells


def _deadline_table(agency_ids, start, end):
    """Deadlines for the days between the earliest and the latest 成文日期 among the items, as far
    as the calendar can count (a publish recounts one month: a few dozen days, not years)."""
    calendar = get_calendar()
    if not calendar.years:
        return []
    span = (
        Publication.objects.filter(
            agency_id__in=agency_ids,
            status__in=WAS_PUBLISHED,
            revises__isnull=True,
            published_on__range=(start, end),
        )
        .order_by()
        .aggregate(first=Min("formed_on"), last=Max("formed_on"))
    )
    if span["first"] is None:
        return []
    first = max(span["first"], datetime.date(min(calendar.years), 1, 1))
    return figures.deadline_table(first, calendar, last=span["last"])


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def reply_cells(agency_ids: list[int], start, end) -> dict[tuple, list[int]]:
    """{(agency, year, month): [answered, known due date, on time, late after the quarter, late
    after the year]} for the requests answered (replied, withdrawn, abandoned) between start and
    end: the first three on the month of the answer, the last two on the month of the due date."""
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for _id, agency_id, replied_on, due in figures.replies_between(agency_ids, start, end):
        cell = cells[(agency_id, replied_on.year, replied_on.month)]
        cell[0] += 1
        if due is None:
            continue
        cell[1] += 1
        cell[2] += int(replied_on <= due)
        due_cell = cells[(agency_id, due.year, due.month)]
        due_cell[3] += int(_quarter(replied_on) > _quarter(due))
        due_cell[4] += int(replied_on.year > due.year)
    return cells


def _month_range(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def _publication_rows(cells) -> list[PublicationMonth]:
    return [
        PublicationMonth(
            agency_id=a, column_id=c, year=y, month=m, published=n, known=k, on_time=ok
        )
        for (a, c, y, m), (n, k, ok) in cells.items()
    ]


def _reply_rows(cells) -> list[ReplyMonth]:
    return [
        ReplyMonth(
            agency_id=a,
            year=y,
            month=m,
            answered=n,
            known=k,
            on_time=ok,
            late_after_quarter=lq,
            late_after_year=ly,
        )
        for (a, y, m), (n, k, ok, lq, ly) in cells.items()
    ]


def publication_months_recount(*, agency_id: int, days: Iterable[datetime.date | None]) -> None:
    """Recount one agency's months containing `days` (a publish, withdrawal, revision or import
    changed them). Runs inside the calling service's transaction."""
    for day in {d.replace(day=1) for d in days if d is not None}:
        start, end = _month_range(day)
        PublicationMonth.objects.filter(
            agency_id=agency_id, year=day.year, month=day.month
        ).delete()
        PublicationMonth.objects.bulk_create(
            _publication_rows(publication_cells([agency_id], start, end))
        )


def reply_month_recount(*, agency_id: int, day: datetime.date | None) -> None:
    """Recount one agency's replies after a request was answered on `day`. The whole agency is
    recounted (a few hundred requests a year): a late answer also changes the row of the month
    its due date fell in."""
    if day is None:
        return
    _replies_recount([agency_id])


def _replies_recount(agency_ids: list[int]) -> None:
    ReplyMonth.objects.filter(agency_id__in=agency_ids).delete()
    ReplyMonth.objects.bulk_create(_reply_rows(reply_cells(agency_ids, *EVER)), batch_size=2000)


# How far back from a changed calendar day an item's timeliness can depend on it. A publication's
# 20 working days never span more than ~40 calendar days (the longest holiday block is 8 days); a
# request's clock (20 working days, an extension of 20 more, the paused time for 补正, third-party
# consultation and fees) ends within a year of its receipt.
PUBLICATION_REACH = datetime.timedelta(days=62)
REQUEST_REACH = datetime.timedelta(days=366)


def _from_month(day: datetime.date) -> Q:
    return Q(year__gt=day.year) | Q(year=day.year, month__gte=day.month)


def calendar_months_recount(*, first: datetime.date, last: datetime.date) -> None:
    """The calendar changed for days between `first` and `last`: recount, for the agencies that
    have items whose deadline those days may decide, every month from the earliest month in which
    such an item was published, and every reply of the agencies with such a request. Runs inside
    the calendar's transaction, which holds the new calendar: the figures and the calendar commit
    (or roll back) together."""
    items = Publication.objects.filter(
        status__in=WAS_PUBLISHED,
        revises__isnull=True,
        formed_on__range=(first - PUBLICATION_REACH, last),
        published_on__isnull=False,
    ).order_by()
    since = items.aggregate(since=Min("published_on"))["since"]
    if since is not None:
        ids = list(items.values_list("agency_id", flat=True).distinct())
        start = since.replace(day=1)
        PublicationMonth.objects.filter(_from_month(start), agency_id__in=ids).delete()
        PublicationMonth.objects.bulk_create(
            _publication_rows(publication_cells(ids, start, EVER[1])), batch_size=2000
        )
    answered = Application.objects.filter(
        received_on__range=(first - REQUEST_REACH, last), replied_on__isnull=False
    ).order_by()
    _replies_recount(list(answered.values_list("agency_id", flat=True).distinct()))


def on_calendar_changed(sender, *, first, last, **kwargs) -> None:
    calendar_months_recount(first=first, last=last)


@transaction.atomic
def monthly_summary_refresh(*, actor) -> dict[str, int]:
    """Rebuild the whole summary from the records."""
    ids = list(Agency.objects.values_list("pk", flat=True))
    PublicationMonth.objects.all().delete()
    ReplyMonth.objects.all().delete()
    publications = PublicationMonth.objects.bulk_create(
        _publication_rows(publication_cells(ids, *EVER)), batch_size=2000
    )
    replies = ReplyMonth.objects.bulk_create(_reply_rows(reply_cells(ids, *EVER)), batch_size=2000)
    counts = {"publication_months": len(publications), "reply_months": len(replies)}
    audit_record(
        actor=actor,
        action="supervision.summary_refresh",
        object_type="supervision.summary",
        new=counts,
    )
    return counts
