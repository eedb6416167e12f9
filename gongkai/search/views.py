"""The public search page /search/?q=…&agency=…&column=…&year=…&kind=…&page=…"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from gongkai.core.models import Agency

from . import selectors, services
from .backends import SearchFilters
from .models import SearchKind

MAX_QUERY = 100


def _int(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _filters(params, choices, agencies) -> SearchFilters:
    agency_id = _int(params.get("agency", ""))
    year = _int(params.get("year", ""))
    column = params.get("column", "").strip()
    kind = params.get("kind", "").strip()
    return SearchFilters(
        agency_id=agency_id if agency_id in agencies else None,
        column=column if column in choices["columns"] else "",
        year=year if year in choices["years"] else None,
        kind=kind if kind in SearchKind.values else "",
    )


def _options(choices, selected) -> SafeString:
    """<option>s of a long list (every agency of the county: hundreds), escaped with the standard
    library: the template loop, or format_html, cost more than the search itself."""
    return mark_safe(
        "".join(
            f'<option value="{value}"{" selected" if value == selected else ""}>'
            f"{html.escape(str(label))}</option>"
            for value, label in choices
        )
    )


@require_GET
def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    choices = selectors.filter_choices()
    agencies = dict(Agency.objects.order_by("path").values_list("id", "name"))
    filters = _filters(request.GET, choices, agencies)
    page_number = _int(request.GET.get("page", "")) or 1
    result = selectors.search(query, filters, page=page_number) if query else None
    if result is not None and result.searched and result.total == 0 and page_number == 1:
        services.failed_query_record(query=query, hits=0, agency_id=filters.agency_id)

    def page_url(number: int) -> str:
        params = {k: v for k, v in request.GET.items() if k != "page" and v}
        params["page"] = number
        return "?" + urlencode(params)

    filtered = any([filters.agency_id, filters.column, filters.year, filters.kind])
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "result": result,
            "filters": filters,
            "filtered": filtered,
            "unfiltered_url": "?" + urlencode({"q": query}),
            "agency_options": _options(agencies.items(), filters.agency_id),
            "columns": choices["columns"],
            "years": choices["years"],
            "kinds": SearchKind.choices,
            "first_number": (result.page - 1) * selectors.PER_PAGE + 1 if result else 1,
            "previous_url": page_url(result.page - 1) if result and result.page > 1 else "",
            "next_url": page_url(result.page + 1) if result and result.page < result.pages else "",
        },
    )
