"""Findings: what the checker (rules and parsers) reports, with codes from spec §7."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import formats as F

ERROR = "error"
WARNING = "warning"

SEVERITY = {
    "T3_BALANCE": ERROR,
    "T3_OUTCOME_SUM": ERROR,
    "T3_ROW_TOTAL": ERROR,
    "T4_BLOCK_TOTAL": ERROR,
    "CELL_BLANK": ERROR,
    "CELL_INVALID": ERROR,
    "SECTION_MISSING": ERROR,
    "TEXT_TABLE_MISMATCH": ERROR,
    "FORMAT_OUTDATED": ERROR,
    "CROSS_YEAR": ERROR,
    "LATE": ERROR,
    "LABEL_NONSTANDARD": WARNING,
    "IMPLAUSIBLE": WARNING,
    "PERIOD_MISMATCH": WARNING,
}
RULE_CODES = tuple(SEVERITY)

# Short Chinese names of the rules (for summaries).
RULE_NAMES = {
    "T3_BALANCE": "表三勾稽关系不平",
    "T3_OUTCOME_SUM": "表三总计与办理结果之和不符",
    "T3_ROW_TOTAL": "表三总计列与各类申请人之和不符",
    "T4_BLOCK_TOTAL": "表四总计与各项之和不符",
    "CELL_BLANK": "单元格空白",
    "CELL_INVALID": "单元格不是有效数字",
    "SECTION_MISSING": "缺少章节",
    "TEXT_TABLE_MISMATCH": "正文数字与表格不符",
    "FORMAT_OUTDATED": "使用已废止的格式",
    "CROSS_YEAR": "与上年度结转数不符",
    "LATE": "逾期发布",
    "LABEL_NONSTANDARD": "表述与模板不一致",
    "IMPLAUSIBLE": "数据存疑",
    "PERIOD_MISMATCH": "统计期限不是全年",
}


@dataclass
class Finding:
    code: str
    location: dict[str, Any]
    message: str
    expected: Any = None
    found: Any = None
    severity: str = field(default="")

    def __post_init__(self) -> None:
        if not self.severity:
            self.severity = SEVERITY[self.code]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "location": self.location,
            "message": self.message,
            "expected": _plain(self.expected),
            "found": _plain(self.found),
        }


def _plain(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return str(v)


_TABLE_NAMES = {
    2: "表二（主动公开政府信息情况）",
    3: "表三（收到和处理政府信息公开申请情况）",
    4: "表四（政府信息公开行政复议、行政诉讼情况）",
}


def describe_location(loc: dict[str, Any], fmt: str = F.FORMAT_2021) -> str:
    """Chinese description of a location, e.g. 表三“一、本年新收政府信息公开申请数量”行“总计”列."""
    if "section" in loc:
        return f"第{loc['section']}部分（{F.SECTION_TITLES.get(loc['section'], '')}）"
    table = loc.get("table")
    if table is None:
        return "全文"
    name = _TABLE_NAMES.get(table, f"表{table}")
    short = name.split("（")[0]
    row, col = loc.get("row"), loc.get("column")
    parts = [short]
    if table == 3:
        if row:
            try:
                parts.append(f"“{F.t3_row(row, fmt).full_label}”行")
            except KeyError:
                parts.append(f"“{row}”行")
        if col:
            parts.append(f"“{F.t3_column_label(col)}”列")
    elif table == 4:
        if row:
            parts.append(f"“{dict(F.T4_BLOCKS).get(row, row)}”")
        if col:
            parts.append(f"“{dict(F.T4_COLUMNS).get(col, col)}”")
    elif table == 2:
        rows = F.TABLE2_ROWS_2019 if fmt == F.FORMAT_2019 else F.TABLE2_ROWS_2021
        r = next((x for x in rows if x.code == row), None)
        if r is not None:
            parts.append(f"“{r.label}”")
            if col:
                parts.append(f"“{dict(r.columns).get(col, col)}”")
            elif r.value_label:
                parts.append(f"“{r.value_label}”")
        elif row:
            parts.append(f"“{row}”")
    return "".join(parts)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop repeated (code, location) pairs and CELL_BLANK where the same cell is CELL_INVALID."""
    invalid = {_key(f.location) for f in findings if f.code == "CELL_INVALID"}
    seen: set[tuple] = set()
    out = []
    for f in findings:
        k = (f.code, _key(f.location), f.message)
        if k in seen or (f.code == "CELL_BLANK" and _key(f.location) in invalid):
            continue
        seen.add(k)
        out.append(f)
    return out


def _key(loc: dict[str, Any]) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in loc.items()))
