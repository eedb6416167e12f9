"""Reads for the annual report: the counts (each one SQL aggregate), the reportformat model built from them,
the checker's findings, published snapshots, differences, and the county's status overview."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from gongkai.appeals.selectors import table4_counts
from gongkai.applications.selectors import fees_charged_yuan, table3_counts
from gongkai.core.choices import AgencyLevel
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.models import Agency
from gongkai.core.permissions import can_read
from gongkai.publications.selectors import document_counts, proactive_counts_by_column
from gongkai.reportformat import formats as F
from gongkai.reportformat.findings import Finding, describe_location
from gongkai.reportformat.model import AnnualReport as ReportModel
from gongkai.reportformat.model import empty_model, from_dict, to_dict
from gongkai.reportformat.rules import check

from .choices import WARNING_DAYS, ReportStatus
from .models import AnnualReport, EnforcementStats, ReportNarrative, ReportSnapshot


# -- scope -------------------------------------------------------------------------------------------
def report_agency_ids(agency: Agency) -> list[int]:
    """A county government's report consolidates itself and every agency below it; any other agency
    reports for itself."""
    if agency.level == AgencyLevel.COUNTY:
        return list(
            Agency.objects.filter(path__startswith=agency.path).values_list("id", flat=True)
        )
    return [agency.pk]


# -- counts ------------------------------------------------------------------------------------------
def enforcement_totals(*, agency_ids: list[int], year: int) -> dict:
    values = EnforcementStats.objects.filter(agency_id__in=agency_ids, year=year).aggregate(
        licensing=Sum("licensing"),
        penalty=Sum("penalty"),
        coercion=Sum("coercion"),
        fees=Sum("fees_10k_yuan"),
    )
    return {
        "licensing": values["licensing"] or 0,
        "penalty": values["penalty"] or 0,
        "coercion": values["coercion"] or 0,
        "fees_10k_yuan": _clean_decimal(values["fees"] or Decimal(0)),
    }


def _clean_decimal(value) -> Decimal:
    value = Decimal(value)
    return value.normalize() if value else Decimal(0)


def table2(*, agency_ids: list[int], year: int) -> dict:
    docs = document_counts(agency_ids=agency_ids, year=year)
    t = enforcement_totals(agency_ids=agency_ids, year=year)
    return {"rules": docs["rules"], "normative": docs["normative"], **t}


@dataclass
class SectionOneFigures:
    total: int
    by_column: list[tuple[str, int]]


def section_one_figures(*, agency_ids: list[int], year: int) -> SectionOneFigures:
    by_column = proactive_counts_by_column(agency_ids=agency_ids, year=year)
    return SectionOneFigures(total=sum(n for _, n in by_column), by_column=by_column)


# -- the model -----------------------------------------------------------------------------------------
def narrative_for(agency: Agency, year: int) -> ReportNarrative | None:
    return ReportNarrative.objects.filter(agency=agency, year=year).first()


def build_model(
    agency: Agency, year: int, *, narrative: dict[str, str] | None = None
) -> ReportModel:
    """The live report for (agency, year) from the records. `narrative` overrides the stored text."""
    ids = report_agency_ids(agency)
    model = empty_model(year, agency.name)
    model.table2 = table2(agency_ids=ids, year=year)
    model.table3 = table3_counts(agency_ids=ids, year=year)
    model.table4 = table4_counts(agency_ids=ids, year=year)
    model.fees_yuan = fees_charged_yuan(agency_ids=ids, year=year)
    if narrative is None:
        stored = narrative_for(agency, year)
        if stored is not None:
            narrative = stored.sections()
        else:
            from .drafting import draft_narrative

            narrative = draft_narrative(agency, year, model)
    model.sections = {
        "一": narrative.get("一", ""),
        "二": "",
        "三": "",
        "四": "",
        "五": narrative.get("五", ""),
        "六": narrative.get("六", ""),
    }
    return model


def previous_model(agency: Agency, year: int) -> ReportModel | None:
    """Last year's report as published (latest revision), else None."""
    snapshot = (
        ReportSnapshot.objects.filter(report__agency=agency, report__year=year - 1)
        .order_by("-revision")
        .first()
    )
    return from_dict(snapshot.model) if snapshot else None


def run_checks(agency: Agency, model: ReportModel) -> list[Finding]:
    """reportformat's rules, plus the check only Gongkai can make: the proactive-disclosure figures
    typed into section 一 against the records (they are not in any table)."""
    findings = check(
        model,
        previous=previous_model(agency, model.year),
        deadline=agency.report_deadline(model.year),
        may_make_rules=agency.may_make_rules,
    )
    return [*findings, *proactive_text_findings(agency, model)]


_PROACTIVE_TOTAL = re.compile(r"主动公开[^。；\d]{0,20}?(?:共计|共|累计)\s*(\d+)\s*条")


