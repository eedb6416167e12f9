"""Validation rules (spec §7) as pure functions over an ``AnnualReport``.

``check(model, ...)`` runs them all. A blank (None) cell never breaks arithmetic: the affected sum is
skipped and the cell is reported as CELL_BLANK instead.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from gongkai.core.cn import cn_date

from . import formats as F
from .findings import Finding, dedupe, describe_location, plain, sort_key
from .model import AnnualReport, iter_table2_cells


def _is_count(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _t3_label(row: str, fmt: str) -> str:
    try:
        return F.t3_row(row, fmt).full_label
    except KeyError:
        return row


# ---------------------------------------------------------------------------------------------
def check_cells(m: AnnualReport) -> list[Finding]:
    """CELL_BLANK / CELL_INVALID over the three tables (a table whose section is missing is skipped)."""
    out: list[Finding] = []
    present = m.sections.keys()

    def bad(loc: dict, v) -> None:
        where = describe_location(loc, m.format)
        if v is None:
            out.append(
                Finding(
                    "CELL_BLANK",
                    loc,
                    f"{where}为空白；没有数字时应填写 0。",
                    expected="数字（没有时填 0）",
                    found="空白",
                )
            )
        else:
            out.append(
                Finding(
                    "CELL_INVALID",
                    loc,
                    f"{where}的内容“{v}”不是有效的数字（应为非负整数）。",
                    expected="非负整数",
                    found=str(v),
                )
            )

    if "二" in present:
        for row, col, v in iter_table2_cells(m):
            loc = {"table": 2, "row": row} | ({"column": col} if col else {})
            amount = row.endswith("10k_yuan") or (col or "").endswith("10k_yuan") or col == "change"
            if amount:
                ok = isinstance(v, Decimal | int) and not isinstance(v, bool)
                ok = ok and (col == "change" or v >= 0)
            else:
                ok = _is_count(v)
            if not ok:
                bad(loc, v)
    if "三" in present:
        for r in F.table3_rows(m.format):
            cols = m.table3.get(r.code)
            if cols is None or all(cols.get(c) is None for c in F.T3_COLUMN_CODES):
                out.append(
                    Finding(
                        "CELL_BLANK",
                        {"table": 3, "row": r.code},
                        f"表三缺少“{r.full_label}”行，或该行全部空白。",
                        expected="7 个数字",
                        found="缺失",
                    )
                )
                continue
            for c in F.T3_COLUMN_CODES:
                v = cols.get(c)
                if not _is_count(v):
                    bad({"table": 3, "row": r.code, "column": c}, v)
    if "四" in present:
        for b in F.T4_BLOCK_CODES:
            for c in F.T4_COLUMN_CODES:
                v = m.table4.get(b, {}).get(c)
                if not _is_count(v):
                    bad({"table": 4, "row": b, "column": c}, v)
    return out


def check_t3_row_totals(m: AnnualReport) -> list[Finding]:
    out = []
    for r in F.table3_rows(m.format):
        cols = m.table3.get(r.code) or {}
        vals = [cols.get(c) for c in F.T3_APPLICANT_COLUMNS]
        total = cols.get("total")
        if not all(_is_count(v) for v in vals) or not _is_count(total):
            continue
        s = sum(vals)
        if s != total:
            out.append(
                Finding(
                    "T3_ROW_TOTAL",
                    {"table": 3, "row": r.code, "column": "total"},
                    f"表三“{r.full_label}”行：总计为 {total}，但自然人与法人或其他组织各列之和为 {s}。",
                    expected=s,
                    found=total,
                )
            )
    return out


def check_t3_outcome_sum(m: AnnualReport) -> list[Finding]:
    out = []
    codes = F.outcome_codes(m.format)
    for c in F.T3_COLUMN_CODES:
        vals = [m.t3(r, c) for r in codes]
        total = m.t3("total", c)
        if not all(_is_count(v) for v in vals) or not _is_count(total):
            continue
        s = sum(vals)
        if s != total:
            out.append(
                Finding(
                    "T3_OUTCOME_SUM",
                    {"table": 3, "row": "total", "column": c},
                    f"表三“{F.t3_column_label(c)}”列：（七）总计为 {total}，"
                    f"但（一）至（六）各项办理结果之和为 {s}。",
                    expected=s,
                    found=total,
                )
            )
    return out


def check_t3_balance(m: AnnualReport) -> list[Finding]:
    out = []
    for c in F.T3_COLUMN_CODES:
        a, b = m.t3("new", c), m.t3("carried_over", c)
        t, f = m.t3("total", c), m.t3("carried_forward", c)
        if not all(_is_count(v) for v in (a, b, t, f)):
            continue
        if a + b != t + f:
            out.append(
                Finding(
                    "T3_BALANCE",
                    {"table": 3, "column": c},
                    f"表三“{F.t3_column_label(c)}”列不符合勾稽关系：第一项加第二项之和为 {a} + {b} = "
                    f"{a + b}，第三项（七）总计加第四项之和为 {t} + {f} = {t + f}。",
                    expected=a + b,
                    found=t + f,
                )
            )
    return out


def check_t4_totals(m: AnnualReport) -> list[Finding]:
    out = []
    for b, label in F.T4_BLOCKS:
        cols = m.table4.get(b) or {}
        parts = [cols.get(c) for c in ("upheld", "corrected", "other", "pending")]
        total = cols.get("total")
        if not all(_is_count(v) for v in parts) or not _is_count(total):
            continue
        s = sum(parts)
        if s != total:
            out.append(
                Finding(
                    "T4_BLOCK_TOTAL",
                    {"table": 4, "row": b, "column": "total"},
                    f"表四“{label}”：总计为 {total}，但结果维持、结果纠正、其他结果、尚未审结之和为 {s}。",
                    expected=s,
                    found=total,
                )
            )
    return out


def check_sections(m: AnnualReport) -> list[Finding]:
    out = []
    for k in F.SECTION_KEYS:
        heading = F.section_heading(k)
        if k not in m.sections:
            out.append(
                Finding(
                    "SECTION_MISSING",
                    {"section": k},
                    f"缺少第{k}部分“{heading}”。",
                    expected=heading,
                    found="缺失",
                )
            )
        elif k in ("一", "五", "六") and not m.sections[k].strip():
            out.append(
                Finding(
                    "SECTION_MISSING",
                    {"section": k},
                    f"第{k}部分“{heading}”没有内容。",
                    expected=heading,
                    found="空白",
                )
            )
    return out


_CITES_2019 = re.compile(r"国办公开办函\W*2019\W*60\s*号")
_CITES_2021 = re.compile(r"国办公开办函\W*2021\W*30\s*号")


def check_format(m: AnnualReport) -> list[Finding]:
    if m.year is None or m.year < 2021:
        return []
    if m.format == F.FORMAT_2019:
        return [
            Finding(
                "FORMAT_OUTDATED",
                {"table": 2},
                f"{m.year}年度报告仍使用 2019 年试行格式（国办公开办函〔2019〕60号）的表格；"
                "2021 年度起应使用国办公开办函〔2021〕30号印发的格式。",
                expected=F.FORMAT_2021,
                found=F.FORMAT_2019,
            )
        ]
    text = m.preamble + "\n" + "\n".join(m.sections.values())
    if _CITES_2019.search(text) and not _CITES_2021.search(text):
        return [
            Finding(
                "FORMAT_OUTDATED",
                {"section": "一"},
                f"{m.year}年度报告援引已被替代的试行格式通知（国办公开办函〔2019〕60号）；"
                "应依据国办公开办函〔2021〕30号印发的年度报告格式编制。",
                expected=F.FORMAT_NOTICE[F.FORMAT_2021],
                found=F.FORMAT_NOTICE[F.FORMAT_2019],
            )
        ]
    return []


def check_cross_year(m: AnnualReport, previous: AnnualReport | None) -> list[Finding]:
    if previous is None:
        return []
    if m.year is not None and previous.year is not None and previous.year != m.year - 1:
        return []
    out = []
    for c in F.T3_COLUMN_CODES:
        now, before = m.t3("carried_over", c), previous.t3("carried_forward", c)
        if _is_count(now) and _is_count(before) and now != before:
            py = f"{previous.year}年度" if previous.year else "上年度"
            out.append(
                Finding(
                    "CROSS_YEAR",
                    {"table": 3, "row": "carried_over", "column": c},
                    f"表三“二、上年结转政府信息公开申请数量”“{F.t3_column_label(c)}”列为 {now}，"
                    f"但{py}报告“四、结转下年度继续办理”为 {before}。",
                    expected=before,
                    found=now,
                )
            )
    return out


def check_late(m: AnnualReport, deadline: datetime.date | None) -> list[Finding]:
    if deadline is None or m.published_on is None or m.published_on <= deadline:
        return []
    days = (m.published_on - deadline).days
    return [
        Finding(
            "LATE",
            {"field": "published_on"},
            f"报告于 {cn_date(m.published_on)} 发布，晚于发布期限 {cn_date(deadline)}"
            f"（逾期 {days} 天）。",
            expected=deadline.isoformat(),
            found=m.published_on.isoformat(),
        )
    ]


def check_plausibility(
    m: AnnualReport, previous: AnnualReport | None, may_make_rules: bool | None
) -> list[Finding]:
    out = []
    if may_make_rules is None and F.guess_agency_kind(m.agency) == "township":
        may_make_rules = False
    rules_row = m.table2.get("rules")
    if may_make_rules is False and isinstance(rules_row, dict):
        reported = {k: v for k, v in rules_row.items() if _is_count(v) and v > 0}
        if reported:
            who = "乡镇人民政府" if F.guess_agency_kind(m.agency) == "township" else "本机关"
            out.append(
                Finding(
                    "IMPLAUSIBLE",
                    {"table": 2, "row": "rules"},
                    f"表二“规章”行填有数字（{'、'.join(f'{v}' for v in reported.values())}），"
                    f"但{who}没有规章制定权；请核实是否应填入“行政规范性文件”行。",
                    expected="0（或填入“行政规范性文件”行）",
                    found=plain(reported),
                )
            )
    now = m.t3("new")
    before = previous.t3("new") if previous is not None else None
    if _is_count(now) and _is_count(before) and before > 0 and max(now, before) >= 10:
        ratio = now / before
        if ratio > 5 or ratio < 0.2:
            out.append(
                Finding(
                    "IMPLAUSIBLE",
                    {"table": 3, "row": "new", "column": "total"},
                    f"本年新收政府信息公开申请 {now} 件，上年为 {before} 件，变化超过 5 倍，请核实。",
                    expected=f"{before} 件的 0.2～5 倍",
                    found=now,
                )
            )
    fees = m.table2.get("fees_10k_yuan")
    if isinstance(fees, Decimal | int) and not isinstance(fees, bool):
        limit = 100 if F.guess_agency_kind(m.agency) == "township" else 10000
        if fees >= limit:
            out.append(
                Finding(
                    "IMPLAUSIBLE",
                    {"table": 2, "row": "fees_10k_yuan"},
                    f"表二“行政事业性收费”本年收费金额为 {fees} 万元，数额异常，"
                    "可能误以“元”为单位填写（该栏单位为万元）。",
                    expected="以万元为单位的金额",
                    found=str(fees),
                )
            )
    return out


def check_period(m: AnnualReport) -> list[Finding]:
    if m.year is None or (m.period_start is None and m.period_end is None):
        return []
    start, end = datetime.date(m.year, 1, 1), datetime.date(m.year, 12, 31)
    if m.period_start == start and m.period_end == end:
        return []

    def fmt(d):
        return cn_date(d) if d else "（未写明）"

    return [
        Finding(
            "PERIOD_MISMATCH",
            {"field": "statistics_period"},
            f"报告写明的统计期限为{fmt(m.period_start)}至{fmt(m.period_end)}，"
            f"应为{fmt(start)}至{fmt(end)}。",
            expected=[start.isoformat(), end.isoformat()],
            found=[
                m.period_start.isoformat() if m.period_start else None,
                m.period_end.isoformat() if m.period_end else None,
            ],
        )
    ]


def check(
    model: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    deadline: datetime.date | None = None,
    may_make_rules: bool | None = None,
) -> list[Finding]:
    """Run every rule of spec §7 on `model`, most important first (``findings.sort_key``)."""
    from .content_rules import check_content
    from .narrative import check_narrative

    findings = [
        *check_sections(model),
        *check_format(model),
        *check_cells(model),
        *check_t3_row_totals(model),
        *check_t3_outcome_sum(model),
        *check_t3_balance(model),
        *check_t4_totals(model),
        *check_narrative(model, previous),
        *check_content(model),
        *check_cross_year(model, previous),
        *check_late(model, deadline),
        *check_plausibility(model, previous, may_make_rules),
        *check_period(model),
    ]
    findings = dedupe(findings)
    return sorted(findings, key=sort_key)
