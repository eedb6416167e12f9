"""An agency's public pages: its catalogue (filters and paging), a column, its 政府信息公开指南, its
政府信息公开制度 column and its annual reports. Read-only; only published records reach the templates."""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from gongkai.annual_reports.selectors import published_years as report_years
from gongkai.core.models import Agency
from gongkai.publications.models import CatalogueColumn

from . import guide as guide_content
from . import selectors


def _agency(agency_id: int) -> Agency:
    return get_object_or_404(Agency, pk=agency_id)


def _catalogue(request, agency: Agency, column: CatalogueColumn | None, feed_url: str):
    columns = selectors.agency_columns(agency.pk)
    filters = selectors.ItemFilter.from_query(request.GET, [c["column"] for c in columns])
    if column is not None:
        filters.column = column.pk
    items = filters.apply(selectors.public_items().filter(agency_id=agency.pk))
    page = selectors.paged(items, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/agency.html",
        {
            "agency": agency,
            "column": column,
            "columns": columns,
            "filters": filters,
            "optional_filters": [
                {
                    "name": name,
                    "label": label,
                    "choices": choices,
                    "selected": filters.extra.get(name),
                }
                for name, (label, choices) in selectors.optional_filters().items()
            ],
            "years": selectors.published_years(agency.pk),
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(request.GET.get("year") or request.GET.get("column") or filters.extra),
            "report_years": sorted(report_years(agency.pk), reverse=True),
            "system_column": selectors.system_column(agency.pk),
            "feed_url": feed_url,
            "canonical": request.build_absolute_uri(request.path),
        },
    )


def agency_page(request, agency_id: int):
    agency = _agency(agency_id)
    return _catalogue(request, agency, None, reverse("portal:feed_agency", args=[agency.pk]))


def column_page(request, agency_id: int, column_id: int):
    agency = _agency(agency_id)
    column = get_object_or_404(CatalogueColumn, pk=column_id, agency_id=agency.pk)
    return _catalogue(
        request, agency, column, reverse("portal:feed_column", args=[agency.pk, column.pk])
    )


def guide_page(request, agency_id: int):
    agency = _agency(agency_id)
    guide = guide_content.guide_for(agency)
    site = request.build_absolute_uri(reverse("portal:agency", args=[agency.pk]))
    return render(
        request,
        "portal/guide.html",
        {
            "agency": agency,
            "guide": guide,
            "office": guide_content.office_name(agency, guide),
            "contacts": guide_content.contact_rows(agency, guide, site),
            "missing": guide_content.missing_fields(guide),
            "columns": selectors.agency_columns(agency.pk),
            "fees": guide_content.fee_facts(),
            "parent": agency.parent,
            "feed_url": reverse("portal:feed_agency", args=[agency.pk]),
        },
    )


def system_page(request, agency_id: int):
    """政府信息公开制度: the items of the agency's column of that name, when it has one."""
    agency = _agency(agency_id)
    column = selectors.system_column(agency.pk)
    items = (
        selectors.public_items().filter(agency_id=agency.pk, column=column)[:100] if column else []
    )
    return render(
        request,
        "portal/system.html",
        {
            "agency": agency,
            "column": column,
            "items": items,
            "feed_url": reverse("portal:feed_column", args=[agency.pk, column.pk])
            if column
            else reverse("portal:feed_agency", args=[agency.pk]),
        },
    )


def item_or_404(agency_id: int, pk: int):
    item = selectors.public_item(pk)
    if item is None or item.agency_id != agency_id:
        raise Http404("信息不存在或尚未发布。")
    return item


def item_redirect(request, agency_id: int, pk: int):
    """``/agencies/<a>/items/<i>/``, the parent of the 公众号 copy: a permanent redirect to the item's
    page, for a published item of that agency only (anything else: 404)."""
    item = item_or_404(agency_id, pk)
    return HttpResponsePermanentRedirect(reverse("publications:item", args=[agency_id, item.pk]))