def proactive_text_findings(agency: Agency, model: ReportModel) -> list[Finding]:
    from gongkai.reportformat.narrative import proactive_breakdowns

    text = model.sections.get("一", "") or ""
    figures = section_one_figures(agency_ids=report_agency_ids(agency), year=model.year)
    by_column = dict(figures.by_column)
    out: list[Finding] = []

    def mismatch(message, expected, found):
        out.append(Finding("TEXT_TABLE_MISMATCH", {"section": "一"}, message, expected, found))

    stated_totals = {int(m.group(1)) for m in _PROACTIVE_TOTAL.finditer(text)}
    for total, items, _match in proactive_breakdowns(text):
        stated_totals.add(total)
        for name, n in items:
            column = next((c for c in by_column if c in name or name in c), None)
            if column is not None and by_column[column] != n:
                mismatch(
                    f"第一部分称“{name}”{n} 条，但记录中{model.year}年该栏目发布 "
                    f"{by_column[column]} 条。",
                    by_column[column],
                    n,
                )
    for total in sorted(stated_totals):
        if total != figures.total:
            mismatch(
                f"第一部分称主动公开政府信息共 {total} 条，但记录中{model.year}年发布 "
                f"{figures.total} 条。",
                figures.total,
                total,
            )
    return out


# -- published ----------------------------------------------------------------------------------------
def report_record(agency: Agency, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(agency=agency, year=year).first()


def published_snapshot(agency_id: int, year: int) -> ReportSnapshot | None:
    """Public: the latest published revision, or None."""
    return (
        ReportSnapshot.objects.filter(report__agency_id=agency_id, report__year=year)
        .order_by("-revision")
        .first()
    )


def latest_published_reports(limit: int = 10) -> list[dict]:
    """Public: the latest published annual reports (first publication or correction), newest first."""
    rows = (
        ReportSnapshot.objects.select_related("report__agency")
        .order_by("-published_at", "-id")
        .values(
            "report__agency_id", "report__agency__name", "report__year", "revision", "published_at"
        )[:limit]
    )
    return [
        {
            "agency_id": r["report__agency_id"],
            "agency": r["report__agency__name"],
            "year": r["report__year"],
            "revision": r["revision"],
            "published_at": r["published_at"],
        }
        for r in rows
    ]


def published_years(agency_id: int) -> list[int]:
    return sorted(
        set(
            ReportSnapshot.objects.filter(report__agency_id=agency_id).values_list(
                "report__year", flat=True
            )
        )
    )


def report_for_user(user, agency_id: int, year: int) -> tuple[Agency, AnnualReport | None]:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or not can_read(user, agency):
        raise NotFoundOrForbidden("报告不存在或您无权查看。")
    return agency, report_record(agency, year)


def snapshot_model(snapshot: ReportSnapshot) -> ReportModel:
    return from_dict(snapshot.model)


# -- differences between what was published and the records now --------------------------------------
@dataclass
class Difference:
    where: str
    published: object
    current: object


def differences(published: ReportModel, current: ReportModel) -> list[Difference]:
    a, b = to_dict(published), to_dict(current)
    out: list[Difference] = []
    for row in F.TABLE2_ROWS_2021:
        cols = [c for c, _ in row.columns] or [None]
        for col in cols:
            old = a["table2"].get(row.code)
            new = b["table2"].get(row.code)
            if col:
                old, new = (old or {}).get(col), (new or {}).get(col)
            if str(old) != str(new):
                loc = {"table": 2, "row": row.code, **({"column": col} if col else {})}
                out.append(Difference(describe_location(loc), old, new))
    for t, codes, cols in (
        ("table3", [r.code for r in F.TABLE3_ROWS_2021], F.T3_COLUMN_CODES),
        ("table4", F.T4_BLOCK_CODES, F.T4_COLUMN_CODES),
    ):
        for row in codes:
            for col in cols:
                old = (a[t].get(row) or {}).get(col)
                new = (b[t].get(row) or {}).get(col)
                if old != new:
                    loc = {"table": 3 if t == "table3" else 4, "row": row, "column": col}
                    out.append(Difference(describe_location(loc), old, new))
    for key in F.SECTION_KEYS:
        if (a["sections"].get(key) or "").strip() != (b["sections"].get(key) or "").strip():
            out.append(Difference(f"第{key}部分正文", "（已发布文本）", "（已修改）"))
    return out


def figure_differences(snapshot: ReportSnapshot, agency: Agency) -> list[Difference]:
    """The figures section 一 rests on (published items per column; not in any table), as frozen in
    the snapshot, against the records now."""
    frozen = snapshot.figures or {}
    if "proactive_total" not in frozen:
        return []
    now = frozen_figures(agency, snapshot.report.year)
    out: list[Difference] = []
    if frozen["proactive_total"] != now["proactive_total"]:
        out.append(
            Difference(
                "第一部分：主动公开信息条数", frozen["proactive_total"], now["proactive_total"]
            )
        )
    old_cols = dict((name, n) for name, n in frozen.get("proactive_by_column", []))
    new_cols = dict((name, n) for name, n in now["proactive_by_column"])
    for name in sorted(set(old_cols) | set(new_cols)):
        if old_cols.get(name, 0) != new_cols.get(name, 0):
            out.append(
                Difference(
                    f"第一部分：“{name}”栏目条数", old_cols.get(name, 0), new_cols.get(name, 0)
                )
            )
    return out


# -- the county office's overview ---------------------------------------------------------------------
@dataclass
class AgencyReportStatus:
    agency: Agency
    deadline: datetime.date
    status: str
    status_label: str
    revision: int | None
    published_at: datetime.datetime | None
    late: bool
    warning: str
    findings: list[Finding] = field(default_factory=list)
    exists: bool = True  # False: the agency has no report for the year (未编制)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


def deadline_warning(agency: Agency, year: int, published: bool, today=None) -> str:
    today = today or timezone.localdate()
    deadline = agency.report_deadline(year)
    if published:
        return ""
    days = (deadline - today).days
    if days < 0:
        return f"已逾期 {-days} 天（期限 {deadline:%Y年%m月%d日}）"
    if days <= WARNING_DAYS:
        return f"距发布期限还有 {days} 天（{deadline:%Y年%m月%d日}）"
    return ""


def county_overview(county: Agency, year: int, today=None) -> list[AgencyReportStatus]:
    # Only disclosure bodies owe a report; a 站所 reports through its office (条例第五十条).
    agencies = list(
        Agency.objects.filter(path__startswith=county.path, is_disclosure_body=True).order_by(
            "path"
        )
    )
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).annotate(
            revisions=Count("snapshots")
        )
    }
    latest, first_late = {}, {}
    for s in (
        ReportSnapshot.objects.filter(report__agency__in=agencies, report__year=year)
        .order_by("report_id", "revision")
        .only("id", "report_id", "revision", "published_at", "late", "findings")
    ):
        latest[s.report_id] = s
        # On time or late is judged by the first publication; a later correction does not make
        # an on-time report late.
        first_late.setdefault(s.report_id, s.late)
    rows = []
    for agency in agencies:
        report = reports.get(agency.pk)
        snapshot = latest.get(report.pk) if report else None
        if snapshot is not None:
            findings = [_finding(d) for d in snapshot.findings]
        elif report is not None:
            findings = run_checks(agency, build_model(agency, year))
        else:
            findings = []  # no report: nothing was checked, so nothing "passed"
        status = report.status if report else ReportStatus.DRAFT
        rows.append(
            AgencyReportStatus(
                agency=agency,
                deadline=agency.report_deadline(year),
                status=status,
                status_label="未编制" if report is None else ReportStatus(status).label,
                exists=report is not None,
                revision=snapshot.revision if snapshot else None,
                published_at=snapshot.published_at if snapshot else None,
                late=bool(snapshot and first_late[report.pk]),
                warning=deadline_warning(agency, year, snapshot is not None, today),
                findings=findings,
            )
        )
    return rows


