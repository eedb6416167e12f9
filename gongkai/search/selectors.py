"""Reads: one page of search results, the filter choices, the most frequent failed queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Sum

from gongkai.portal.cache import SITE, version

from .backends import Hit, SearchFilters, get_backend
from .models import FailedQuery
from .tokenizer import query_terms

PER_PAGE = 10
MAX_PAGE = 100  # deeper pages cost much and help nobody: refine the query instead


@dataclass
class SearchPage:
    hits: list[Hit]
    total: int
    more: bool  # more than `total` hits (the count stops at backends.COUNT_LIMIT)
    page: int
    pages: int
    searched: bool  # False when the query had no words to look for


def search(query: str, filters: SearchFilters, *, page: int = 1) -> SearchPage:
    terms = query_terms(query)
    if not terms:
        return SearchPage(hits=[], total=0, more=False, page=1, pages=0, searched=False)
    page = max(1, min(page, MAX_PAGE))
    result = get_backend().query(terms, filters, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    pages = min(MAX_PAGE, -(-result.total // PER_PAGE))
    return SearchPage(
        hits=result.hits,
        total=result.total,
        more=result.more,
        page=page,
        pages=pages,
        searched=True,
    )


def filter_choices() -> dict[str, list]:
    """The filter form's columns and years: two scans of the index, so kept in the cache until
    anything public changes (the portal's site-wide version, bumped on every publish/withdraw)."""
    key = f"search:facets:{version(SITE)}"
    choices = cache.get(key)
    if choices is None:
        choices = get_backend().facets()
        cache.set(key, choices, timeout=3600)
    return choices


def top_failed_queries(
    *,
    agency_id: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    limit: int = 20,
) -> list[dict]:
    """What people looked for and did not find, most frequent first: [{"query", "times"}].
    `agency_id` limits it to searches filtered to that agency; start/end are inclusive days."""
    rows = FailedQuery.objects.all()
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    if start:
        rows = rows.filter(day__gte=start)
    if end:
        rows = rows.filter(day__lte=end)
    return list(
        rows.values("query").annotate(times=Sum("times")).order_by("-times", "query")[:limit]
    )
