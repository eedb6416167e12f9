"""Public reads for the agency pages, feeds, sitemap and API.

Everything here starts from what is published: items whose status *is* 已发布 (never "everything but
drafts", so a later 已撤回 state stays hidden) and annual-report snapshots (frozen at publishing).
No field that only staff see (review records, 保密审查人, 拟稿人, applications) is ever selected.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear

from gongkai.annual_reports.models import ReportSnapshot
from gongkai.core.models import Agency
from gongkai.publications.choices import PUBLIC_STATUSES
from gongkai.publications.models import CatalogueColumn, Publication

PAGE_SIZE = 20
SYSTEM_COLUMN = "政府信息公开制度"
# Filters on fields that Publication may not have yet (item kinds and validity are being added):
# each is offered only when the model has a field of that name with choices.
OPTIONAL_FILTERS = {"kind": "信息形式", "validity": "有效性"}
PUBLIC_FIELDS = (
    "id",
    "title",
    "doc_number",
    "formed_on",
    "published_on",
    "publisher",
    "body",
    "agency_id",
    "column_id",
)


def public_items() -> QuerySet[Publication]:
    """Every published item of every agency, newest first, with its agency and column names."""
    return (
        Publication.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("agency", "column")
        .only(*PUBLIC_FIELDS, "agency__name", "column__name", "column__order")
        .order_by("-published_on", "-id")
    )


def public_item(pk: int) -> Publication | None:
    return public_items().filter(pk=pk).first()


def subtree_ids(agency: Agency) -> QuerySet:
    return Agency.objects.filter(path__startswith=agency.path).values("pk")


def counties() -> list[Agency]:
    return list(Agency.objects.filter(parent__isnull=True).order_by("path"))


def optional_filters() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """{field: (label, choices)} for the optional filters the model supports today."""
    found = {}
    names = {f.name: f for f in Publication._meta.get_fields()}
    for name, label in OPTIONAL_FILTERS.items():
        model_field = names.get(name)
        if model_field is not None and getattr(model_field, "choices", None):
            choices = [(str(v), str(t)) for v, t in model_field.choices]
            found[name] = (str(getattr(model_field, "verbose_name", "") or label), choices)
    return found


@dataclass
class ItemFilter:
    column: int | None = None
    year: int | None = None
    extra: dict[str, str] = field(default_factory=dict)  # kind / validity, once the model has them

    @classmethod
    def from_query(cls, query, columns: list[CatalogueColumn] | None = None) -> ItemFilter:
        def number(name, low, high):
            try:
                value = int(query.get(name, ""))
            except ValueError:
                return None
            return value if low <= value <= high else None

        column = number("column", 1, 2**62)
        if columns is not None and column not in {c.pk for c in columns}:
            column = None
        extra = {}
        for name, (_, choices) in optional_filters().items():
            if query.get(name) in {v for v, _ in choices}:
                extra[name] = query.get(name)
        return cls(column=column, year=number("year", 1990, 2100), extra=extra)

    def apply(self, queryset: QuerySet[Publication]) -> QuerySet[Publication]:
        if self.column:
            queryset = queryset.filter(column_id=self.column)
        if self.year:
            start = datetime.date(self.year, 1, 1)
            queryset = queryset.filter(
                published_on__range=(start, datetime.date(self.year, 12, 31))
            )
        return queryset.filter(**self.extra)


def agency_columns(agency_id: int) -> list[dict]:
    """The agency's columns with their number of published items, in catalogue order. Two queries."""
    counts = dict(
        Publication.objects.filter(agency_id=agency_id, status__in=PUBLIC_STATUSES)
        .values("column_id")
        .annotate(n=Count("id"))
        .values_list("column_id", "n")
    )
    columns = CatalogueColumn.objects.filter(agency_id=agency_id).order_by("order", "name")
    return [{"column": c, "count": counts.get(c.pk, 0)} for c in columns]


def published_years(agency_id: int) -> list[int]:
    years = (
        Publication.objects.filter(
            agency_id=agency_id,
            status__in=PUBLIC_STATUSES,
            published_on__isnull=False,
        )
        .annotate(y=ExtractYear("published_on"))
        .values_list("y", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


def system_column(agency_id: int) -> CatalogueColumn | None:
    """The agency's 政府信息公开制度 column, when it has one."""
    return (
        CatalogueColumn.objects.filter(agency_id=agency_id, name__contains="公开制度")
        .order_by("order")
        .first()
    )


def paged(queryset, page: str | None, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(page)


# -- annual reports -------------------------------------------------------------------------------
def public_snapshots() -> QuerySet[ReportSnapshot]:
    """The latest published revision of every report (a correction supersedes; the history stays on
    the report page), newest year first. One query."""
    top = (
        ReportSnapshot.objects.filter(report_id=OuterRef("report_id"))
        .order_by("-revision")
        .values("revision")[:1]
    )
    return (
        ReportSnapshot.objects.filter(revision=Subquery(top))
        .select_related("report__agency")
        .defer("text", "html", "narrative", "findings", "figures", "model")
        .order_by("-report__year", "report__agency__path")
    )


def agency_filter_q(agency: Agency | None, field: str = "agency") -> Q:
    return Q(**{f"{field}__path__startswith": agency.path}) if agency else Q()
