"""Reads of findings and link-check results, scoped by who asks; counts for the dashboard."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q, QuerySet

from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.permissions import agency_q

from .choices import FindingStatus
from .models import OPEN_STATUSES, BrokenLink, Finding, LinkCheckRun

NOT_FOUND = "没有找到这条自查问题，或您无权查看。"
FILTERS = {"open": "未销号", "overdue": "已逾期", "closed": "已销号", "": "全部"}


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def findings_for_user(user, *, show: str = "", today: datetime.date | None = None) -> QuerySet:
    today = today or _today()
    rows = Finding.objects.filter(agency_q(user)).select_related("agency", "assignee")
    if show == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif show == "overdue":
        rows = rows.filter(status=FindingStatus.OPEN, deadline__lt=today)
    elif show == "closed":
        rows = rows.filter(status=FindingStatus.CLOSED)
    return rows.order_by("status", "deadline", "id")


def finding_for_user(user, pk: int) -> Finding:
    finding = findings_for_user(user).filter(pk=pk).first()
    if finding is None:
        raise NotFoundOrForbidden(NOT_FOUND)
    return finding


def is_overdue(finding: Finding, today: datetime.date | None = None) -> bool:
    return finding.status == FindingStatus.OPEN and finding.deadline < (today or _today())


def open_findings_by_agency(
    agency_ids, today: datetime.date | None = None
) -> dict[int, tuple[int, int]]:
    """{agency_id: (open, overdue)} in one query; open counts 待整改 and 已整改待验收, overdue only
    待整改 past its deadline. Agencies without findings get (0, 0)."""
    today = today or _today()
    agency_ids = list(agency_ids)
    rows = (
        Finding.objects.filter(agency_id__in=agency_ids, status__in=OPEN_STATUSES)
        .values("agency_id")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(status=FindingStatus.OPEN, deadline__lt=today)),
        )
    )
    counts = {agency_id: (0, 0) for agency_id in agency_ids}
    counts.update({r["agency_id"]: (r["open"], r["overdue"]) for r in rows})
    return counts


def findings_fixed_on_time(
    agency_ids, start: datetime.date, end: datetime.date
) -> dict[int, tuple[int, int]]:
    """{agency_id: (fixed_on_time, due)} for findings whose rectification deadline falls in
    [start, end]: `due` counts them all, `fixed_on_time` those rectified on or before it (a
    finding sent back and rectified again counts by its last rectification)."""
    agency_ids = list(agency_ids)
    rows = (
        Finding.objects.filter(agency_id__in=agency_ids, deadline__gte=start, deadline__lte=end)
        .values("agency_id")
        .annotate(
            due=Count("id"),
            on_time=Count(
                "id",
                filter=Q(
                    status__in=[FindingStatus.RECTIFIED, FindingStatus.CLOSED],
                    rectified_on__lte=F("deadline"),
                ),
            ),
        )
    )
    counts = {agency_id: (0, 0) for agency_id in agency_ids}
    counts.update({r["agency_id"]: (r["on_time"], r["due"]) for r in rows})
    return counts


def latest_linkcheck() -> LinkCheckRun | None:
    return LinkCheckRun.objects.filter(finished_at__isnull=False).first()


def broken_links_for_user(user, run: LinkCheckRun | None) -> QuerySet:
    if run is None:
        return BrokenLink.objects.none()
    return (
        BrokenLink.objects.filter(run=run)
        .filter(agency_q(user))
        .select_related("agency", "publication")
    )
