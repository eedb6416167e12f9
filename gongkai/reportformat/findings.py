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
    "FEE_STATEMENT_MISSING": ERROR,
    "ART50_CONTENT_MISSING": WARNING,
    "REGULATION_NAME_WRONG": WARNING,
}
RULE_CODES = tuple(SEVERITY)

# Importance: errors that change numbers first, then other errors, then warnings.
RANK = {
    code: i
    for i, code in enumerate(
        (
            "T3_BALANCE",
            "T3_OUTCOME_SUM",
            "T3_ROW_TOTAL",
            "T4_BLOCK_TOTAL",
            "CELL_INVALID",
            "CELL_BLANK",
            "TEXT_TABLE_MISMATCH",
            "CROSS_YEAR",
            "FORMAT_OUTDATED",
            "SECTION_MISSING",
            "FEE_STATEMENT_MISSING",
            "LATE",
            "IMPLAUSIBLE",
            "ART50_CONTENT_MISSING",
            "PERIOD_MISMATCH",
            "REGULATION_NAME_WRONG",
            "LABEL_NONSTANDARD",
        )
    )
}
NUMBER_CODES = frozenset(list(RANK)[:8])  # errors that mean a published number is wrong

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
    "FEE_STATEMENT_MISSING": "未说明是否收取信息处理费",
    "ART50_CONTENT_MISSING": "未报告考核、评议和责任追究情况",
    "REGULATION_NAME_WRONG": "法规或文件名称有误",
}

# How to fix it, in a clerk's words.
RULE_FIXES = {
    "T3_BALANCE": "逐列核对表三：第一项加第二项之和应等于第三项（七）总计加第四项；找出漏计或多计的申请后改正。",
    "T3_OUTCOME_SUM": "核对表三（一）至（六）各项办理结果，改正（七）总计或漏填的办理结果。",
    "T3_ROW_TOTAL": "重新计算该行“总计”列：等于自然人与法人或其他组织各列之和。",
    "T4_BLOCK_TOTAL": "重新计算表四“总计”：等于结果维持、结果纠正、其他结果、尚未审结之和。",
    "CELL_BLANK": "在空白单元格填写数字；没有发生的填 0，不要留空或填“—”。",
    "CELL_INVALID": "改为阿拉伯数字（件数为非负整数，收费金额以万元为单位），说明文字移到表格下方。",
    "SECTION_MISSING": "按格式补齐六个部分，标题和顺序与格式一致。",
    "TEXT_TABLE_MISMATCH": "核对正文中的数字，使之与表格（或其自身的分项）一致；以核实后的统计数为准改正。",
    "FORMAT_OUTDATED": "改用国办公开办函〔2021〕30号印发的年度报告格式及表格。",
    "CROSS_YEAR": "核对上年度报告“结转下年度继续办理”的数字，与本年“上年结转”保持一致。",
    "LATE": "按期发布年度报告；已逾期的应尽快发布并说明原因。",
    "LABEL_NONSTANDARD": "按格式原文改正标题或行名（全角括号、原有文字），数字不受影响。",
    "IMPLAUSIBLE": "核实该数字；确有其事的可在表格下加注说明。",
    "PERIOD_MISMATCH": "统计期限应写为本年度1月1日至12月31日。",
    "FEE_STATEMENT_MISSING": "在第六部分写明本年度是否收取信息处理费（国办函〔2020〕109号），收取的写明金额（元）。",
    "ART50_CONTENT_MISSING": "按条例第五十条第（四）项，在报告中写明政府信息公开工作考核、社会评议和责任追究结果情况。",
    "REGULATION_NAME_WRONG": "改用法规或文件的正式名称。",
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

    @property
    def title(self) -> str:
        return RULE_NAMES[self.code]

    @property
    def fix(self) -> str:
        return RULE_FIXES[self.code]

    @property
    def place(self) -> str:
        return place(self.location)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "place": self.place,
            "location": self.location,
            "message": self.message,
            "expected": plain(self.expected),
            "found": plain(self.found),
            "fix": self.fix,
        }


_VALUE_NAMES = {
    "issued": "本年制发",
    "abolished": "本年废止",
    "in_force": "现行有效",
    **{c: label for c, label in F.T3_COLUMNS},
    **{c: label for c, label in F.T4_COLUMNS},
}


