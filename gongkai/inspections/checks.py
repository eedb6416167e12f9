"""The checklist items, each a function from an agency to the problems it has today.

A problem has a stable `key` (the same problem found again is the same finding, not a new one).
Reads only; services.inspection_run turns the problems into findings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from gongkai.core import sensitive
from gongkai.core.choices import AgencyLevel
from gongkai.core.models import Agency
from gongkai.publications.choices import PUBLIC_STATUSES, WAS_PUBLISHED
from gongkai.publications.models import CatalogueColumn, NormativeDocument, Publication

from .catalogue_areas import TOWNSHIP_AREAS, missing_areas, parse_areas
from .choices import CheckKind
from .models import BrokenLink, ChecklistItem, LinkCheckRun


@dataclass(frozen=True)
class Problem:
    key: str
    title: str
    detail: str = ""
    link: str = ""


def _item_url(publication_id: int, agency_id: int) -> str:
    return reverse("publications:staff_detail", args=[publication_id])


def check_catalogue(agency: Agency, item: ChecklistItem, today: datetime.date) -> list[Problem]:
    if agency.level != AgencyLevel.TOWNSHIP:
        return []  # the standard grass-roots catalogue is the township's
    areas = parse_areas(item.areas) if item.areas.strip() else TOWNSHIP_AREAS
    columns = list(CatalogueColumn.objects.filter(agency=agency).values_list("name", flat=True))
    return [
        Problem(
            key=f"area:{area}",
            title=f"公开目录缺少“{area}”领域栏目",
            detail=f"基层政务公开标准目录要求公开“{area}”领域信息，本机关公开目录中没有对应栏目"
            f"（栏目名称应包含：{'、'.join(areas[area])}）。",
            link=reverse("publications:catalogue", args=[agency.pk]),
        )
        for area in missing_areas(areas, columns)
    ]


def check_timeliness(agency: Agency, item: ChecklistItem, today: datetime.date) -> list[Problem]:
    """Items formed this year or last that were (or still are not) published within 20 working
    days; older ones cannot be rectified any more and were counted in their year's report."""
    since = datetime.date(today.year - 1, 1, 1)
    rows = Publication.objects.filter(
        agency=agency, formed_on__gte=since, revises__isnull=True
    ).only("pk", "agency_id", "title", "formed_on", "published_on", "status")
    problems = []
    for publication in rows:
        if publication.timeliness() != "超期":
            continue
        published = publication.status in WAS_PUBLISHED
        when = f"于 {publication.published_on} 发布" if published else "至今未发布"
        problems.append(
            Problem(
                key=f"publication:{publication.pk}",
                title=f"《{publication.title}》超过20个工作日{'才公开' if published else '仍未公开'}",
                detail=f"成文日期 {publication.formed_on}，应于 {publication.deadline()} 前公开，{when}"
                "（条例第二十六条）。",
                link=_item_url(publication.pk, agency.pk),
            )
        )
    return problems


def check_broken_links(agency: Agency, item: ChecklistItem, today: datetime.date) -> list[Problem]:
    run = LinkCheckRun.objects.filter(finished_at__isnull=False).first()
    if run is None:
        return []
    problems = []
    for link in BrokenLink.objects.filter(run=run, agency=agency).select_related("publication"):
        where = f"《{link.publication.title}》中" if link.publication else ""
        problems.append(
            Problem(
                key=f"link:{link.url}@{link.publication_id or link.found_on_page}"[:300],
                title=f"{where}{link.get_origin_display()}失效：{link.url}"[:300],
                detail=f"{run.started_at:%Y-%m-%d %H:%M} 链接检查：{link.problem}；所在页面 {link.found_on_page}。",
                link=_item_url(link.publication_id, agency.pk) if link.publication_id else "",
            )
        )
    return problems


def _validity_field() -> str | None:
    """The validity field another part of the app may add to publications (e.g. `validity`)."""
    names = {f.name for f in Publication._meta.get_fields()}
    return next((n for n in ("validity", "effectiveness", "valid_status") if n in names), None)