def _finding(d: dict) -> Finding:
    return Finding(
        d["code"],
        d.get("location") or {},
        d.get("message", ""),
        d.get("expected"),
        d.get("found"),
        d.get("severity", ""),
    )


# -- what `gongkai report` and the downloads output -------------------------------------------------
@dataclass
class ReportSource:
    """The published snapshot when there is one, otherwise the live draft."""

    agency: Agency
    year: int
    model: ReportModel
    snapshot: ReportSnapshot | None = None

    def render(self, fmt: str) -> str | bytes:
        import json

        from . import outputs

        if self.snapshot is not None:
            if fmt == "txt":
                return self.snapshot.text
            if fmt == "json":
                return json.dumps(self.snapshot.model, ensure_ascii=False, indent=2) + "\n"
        return outputs.render(self.model, fmt)


def report_model_for_output(agency: Agency, year: int) -> ReportSource:
    snapshot = published_snapshot(agency.pk, year)
    if snapshot is not None:
        return ReportSource(agency, year, from_dict(snapshot.model), snapshot)
    return ReportSource(agency, year, build_model(agency, year))


def frozen_figures(agency: Agency, year: int) -> dict:
    """Figures outside the three tables that the published report rests on (kept in the snapshot)."""
    ids = report_agency_ids(agency)
    figures = section_one_figures(agency_ids=ids, year=year)
    return {
        "proactive_total": figures.total,
        "proactive_by_column": [[name, n] for name, n in figures.by_column],
        "agency_count": len(ids),
    }


# -- staff: who reviews what ------------------------------------------------------------------------
def reports_awaiting_review(user) -> list[AnnualReport]:
    """待我审核: the reports of the user's own agency at the user's stage (初审 for the 办公室主任,
    终审 for the 分管领导); every report at either stage for a superuser."""
    from gongkai.core.choices import Role
    from gongkai.core.permissions import agency_q

    if not user.is_authenticated:
        return []
    stages = {
        Role.OFFICE_HEAD: [ReportStatus.FIRST_REVIEW],
        Role.LEADER: [ReportStatus.FINAL_REVIEW],
    }
    queryset = AnnualReport.objects.filter(agency_q(user)).select_related("agency")
    if user.is_superuser:
        queryset = queryset.filter(
            status__in=[ReportStatus.FIRST_REVIEW, ReportStatus.FINAL_REVIEW]
        )
    elif user.role in stages:
        queryset = queryset.filter(agency_id=user.agency_id, status__in=stages[user.role])
    else:
        return []
    return list(queryset.order_by("-year", "agency__path"))