def plain(v: Any) -> str | None:
    """A value as a clerk reads it: 2, 空白, 本年制发 2、现行有效 2, 2025-01-01 至 2025-12-31."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, list | tuple):
        return " 至 ".join("（未写明）" if x is None else str(plain(x)) for x in v)
    if isinstance(v, dict):
        return "、".join(f"{_VALUE_NAMES.get(k, k)} {plain(x)}" for k, x in v.items())
    return str(v)


_SHORT = {2: "表二", 3: "表三", 4: "表四"}
_FIELDS = {"published_on": "发布日期", "statistics_period": "统计期限", "header": "报告标题"}


def place(loc: dict[str, Any], fmt: str = F.FORMAT_2021) -> str:
    """Where, as 表三 · 行 · 列 (or 第六部分, 统计期限)."""
    if "section" in loc:
        return f"第{loc['section']}部分（{F.SECTION_TITLES.get(loc['section'], '')}）"
    if "field" in loc:
        return _FIELDS.get(loc["field"], loc["field"])
    table = loc.get("table")
    if table is None:
        return "全文"
    parts = [_SHORT.get(table, f"表{table}")]
    row, col = loc.get("row"), loc.get("column")
    if table == 3:
        if row:
            try:
                parts.append(F.t3_row(row, fmt).full_label)
            except KeyError:
                parts.append(row)
        if col:
            parts.append(F.t3_column_label(col))
    elif table == 4:
        if row:
            parts.append(dict(F.T4_BLOCKS).get(row, row))
        if col:
            parts.append(dict(F.T4_COLUMNS).get(col, col))
    elif table == 2:
        rows = F.TABLE2_ROWS_2019 if fmt == F.FORMAT_2019 else F.TABLE2_ROWS_2021
        r = next((x for x in rows if x.code == row), None)
        if r is not None:
            parts.append(r.label)
            if col:
                parts.append(dict(r.columns).get(col, col))
        elif row:
            parts.append(row)
    return " · ".join(parts)


@dataclass
class Group:
    """Findings of one kind in one table (or section): one entry for the clerk, listing the places."""

    code: str
    severity: str
    items: list[Finding]

    @property
    def title(self) -> str:
        return RULE_NAMES[self.code]

    @property
    def fix(self) -> str:
        return RULE_FIXES[self.code]

    @property
    def places(self) -> list[str]:
        return [f.place for f in self.items]

    @property
    def summary(self) -> str:
        if len(self.items) == 1:
            return self.items[0].message
        where = _scope(self.items[0].location)
        return f"{where}共 {len(self.items)} 处{self.title}。"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "summary": self.summary,
            "places": self.places,
            "fix": self.fix,
            "count": len(self.items),
        }


def _scope(loc: dict[str, Any]) -> str:
    if "table" in loc:
        return _SHORT.get(loc["table"], f"表{loc['table']}")
    return place(loc)


def sort_key(f: Finding) -> tuple:
    loc = f.location
    section = loc.get("section")
    order = F.SECTION_KEYS.index(section) if section in F.SECTION_KEYS else -1
    return (RANK.get(f.code, 99), loc.get("table", 0), order)


def group(findings: list[Finding]) -> list[Group]:
    """One group per (code, table or section or field), most important first."""
    groups: dict[tuple, Group] = {}
    for f in sorted(findings, key=sort_key):
        loc = f.location
        scope = ("table", loc["table"]) if "table" in loc else tuple(sorted(loc.items()))
        key = (f.code, scope)
        if f.code == "TEXT_TABLE_MISMATCH":
            key = (f.code, scope, f.message)  # each sentence on its own
        if key not in groups:
            groups[key] = Group(f.code, f.severity, [])
        groups[key].items.append(f)
    return list(groups.values())


def verdict(findings: list[Finding], agency: str, year: int | None) -> str:
    """The one-paragraph verdict that leads the text and web output."""
    who = agency or "（未能从标题、统计期限或落款中识别出发布机关）"
    when = f"{year}年度" if year else "（未能识别报告年度）"
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    if not findings:
        return f"结论：通过。{who}{when}报告的格式、表格勾稽关系和正文数字均未发现问题。"
    numbers = [f for f in errors if f.code in NUMBER_CODES]
    head = f"结论：{'不通过' if errors else '通过（有警告）'}。{who}{when}报告有 "
    parts = []
    if errors:
        parts.append(f"{len(errors)} 处错误")
    if warnings:
        parts.append(f"{len(warnings)} 处警告")
    text = head + "、".join(parts) + "。"
    if numbers:
        kinds = "、".join(dict.fromkeys(RULE_NAMES[f.code] for f in numbers))
        text += f"其中 {len(numbers)} 处涉及公布的数字（{kinds}），应先核实改正。"
    elif errors:
        kinds = "、".join(dict.fromkeys(RULE_NAMES[f.code] for f in errors))
        text += f"数字未见错误，但有：{kinds}。"
    else:
        text += "数字未见错误，警告不影响通过，建议按提示修改。"
    return text


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
