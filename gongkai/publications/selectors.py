"""Reads of publications and documents. Counts for the annual report are single SQL aggregates."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.permissions import agency_q
from gongkai.reviews.models import ReviewRecord

from .choices import PUBLIC_STATUSES, WAS_PUBLISHED, DocumentKind
from .choices import PublicationStatus as S
from .models import CatalogueColumn, NormativeDocument, Publication


# -- for people ------------------------------------------------------------------------------------
def publications_for_user(user) -> QuerySet[Publication]:
    return Publication.objects.filter(agency_q(user)).select_related("agency", "column")


def publication_for_user(user, pk: int) -> Publication:
    publication = publications_for_user(user).filter(pk=pk).first()
    if publication is None:
        raise NotFoundOrForbidden("信息不存在或您无权查看。")
    return publication


NOT_FOUND = "信息不存在或您无权查看。"
STAFF_LIST_LIMIT = 200


def staff_publications_for_user(user, *, status: str = "") -> tuple[list[Publication], int]:
    """The staff list: newest first, at most STAFF_LIST_LIMIT rows, and the total count."""
    queryset = publications_for_user(user)
    if status:
        queryset = queryset.filter(status=status)
    queryset = queryset.order_by("-updated_at", "-id")
    return list(queryset[:STAFF_LIST_LIMIT]), queryset.count()


def publications_awaiting_review(user) -> list[Publication]:
    """待我审核: 初审 (of a draft or a withdrawal) for the 办公室主任, 终审 for the 分管领导, of their
    own agency; everything at either stage for a superuser."""
    from gongkai.core.choices import Role

    if not user.is_authenticated:
        return []
    first, final = [S.FIRST_REVIEW, S.WITHDRAWAL_FIRST], [S.FINAL_REVIEW, S.WITHDRAWAL_FINAL]
    queryset = publications_for_user(user).filter(status__in=first + final)
    if not user.is_superuser:
        wanted = {Role.OFFICE_HEAD: first, Role.LEADER: final}.get(user.role)
        if wanted is None:
            return []
        queryset = queryset.filter(agency_id=user.agency_id, status__in=wanted)
    return list(queryset.order_by("updated_at", "id"))


def review_history(publication: Publication) -> list[ReviewRecord]:
    """Staff only: who did what, when, with which note."""
    return list(ReviewRecord.objects.filter(publication=publication).order_by("at", "id"))


# -- public ----------------------------------------------------------------------------------------
def published_publications(agency_id: int) -> QuerySet[Publication]:
    """Public: only what has been published (and not withdrawn). Drafts and review notes never
    leave this module."""
    return (
        Publication.objects.filter(agency_id=agency_id, status__in=PUBLIC_STATUSES)
        .select_related("column")
        .only(
            "id",
            "title",
            "doc_number",
            "published_on",
            "formed_on",
            "publisher",
            "body",
            "column__name",
            "column__order",
            "agency_id",
        )
    )


def latest_published(limit: int = 10) -> QuerySet[Publication]:
    """Public: the most recently published items of every agency, for the portal's home page."""
    return (
        Publication.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("agency", "column")
        .only("id", "title", "published_on", "agency__name", "column__name")
        .order_by("-published_on", "-id")[:limit]
    )


def withdrawn_publication(agency_id: int, pk: int) -> Publication | None:
    """Public: a withdrawn item shows only its title, the withdrawal date and reason."""
    return (
        Publication.objects.filter(agency_id=agency_id, pk=pk, status=S.WITHDRAWN)
        .only("id", "title", "doc_number", "withdrawn_on", "withdrawal_reason", "agency_id")
        .first()
    )


# -- counts for the annual report (SQL) --------------------------------------------------------------
def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def proactive_counts_by_column(*, agency_ids: list[int], year: int) -> list[tuple[str, int]]:
    """(栏目, count of items published in `year`), in catalogue order; one GROUP BY."""
    start, end = _year_bounds(year)
    rows = (
        Publication.objects.filter(
            agency_id__in=agency_ids, status__in=WAS_PUBLISHED, published_on__range=(start, end)
        )
        .values("column__name")
        .annotate(n=Count("id"))
        .values_list("column__name", "n")
    )
    order = {
        name: i
        for i, name in enumerate(
            CatalogueColumn.objects.filter(agency_id__in=agency_ids)
            .order_by("order", "name")
            .values_list("name", flat=True)
        )
    }
    return sorted(rows, key=lambda r: (order.get(r[0], 999), r[0]))


def late_publication_count(*, agency_ids: list[int], year: int) -> int:
    """Items published in `year` more than 20 working days after they were formed (Art. 26)."""
    from gongkai.calendars.selectors import get_calendar
    from gongkai.calendars.workdays import CalendarMissing

    start, end = _year_bounds(year)
    pairs = (
        Publication.objects.filter(
            agency_id__in=agency_ids,
            status__in=WAS_PUBLISHED,
            published_on__range=(start, end),
            formed_on__isnull=False,
        )
        .values("formed_on", "published_on")
        .annotate(n=Count("id"))
        .values_list("formed_on", "published_on", "n")
    )
    calendar = get_calendar()
    late = 0
    for formed, published, n in pairs:  # one row per distinct pair of dates, not per item
        try:
            if published > calendar.add_working_days(formed, 20):
                late += n
        except CalendarMissing:
            continue
    return late


def document_counts(*, agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Table 2 第（一）项 per ledgers.md §3, one aggregate query:
    issued = 制发日期 in Y; abolished = 废止日期 in Y; in_force = issued ≤ 31 Dec Y and not abolished by then.
    """
    start, end = _year_bounds(year)
    in_force = Q(issued_on__lte=end) & (Q(abolished_on__isnull=True) | Q(abolished_on__gt=end))
    aggregates = {}
    for kind in DocumentKind.values:
        k = Q(kind=kind)
        aggregates[f"{kind}__issued"] = Count("id", filter=k & Q(issued_on__range=(start, end)))
        aggregates[f"{kind}__abolished"] = Count(
            "id", filter=k & Q(abolished_on__range=(start, end))
        )
        aggregates[f"{kind}__in_force"] = Count("id", filter=k & in_force)
    values = NormativeDocument.objects.filter(agency_id__in=agency_ids).aggregate(**aggregates)
    result: dict[str, dict[str, int]] = {kind: {} for kind in DocumentKind.values}
    for key, n in values.items():
        kind, column = key.split("__")
        result[kind][column] = n or 0
    return result


def attachment_for_user(user, pk: int):
    """An attachment of a public item for anyone; of any item the user may read for staff."""
    from .models import Attachment

    attachment = Attachment.objects.select_related("publication").filter(pk=pk).first()
    if attachment is None:
        return None
    publication = attachment.publication
    if publication.status in PUBLIC_STATUSES and publication.revises_id is None:
        return attachment
    if (
        getattr(user, "is_authenticated", False)
        and publications_for_user(user).filter(pk=publication.pk).exists()
    ):
        return attachment
    return None


def public_interpretations(publication: Publication) -> list[Publication]:
    return list(
        publication.interpretations.filter(status__in=PUBLIC_STATUSES, revises__isnull=True)
    )
