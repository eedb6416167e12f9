"""Ledger (台账) import and export for ledgers.md §5: 行政执法和收费统计 (Table 2 第（五）（六）（八）项).
One row per year; all or nothing; re-import changes nothing; changes are audited."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from gongkai.core.ledgers import Problems, RowReader, check_header, read_sheet, write_sheet
from gongkai.core.models import Agency

from .choices import ReportStatus
from .models import AnnualReport, EnforcementStats
from .services import enforcement_set

FEES = "行政事业性收费（万元）"
REQUIRED = ("年度", "行政许可", "行政处罚", "行政强制", FEES)
LOCKED = (ReportStatus.FIRST_REVIEW, ReportStatus.FINAL_REVIEW, ReportStatus.PUBLISHED)


def import_enforcement(*, actor, agency: Agency, path) -> dict:
    sheet = read_sheet(path)
    # Accept the ASCII-parenthesis spelling Excel users often type.
    if "行政事业性收费(万元)" in sheet.header and FEES not in sheet.header:
        sheet.header = [FEES if h == "行政事业性收费(万元)" else h for h in sheet.header]
        sheet.rows = [
            (n, {(FEES if k == "行政事业性收费(万元)" else k): v for k, v in row.items()})
            for n, row in sheet.rows
        ]
    notes = check_header(sheet, REQUIRED, ())
    problems = Problems()
    rows, seen = [], {}
    for number, values in sheet.rows:
        r = RowReader(number, values, problems)
        year = r.integer("年度", required=True)
        if year is not None and not 2000 <= year <= 2100:
            problems.add(number, "年度", f"“{year}”不是有效年度")
        elif year is not None:
            if year in seen:
                problems.add(number, "年度", f"{year} 年与第{seen[year]}行重复")
            seen.setdefault(year, number)
        licensing = r.integer("行政许可", required=True)
        penalty = r.integer("行政处罚", required=True)
        coercion = r.integer("行政强制", required=True)
        fees = r.decimal(FEES, required=True)
        rows.append((year, licensing, penalty, coercion, fees))
        _refuse_inside_workflow(agency, number, rows[-1], problems)
    problems.raise_if_any(Path(path))
    created = updated = unchanged = 0
    with transaction.atomic():
        for year, licensing, penalty, coercion, fees in rows:
            before = EnforcementStats.objects.filter(agency=agency, year=year).first()
            after = enforcement_set(
                actor=actor,
                agency=agency,
                year=year,
                licensing=licensing,
                penalty=penalty,
                coercion=coercion,
                fees_10k_yuan=fees,
            )
            if before is None:
                created += 1
            elif _same(before, after):
                unchanged += 1
            else:
                updated += 1
    result = {"新增": created, "更新": updated, "未变": unchanged}
    if notes:
        result["提示"] = "；".join(notes)
    return result


def _refuse_inside_workflow(agency: Agency, number: int, row: tuple, problems: Problems) -> None:
    """The figures of a year whose report is in review or published belong to that report's workflow:
    an import may not change them (it may repeat them unchanged)."""
    year, *values = row
    if year is None:
        return
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is None or report.status not in LOCKED:
        return
    stats = EnforcementStats.objects.filter(agency=agency, year=year).first()
    fields = ("licensing", "penalty", "coercion", "fees_10k_yuan")
    if stats is not None and all(
        getattr(stats, f) == v for f, v in zip(fields, values, strict=True)
    ):
        return
    problems.add(
        number,
        "年度",
        f"{year} 年度报告{report.get_status_display()}，其中的执法和收费统计不能通过导入修改",
    )


def _same(a: EnforcementStats, b: EnforcementStats) -> bool:
    return all(
        getattr(a, f) == getattr(b, f)
        for f in ("licensing", "penalty", "coercion", "fees_10k_yuan")
    )


def export_enforcement(*, agency: Agency, path, year: int | None = None) -> int:
    stats = EnforcementStats.objects.filter(agency=agency).order_by("year")
    if year is not None:
        stats = stats.filter(year=year)
    rows = [[s.year, s.licensing, s.penalty, s.coercion, _plain(s.fees_10k_yuan)] for s in stats]
    write_sheet(path, list(REQUIRED), rows)
    return len(rows)


def _plain(value) -> str:
    s = format(value, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s
