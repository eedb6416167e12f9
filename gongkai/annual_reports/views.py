"""Public report pages (published snapshots only), downloads, the 图解 page, and the county office's
status page. Views parse input and call selectors; nothing here counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from gongkai.core.choices import AgencyLevel
from gongkai.core.models import Agency
from gongkai.core.permissions import can_read

from . import outputs
from .charts import charts_for
from .models import ReportSnapshot
from .selectors import (
    county_overview,
    published_snapshot,
    published_years,
    report_model_for_output,
    snapshot_model,
)


def agency_reports(request, agency_id: int):
    agency = get_object_or_404(Agency, pk=agency_id)
    return render(
        request,
        "annual_reports/agency.html",
        {"agency": agency, "years": sorted(published_years(agency.pk), reverse=True)},
    )


def _published(agency_id: int, year: int) -> tuple[Agency, ReportSnapshot]:
    agency = get_object_or_404(Agency, pk=agency_id)
    snapshot = published_snapshot(agency.pk, year)
    if snapshot is None:
        raise Http404("该年度报告尚未发布。")
    return agency, snapshot


def report_page(request, agency_id: int, year: int):
    agency, snapshot = _published(agency_id, year)
    revisions = list(
        ReportSnapshot.objects.filter(report_id=snapshot.report_id)
        .order_by("revision")
        .only("revision", "published_at", "note")
    )
    return render(
        request,
        "annual_reports/report.html",
        {
            "agency": agency,
            "year": year,
            "snapshot": snapshot,
            "revisions": revisions,
            "body": mark_safe(snapshot.html),
            "title": snapshot_model(snapshot).title,
            "formats": ["pdf", "docx", "txt", "json", "html"],
        },
    )


def download(request, agency_id: int, year: int, fmt: str):
    if fmt not in outputs.FORMATS:
        raise Http404
    agency, _ = _published(agency_id, year)
    return _file_response(report_model_for_output(agency, year), fmt)


def _file_response(source, fmt: str) -> HttpResponse:
    content_type = outputs.FORMATS[fmt][0]
    response = HttpResponse(source.render(fmt), content_type=content_type)
    filename = f"{source.agency.name}{source.year}年政府信息公开工作年度报告.{fmt}"
    from urllib.parse import quote

    disposition = "inline" if fmt in ("html", "txt", "json", "pdf") else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    return response


def tujie(request, agency_id: int, year: int):
    agency, snapshot = _published(agency_id, year)
    history = []
    for y in published_years(agency.pk):
        if y <= year:
            s = snapshot if y == year else published_snapshot(agency.pk, y)
            history.append((y, s.model, s.figures))
    return render(
        request,
        "annual_reports/tujie.html",
        {
            "agency": agency,
            "year": year,
            "snapshot": snapshot,
            "charts": charts_for(snapshot.model, snapshot.figures, history),
        },
    )


@login_required
def county_status(request, year: int):
    """For the 县公开办: every agency's report status, deadline warnings and findings."""
    user = request.user
    if user.is_superuser and not user.agency_id:
        county = Agency.objects.filter(level=AgencyLevel.COUNTY).order_by("path").first()
    else:
        county = user.agency.county() if user.agency_id else None
    if county is None or not can_read(user, county):
        raise Http404("您无权查看全县年报情况。")
    return render(
        request,
        "annual_reports/county_status.html",
        {
            "county": county,
            "year": year,
            "rows": county_overview(county, year),
        },
    )


@login_required
def staff_download(request, agency_id: int, year: int, fmt: str):
    """Staff: the live draft (or the published snapshot) of a report they may read."""
    agency = get_object_or_404(Agency, pk=agency_id)
    if fmt not in outputs.FORMATS or not can_read(request.user, agency):
        raise Http404
    if request.GET.get("live"):
        from .selectors import ReportSource, build_model

        return _file_response(ReportSource(agency, year, build_model(agency, year)), fmt)
    return _file_response(report_model_for_output(agency, year), fmt)
