"""Reads of reviews and lawsuits, and THE Table 4 count (ledgers.md §2), in SQL."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet

from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.permissions import agency_q

from .models import Appeal, AppealKind, AppealSettings

T4_BLOCKS = tuple(AppealKind.values)  # review, suit_direct, suit_after_review
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def appeals_for_user(user) -> QuerySet[Appeal]:
    return Appeal.objects.filter(agency_q(user)).select_related("agency")


def appeal_for_user(user, pk) -> Appeal:
    try:
        return appeals_for_user(user).get(pk=int(pk))
    except (Appeal.DoesNotExist, TypeError, ValueError):
        raise NotFoundOrForbidden("未找到该案件。") from None


def table4_counts(*, agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Cases filed in Y, each under its result as of 31 December Y (still open then → pending).
    Agencies whose AppealSettings.count_carried_over is on also count cases filed earlier and still
    open on 1 January Y."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    agency_ids = list(agency_ids)
    carry_ids = list(
        AppealSettings.objects.filter(
            agency_id__in=agency_ids, count_carried_over=True
        ).values_list("agency_id", flat=True)
    )
    in_scope = Q(filed_on__gte=start, filed_on__lte=end)
    if carry_ids:
        in_scope |= Q(agency_id__in=carry_ids, filed_on__lt=start) & (
            Q(closed_on__isnull=True) | Q(closed_on__gte=start)
        )
    closed_by_end = Q(closed_on__isnull=False, closed_on__lte=end)
    grouped = (
        Appeal.objects.filter(in_scope, agency_id__in=agency_ids)
        .values("kind")
        .annotate(
            upheld=Count("id", filter=closed_by_end & Q(result="upheld")),
            corrected=Count("id", filter=closed_by_end & Q(result="corrected")),
            other=Count("id", filter=closed_by_end & Q(result="other")),
            pending=Count("id", filter=~closed_by_end),
            total=Count("id"),
        )
        .order_by()
    )
    result = {block: dict.fromkeys(T4_COLUMNS, 0) for block in T4_BLOCKS}
    for group in grouped:
        for col in T4_COLUMNS:
            result[group["kind"]][col] = group[col]
    return result
