"""Reads of publications and documents. Counts for the annual report are single SQL aggregates."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.permissions import agency_q

from .choices import DocumentKind, ReviewDecision, ReviewStage
from .choices import PublicationStatus as S
from .models import CatalogueColumn, NormativeDocument, Publication, ReviewRecord


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


def with_last_review(queryset: QuerySet[Publication]) -> QuerySet[Publication]:
    """Annotate the stage and decision of the latest review entry other than 发布, so "终审通过，
    待发布" is told apart from "待终审" without a query per row."""
    last = ReviewRecord.objects.filter(publication=OuterRef("pk")).exclude(
        stage=ReviewStage.PUBLISH
    )
    last = last.order_by("-at", "-id")
    return queryset.annotate(
        last_stage=Subquery(last.values("stage")[:1]),
        last_decision=Subquery(last.values("decision")[:1]),
    )


def is_final_approved(publication: Publication) -> bool:
    """终审通过, awaiting 发布 (the same test the publish service makes)."""
    if publication.status != S.FINAL_REVIEW:
        return False
    if hasattr(publication, "last_stage"):
        stage, decision = publication.last_stage, publication.last_decision
    else:
        last = publication.reviews.exclude(stage=ReviewStage.PUBLISH).order_by("-at", "-id").first()
        stage, decision = (last.stage, last.decision) if last else ("", "")
    return stage == ReviewStage.FINAL and decision == ReviewDecision.APPROVE


def awaiting(publication: Publication) -> str:
    """What the item waits for: "submit", "first", "final" or "publish" ("" once published)."""
    return {
        S.DRAFT: "submit",
        S.FIRST_REVIEW: "first",
        S.FINAL_REVIEW: "publish" if is_final_approved(publication) else "final",
    }.get(publication.status, "")


def staff_publications_for_user(user, *, status: str = "") -> tuple[list[Publication], int]:
    """The staff list: newest first, at most STAFF_LIST_LIMIT rows, and the total count."""
    queryset = publications_for_user(user)
    if status:
        queryset = queryset.filter(status=status)
    queryset = with_last_review(queryset).order_by("-updated_at", "-id")
    return list(queryset[:STAFF_LIST_LIMIT]), queryset.count()


def publications_awaiting_review(user) -> list[Publication]:
    """待我审核: 初审 for the 办公室主任, 终审 (not yet approved) for the 分管领导, of their own
    agency; everything at either stage for a superuser."""
    from gongkai.core.choices import Role

    if not user.is_authenticated:
        return []
    queryset = with_last_review(
        publications_for_user(user).filter(status__in=[S.FIRST_REVIEW, S.FINAL_REVIEW])
    ).order_by("updated_at", "id")
    if not user.is_superuser:
        wanted = {Role.OFFICE_HEAD: S.FIRST_REVIEW, Role.LEADER: S.FINAL_REVIEW}.get(user.role)
        if wanted is None:
            return []
        queryset = queryset.filter(agency_id=user.agency_id, status=wanted)
    return [p for p in queryset if awaiting(p) in ("first", "final")]


def review_history(publication: Publication) -> list[ReviewRecord]:
    """Staff only: who did what, when, with which note."""
    return list(publication.reviews.order_by("at", "id"))


# -- public ----------------------------------------------------------------------------------------
def published_publications(agency_id: int) -> QuerySet[Publication]:
    """Public: only what has been published. Drafts and review notes never leave this module."""
    return (
        Publication.objects.filter(agency_id=agency_id, status=S.PUBLISHED)
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
        Publication.objects.filter(status=S.PUBLISHED)
        .select_related("agency", "column")
        .only("id", "title", "published_on", "agency__name", "column__name")
        .order_by("-published_on", "-id")[:limit]
    )


# -- counts for the annual report (SQL) --------------------------------------------------------------
def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def proactive_counts_by_column(*, agency_ids: list[int], year: int) -> list[tuple[str, int]]:
    """(栏目, count of items published in `year`), in catalogue order; one GROUP BY."""
    start, end = _year_bounds(year)
    rows = (
        Publication.objects.filter(
            agency_id__in=agency_ids, status=S.PUBLISHED, published_on__range=(start, end)
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
            status=S.PUBLISHED,
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
