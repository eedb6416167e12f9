"""The county dashboard: every agency's overdue requests, late publications, report status and
checker findings, assessment score, open self-inspection findings; totals and the year's trends."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.selectors import due_rows
from gongkai.core.models import Agency

from . import figures, sources
from .models import PublicationMonth, Reminder, ReplyMonth
from .periods import Period
from .scores import assess


@dataclass
class DashboardRow:
    agency: Agency
    overdue_requests: int
    late_publications: int
    report: figures.ReportState
    score: float | None
    open_findings: int | None  # None: 无数据 (self-inspection not available)


def dashboard(county: Agency, agencies: list[Agency], year: int, today=None) -> dict:
    with figures.memo():
        return _dashboard(county, agencies, year, today)


def _dashboard(county: Agency, agencies: list[Agency], year: int, today=None) -> dict:
    today = today or timezone.localdate()
    ids = [a.pk for a in agencies]
    period = Period(year)
    overdue: dict[int, int] = {}
    for row in due_rows(Application.objects.filter(agency_id__in=ids), today=today):
        if row.overdue:
            overdue[row.agency_id] = overdue.get(row.agency_id, 0) + 1
    assessed = {r.agency.pk: r for r in assess(county, agencies, period)}
    scores = {a: r.total for a, r in assessed.items()}
    late = {
        a: (r.values["timely"].denominator - r.values["timely"].numerator, 0)
        for a, r in assessed.items()
        if r.values["timely"].denominator
    }
    reports = figures.report_states(agencies, year - 1)
    findings = sources.read("inspection_open", ids, period)
    rows = [
        DashboardRow(
            agency=a,
            overdue_requests=overdue.get(a.pk, 0),
            late_publications=late.get(a.pk, (0, 0))[0],
            report=reports[a.pk],
            score=scores.get(a.pk),
            open_findings=None if findings is None else findings.get(a.pk, (0, 0))[0],
        )
        for a in agencies
    ]
    return {
        "rows": rows,
        "totals": {
            "agencies": len(rows),
            "overdue_requests": sum(r.overdue_requests for r in rows),
            "late_publications": sum(r.late_publications for r in rows),
            "reports_missing": sum(1 for r in rows if r.report.missing),
            "reports_unpublished": sum(1 for r in rows if r.report.unpublished),
            "reports_with_errors": sum(1 for r in rows if r.report.errors),
            "open_findings": None if findings is None else sum(r.open_findings or 0 for r in rows),
        },
        "trends": trends(ids, year),
        "reminders": list(Reminder.objects.filter(agency_id__in=ids).select_related("agency")[:20]),
    }


def _monthly(queryset, field: str) -> list[int]:
    """Counted per day in SQL (an indexed GROUP BY, ≤ 366 rows), summed per month here."""
    months = [0] * 12
    for r in queryset.order_by().values(field).annotate(n=Count("id")):
        months[r[field].month - 1] += r["n"]
    return months


def trends(ids: list[int], year: int) -> dict[str, list[int]]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return {
        "publications": figures.per_month(PublicationMonth, "published", ids, year),
        "received": _monthly(
            Application.objects.filter(agency_id__in=ids, received_on__range=(start, end)),
            "received_on",
        ),
        "answered": figures.per_month(ReplyMonth, "answered", ids, year),
    }
