"""The read-only JSON API: published items and published annual reports (the model of
annual-report.md §6, exactly as frozen when published). Described by openapi.py at /api/openapi.json.

Every list is paged (`page`, `page_size` ≤ 100) and filtered by `agency`, `column`, `year`. Bad parameters
get 400 with a Chinese message naming the parameter. Responses carry an ETag (cache.py) and report
details a Last-Modified; nothing here reads anything but published records.
"""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from gongkai.annual_reports.selectors import published_snapshot

from . import selectors
from .openapi import openapi_document

MAX_PAGE_SIZE = 100


class BadParameter(Exception):
    pass


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Access-Control-Allow-Origin"] = "*"  # public data, readable from any site
    return response


def _error(message: str, status: int = 400) -> JsonResponse:
    return _json({"error": message}, status=status)


def _int(request, name: str, *, low: int, high: int, default=None):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"参数 {name} 应为整数，收到“{raw[:20]}”。") from None
    if not low <= value <= high:
        raise BadParameter(f"参数 {name} 应在 {low} 到 {high} 之间，收到 {value}。")
    return value


def _page(request, queryset, serialize) -> dict:
    size = _int(request, "page_size", low=1, high=MAX_PAGE_SIZE, default=selectors.PAGE_SIZE)
    number = _int(request, "page", low=1, high=10**6, default=1)
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise BadParameter(f"参数 page 超出范围：共 {paginator.num_pages} 页。") from None
    base = request.build_absolute_uri(request.path)
    query = request.GET.copy()

    def link(n):
        query["page"] = n
        return f"{base}?{query.urlencode()}"

    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [serialize(request, x) for x in page.object_list],
    }


def item_json(request, item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "url": request.build_absolute_uri(
            reverse("publications:item", args=[item.agency_id, item.pk])
        ),
        "agency": {"id": item.agency_id, "name": item.agency.name},
        "column": {"id": item.column_id, "name": item.column.name},
        "publisher": item.publisher or item.agency.name,
        "doc_number": item.doc_number,
        "formed_on": item.formed_on.isoformat() if item.formed_on else None,
        "published_on": item.published_on.isoformat() if item.published_on else None,
        "body": item.body,
    }


def report_json(request, snapshot) -> dict:
    report = snapshot.report
    args = [report.agency_id, report.year]
    return {
        "agency": {"id": report.agency_id, "name": report.agency.name},
        "year": report.year,
        "revision": snapshot.revision,
        "published_at": snapshot.published_at.isoformat(),
        "url": request.build_absolute_uri(reverse("annual_reports:report", args=args)),
        "model_url": request.build_absolute_uri(reverse("portal:api_report", args=args)),
    }


@require_GET
def index(request):
    def url(name):
        return request.build_absolute_uri(reverse(name))

    return _json(
        {
            "title": "政府信息公开开放数据接口（只读）",
            "openapi": url("portal:api_openapi"),
            "endpoints": [
                {
                    "path": "/api/items/",
                    "description": "已发布的主动公开信息（分页，可按 agency、column、year 筛选）",
                    "url": url("portal:api_items"),
                },
                {"path": "/api/items/{id}/", "description": "一条已发布的主动公开信息"},
                {
                    "path": "/api/reports/",
                    "description": "已发布的政府信息公开工作年度报告（可按 agency、year 筛选）",
                    "url": url("portal:api_reports"),
                },
                {
                    "path": "/api/reports/{agency_id}/{year}/",
                    "description": "一份已发布年度报告的数据（年报数据模型，发布时冻结）",
                },
                {
                    "path": "/api/openapi.json",
                    "description": "接口说明（OpenAPI 3.0）",
                    "url": url("portal:api_openapi"),
                },
            ],
        }
    )


@require_GET
def openapi(request):
    return _json(openapi_document(request.build_absolute_uri("/")))


@require_GET
def items(request):
    try:
        queryset = selectors.public_items()
        agency = _int(request, "agency", low=1, high=2**62)
        column = _int(request, "column", low=1, high=2**62)
        year = _int(request, "year", low=1990, high=2100)
        if agency:
            queryset = queryset.filter(agency_id=agency)
        queryset = selectors.ItemFilter(column=column, year=year).apply(queryset)
        return _json(_page(request, queryset, item_json))
    except BadParameter as exc:
        return _error(str(exc))


@require_GET
def item(request, pk: int):
    found = selectors.public_item(pk)
    if found is None:
        return _error(f"编号为 {pk} 的已发布信息不存在。", status=404)
    return _json(item_json(request, found))


@require_GET
def reports(request):
    try:
        queryset = selectors.public_snapshots()
        agency = _int(request, "agency", low=1, high=2**62)
        year = _int(request, "year", low=1990, high=2100)
        if agency:
            queryset = queryset.filter(report__agency_id=agency)
        if year:
            queryset = queryset.filter(report__year=year)
        return _json(_page(request, queryset, report_json))
    except BadParameter as exc:
        return _error(str(exc))


@require_GET
def report(request, agency_id: int, year: int):
    snapshot = published_snapshot(agency_id, year)
    if snapshot is None:
        return _error(f"机关 {agency_id} 的 {year} 年度报告尚未发布。", status=404)
    response = _json(snapshot.model)
    response["Last-Modified"] = http_date(snapshot.published_at.timestamp())
    return response