def check_expired_documents(
    agency: Agency, item: ChecklistItem, today: datetime.date
) -> list[Problem]:
    abolished = dict(
        NormativeDocument.objects.filter(agency=agency, abolished_on__lte=today).values_list(
            "doc_number", "abolished_on"
        )
    )
    if not abolished:
        return []
    rows = Publication.objects.filter(
        agency=agency, status__in=PUBLIC_STATUSES, doc_number__in=list(abolished)
    )
    field = _validity_field()
    problems = []
    for publication in rows:
        if field:
            value = getattr(publication, field)
            label = getattr(publication, f"get_{field}_display", lambda v=value: v)()
            if str(label) != "有效" and str(value) not in ("valid", "effective", "有效"):
                continue
            marked = "仍标注为“有效”"
        else:
            if any(word in publication.title for word in ("废止", "失效")):
                continue
            marked = "仍在公开目录中，未标注失效"
        problems.append(
            Problem(
                key=f"publication:{publication.pk}",
                title=f"已废止的《{publication.title}》（{publication.doc_number}）{marked}",
                detail=f"该文件已于 {abolished[publication.doc_number]} 废止（规章和行政规范性文件登记），"
                "应在公开目录中标注“已废止”或“失效”。",
                link=_item_url(publication.pk, agency.pk),
            )
        )
    return problems


def check_personal_data(agency: Agency, item: ChecklistItem, today: datetime.date) -> list[Problem]:
    from gongkai.annual_reports.models import ReportSnapshot

    problems = []
    rows = Publication.objects.filter(agency=agency, status__in=PUBLIC_STATUSES).values_list(
        "pk", "title", "body"
    )
    for pk, title, body in rows.iterator(chunk_size=500):
        hits = sensitive.scan(f"{title}\n{body}")
        if hits:
            problems.append(
                Problem(
                    key=f"publication:{pk}",
                    title=f"《{title}》公开了个人信息",
                    detail=f"发现{sensitive.summary(hits)}；应删除或脱敏后重新发布（条例第十五条）。",
                    link=_item_url(pk, agency.pk),
                )
            )
    snapshots = ReportSnapshot.objects.filter(report__agency=agency).values_list(
        "pk", "report__year", "revision", "text"
    )
    for pk, year, revision, text in snapshots:
        hits = sensitive.scan(text)
        if hits:
            problems.append(
                Problem(
                    key=f"report_snapshot:{pk}",
                    title=f"{year}年度报告（修订号 {revision}）公开了个人信息",
                    detail=f"发现{sensitive.summary(hits)}；应发布更正版本。",
                    link=reverse("annual_reports:report", args=[agency.pk, year]),
                )
            )
    return problems


def check_report_findings(
    agency: Agency, item: ChecklistItem, today: datetime.date
) -> list[Problem]:
    """The checker's findings in the latest published version of the latest report."""
    from gongkai.annual_reports.models import ReportSnapshot

    snapshot = (
        ReportSnapshot.objects.filter(report__agency=agency)
        .select_related("report")
        .order_by("-report__year", "-revision")
        .first()
    )
    if snapshot is None:
        return []
    year = snapshot.report.year
    problems = []
    for finding in snapshot.findings:
        if finding.get("severity") not in ("error", "warning"):
            continue
        where = finding.get("place") or "、".join(finding.get("places", [])[:3])
        message = finding.get("message") or finding.get("summary") or ""
        problems.append(
            Problem(
                key=f"report:{year}:{finding.get('code')}:{where}"[:300],
                title=f"{year}年度报告：{finding.get('title', '')}{f'（{where}）' if where else ''}"[
                    :300
                ],
                detail=f"{message} {finding.get('fix', '')}".strip(),
                link=reverse("annual_reports:report", args=[agency.pk, year]),
            )
        )
    return problems


CHECKS = {
    CheckKind.CATALOGUE: check_catalogue,
    CheckKind.TIMELINESS: check_timeliness,
    CheckKind.BROKEN_LINKS: check_broken_links,
    CheckKind.EXPIRED_DOCUMENTS: check_expired_documents,
    CheckKind.PERSONAL_DATA: check_personal_data,
    CheckKind.REPORT_FINDINGS: check_report_findings,
}
