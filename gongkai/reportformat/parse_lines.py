"""From lines of cells (what every input format is reduced to) to an ``AnnualReport``.

Text, HTML, DOCX and PDF parsers only turn their input into ``list[list[str]]`` (one list of cells per
line or table row, in reading order); everything about the report format happens here.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from . import formats as F
from .cells import has_cjk, is_value_cell, norm, parse_cell
from .findings import Finding
from .model import AnnualReport, empty_table2, empty_table3, empty_table4
from .narrative import extract_fees_yuan


class ReportParseError(Exception):
    """The input cannot be read as an annual report; ``str(exc)`` is a Chinese message for the user."""


@dataclass
class ParseResult:
    model: AnnualReport
    findings: list[Finding] = field(default_factory=list)
    format_name: str = F.FORMAT_2021  # the report format found: "2021" or "2019"
    source_kind: str = "txt"  # txt / html / docx / pdf


_NUM = "一二三四五六"
_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*(.*)$")
_T3_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_TITLE = re.compile(
    r"^(?P<a>.*?)(?P<y>(?:19|20)\d{2})\s*年度?(?P<b>.*?)政府信息公开(?:工作)?年度?报告$"
)
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = re.compile(
    r"统计(?:时限|期限|时间|期间|区间|周期|范围)[^\d]{0,8}" + _DATE + r"[^\d]{0,8}" + _DATE
)
_DATE_LINE = re.compile(r"^" + _DATE + r"$")
_PUBLISHED = re.compile(
    r"(?:发布|公开|成文)(?:日期|时间)[:：]\s*(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})"
)
_CHROME_STOP = (
    "主办单位",
    "版权所有",
    "网站标识码",
    "ICP备",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "上一篇",
    "下一篇",
    "相关链接",
    "[STORED COPY ENDS HERE]",
)
_AGENCY_END = (
    "政府",
    "局",
    "委员会",
    "办公室",
    "办事处",
    "委",
    "厅",
    "院",
    "中心",
    "镇",
    "乡",
    "街道",
)


def _line_text(cells: list[str]) -> str:
    return " ".join(c for c in (x.strip() for x in cells) if c)


def _date(y, m, d) -> datetime.date | None:
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _heading_section(cells: list[str], expected_next: int) -> tuple[str, str, bool] | None:
    """(section key, heading text, standard?) if this line is a section heading."""
    non_empty = [c for c in cells if c.strip()]
    if len(non_empty) != 1:
        return None
    text = non_empty[0].strip()
    m = _HEADING.match(text)
    if not m or len(text) > 60 or any(w in text for w in _T3_ROW_WORDS):
        return None
    num, rest = m.group(1), norm(m.group(2))
    std = norm(F.SECTION_TITLES[num])
    if rest == std:
        return num, text, True
    for key, words in F.SECTION_KEYWORDS.items():
        if key == num and any(norm(w) in rest for w in words):
            return num, text, False
    if _NUM.index(num) == expected_next and len(text) <= 30 and not text.endswith("。"):
        return num, text, False
    return None


def parse_lines(
    rows: list[list[str]], *, source_kind: str = "txt", layout: bool = False
) -> ParseResult:
    """Build the model from lines of cells. ``layout`` = lines are wrapped text (PDF)."""
    rows = [[c.replace("\u00a0", " ") for c in r] for r in rows]
    if not any(c.strip() for r in rows for c in r):
        raise ReportParseError("文件没有可读取的文字内容（空文件）。")
    findings: list[Finding] = []

    # -- sections ------------------------------------------------------------------------------
    heads: list[tuple[int, str]] = []  # (line index, key)
    last = -1
    for i, cells in enumerate(rows):
        h = _heading_section(cells, last + 1)
        if h is None:
            continue
        key, text, standard = h
        n = _NUM.index(key)
        if n <= last:
            if standard:
                findings.append(
                    Finding(
                        "SECTION_MISSING",
                        {"section": key},
                        f"第{key}部分“{text}”重复出现：报告在第{_NUM[last]}部分之后重新开始编号。",
                        expected=F.section_heading(_NUM[min(last + 1, 5)])
                        if last < 5
                        else "报告结束",
                        found=text,
                    )
                )
            continue
        heads.append((i, key))
        last = n
        if not standard:
            findings.append(
                Finding(
                    "LABEL_NONSTANDARD",
                    {"section": key},
                    f"第{key}部分标题为“{text}”，格式规定为“{F.section_heading(key)}”。",
                    expected=F.section_heading(key),
                    found=text,
                )
            )

    title_idx, year, agency = _find_title(rows, heads[0][0] if heads else len(rows))
    if not heads and title_idx is None:
        raise ReportParseError(
            "未识别为政府信息公开工作年度报告：没有找到报告标题，也没有找到“一、总体情况”"
            "“二、主动公开政府信息情况”等章节标题。"
        )
    if len(heads) < 2 and title_idx is None and not _looks_like_tables(rows):
        raise ReportParseError(
            "未识别为政府信息公开工作年度报告：只找到很少的章节标题，也没有年度报告的统计表格。"
        )

    bounds = {
        key: (i + 1, heads[j + 1][0] if j + 1 < len(heads) else len(rows))
        for j, (i, key) in enumerate(heads)
    }
    first = heads[0][0] if heads else len(rows)
    pre_start = (title_idx + 1) if title_idx is not None else 0
    preamble_rows = [r for r in rows[pre_start:first] if _line_text(r) != agency]

    sections: dict[str, str] = {}
    for key, (a, b) in bounds.items():
        part = rows[a:b]
        if key == "六":
            part = _cut_chrome(part)
        if key in ("二", "三", "四"):
            notes = [
                _line_text(r)
                for r in part
                if len([c for c in r if c.strip()]) == 1
                and re.match(r"^\s*(注|说明)\s*[:：]", _line_text(r))
            ]
            sections[key] = "\n".join(notes)
        else:
            sections[key] = _join_text(part, layout)

    m = AnnualReport(
        year=year,
        agency=agency or "",
        sections=sections,
        preamble=_join_text(preamble_rows, layout),
    )

    # -- tables ----------------------------------------------------------------------------------
    fmt2 = fmt3 = F.FORMAT_2021
    if "二" in bounds:
        a, b = bounds["二"]
        m.table2, fmt2 = _parse_table2(rows[a:b], findings)
    else:
        m.table2 = _blank_table2()
    if "三" in bounds:
        a, b = bounds["三"]
        m.table3, fmt3 = _parse_table3(rows[a:b], findings)
    else:
        m.table3 = empty_table3(value=None)
    if "四" in bounds:
        a, b = bounds["四"]
        m.table4 = _parse_table4(rows[a:b], findings)
    else:
        m.table4 = empty_table4(value=None)
    m.format = F.FORMAT_2019 if F.FORMAT_2019 in (fmt2, fmt3) else F.FORMAT_2021

    # -- dates, period, fees ----------------------------------------------------------------------
    full = "\n".join(_line_text(r) for r in rows[pre_start:])
    pm = _PERIOD.search(full)
    if pm:
        m.period_start, m.period_end = _date(*pm.groups()[:3]), _date(*pm.groups()[3:])
    if m.year is None and m.period_start is not None:
        m.year = m.period_start.year
    m.published_on = _find_published(rows, bounds)
    if "六" in sections:
        sections["六"] = _strip_signature(sections["六"], m.agency)
        m.fees_yuan = extract_fees_yuan(sections["六"])
    return ParseResult(m, findings, m.format, source_kind)


def _looks_like_tables(rows: list[list[str]]) -> bool:
    text = norm("".join(_line_text(r) for r in rows[:400]))
    return "本年新收政府信息公开申请数量" in text or "第二十条第(一)项" in text


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _find_title(rows, limit) -> tuple[int | None, int | None, str]:
    for i, cells in enumerate(rows[: limit + 1]):
        text = re.sub(r"\s+", " ", _line_text(cells)).strip().translate(_FULLWIDTH_DIGITS)
        if len(text) > 80:
            continue
        m = _TITLE.match(text)
        if not m:
            continue
        agency = (m.group("a") or m.group("b") or "").strip()
        if not agency:
            for j in (i - 1, i + 1):
                if 0 <= j < len(rows):
                    cand = _line_text(rows[j]).strip()
                    if (
                        2 <= len(cand) <= 30
                        and not re.search(r"\d", cand)
                        and cand.endswith(_AGENCY_END)
                    ):
                        agency = cand
                        break
        return i, int(m.group("y")), agency
    return None, None, ""


def _cut_chrome(part: list[list[str]]) -> list[list[str]]:
    for i, r in enumerate(part):
        if any(w in _line_text(r) for w in _CHROME_STOP):
            return part[:i]
    return part


def _join_text(part: list[list[str]], layout: bool) -> str:
    if not layout:
        return "\n".join(x for x in (_line_text(r).strip() for r in part) if x)
    # wrapped lines (PDF): a paragraph ends at a blank line, at 。：！？； or before a sub-head
    out: list[str] = []
    blank = True
    for r in part:
        x = _line_text(r).strip()
        if not x:
            blank = True
            continue
        starts_para = re.match(
            r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是|\d+[.．、])", x
        )
        if out and not blank and not starts_para and not re.search(r"[。：！？；:]$", out[-1]):
            out[-1] += x
        else:
            out.append(x)
        blank = False
    return "\n".join(out)


def _strip_signature(text: str, agency: str) -> str:
    lines = text.split("\n")
    while lines and (
        _DATE_LINE.match(lines[-1].strip()) or (agency and lines[-1].strip() == agency)
    ):
        lines.pop()
    return "\n".join(lines)


def _find_published(rows, bounds) -> datetime.date | None:
    tail_start = bounds["六"][0] if "六" in bounds else max(0, len(rows) - 6)
    for r in reversed(rows[tail_start:]):
        t = _line_text(r).strip()
        m = _DATE_LINE.match(t)
        if m:
            return _date(*m.groups())
    for r in rows:
        m = _PUBLISHED.search(_line_text(r))
        if m:
            return _date(*m.groups())
    return None


# ---------------------------------------------------------------------------------------------
# Table 2
_BLOCK = re.compile(r"^第二十条第\(([一二三四五六七八九十]+)\)项$")
_T2_LABELS_2021 = {norm(r.label): r.code for r in F.TABLE2_ROWS_2021}
_T2_LABELS_2019 = {norm(r.label): r.code for r in F.TABLE2_ROWS_2019}
_T2_HEADERS = {norm(x) for x in ("信息内容", F.T2_DECISIONS, F.T2_FEES, "本年收费金额")} | {
    norm(label) for r in F.TABLE2_ROWS_2021 + F.TABLE2_ROWS_2019 for _, label in r.columns
}
_T2_MARKERS = {norm(x) for x in F.TABLE2_2019_MARKERS}


def _blank_table2(fmt: str = F.FORMAT_2021) -> dict:
    t = empty_table2(fmt)
    return {k: (dict.fromkeys(v, None) if isinstance(v, dict) else None) for k, v in t.items()}


def _t2_tokens(cells: list[str]) -> list[tuple[str, str, str]]:
    """(kind, normalised, raw) per cell; "行政处罚 0" is split into a label and a value."""
    out = []
    for raw in cells:
        raw = raw.strip()
        mt = re.match(r"^(\S+)\s+(\S+)$", raw)
        if (
            mt
            and norm(mt.group(1)) in _T2_LABELS_2019 | _T2_LABELS_2021
            and is_value_cell(mt.group(2))
        ):
            out.append(("LABEL", norm(mt.group(1)), mt.group(1)))
            out.append(("VALUE", mt.group(2), mt.group(2)))
            continue
        mt = re.match(r"^(.+?)\s+(\d+(?:\.\d+)?)$", raw)
        if mt and norm(mt.group(1)) in _T2_HEADERS:
            out.append(("HEADER", norm(mt.group(1)), mt.group(1)))
            out.append(("VALUE", mt.group(2), mt.group(2)))
            continue
        n = norm(raw)
        if not n:
            out.append(("EMPTY", "", ""))
        elif _BLOCK.match(n):
            out.append(("BLOCK", n, raw))
        elif n in _T2_LABELS_2021 or n in _T2_LABELS_2019 or n in F.TABLE2_LABEL_VARIANTS:
            out.append(("LABEL", n, raw))
        elif n in _T2_HEADERS or n.startswith("本年收费金额"):
            out.append(("HEADER", n, raw))
        elif is_value_cell(raw):
            out.append(("VALUE", raw, raw))
        else:
            out.append(("OTHER", n, raw))
    return out


def _parse_table2(part: list[list[str]], findings: list[Finding]) -> tuple[dict, str]:
    found: dict[str, tuple[str, list[str]]] = {}  # normalised label -> (raw label, value cells)
    is_2019 = False
    for cells in part:
        toks = _t2_tokens(cells)
        if any(t[1] in _T2_MARKERS for t in toks):
            is_2019 = True
        for i, (kind, n, raw) in enumerate(toks):
            if kind != "LABEL" or any(t[0] == "OTHER" for t in toks[:i]):
                continue
            vals = []
            for k2, _, raw2 in toks[i + 1 :]:
                if k2 == "HEADER" and not vals:
                    continue
                if k2 not in ("VALUE", "EMPTY"):
                    break
                vals.append(raw2)
            if n not in found or not any(v.strip() for v in found[n][1]):
                found[n] = (raw, vals)
    fmt = F.FORMAT_2019 if is_2019 or norm("其他对外管理服务事项") in found else F.FORMAT_2021
    rows = F.TABLE2_ROWS_2019 if fmt == F.FORMAT_2019 else F.TABLE2_ROWS_2021
    table = _blank_table2(fmt)
    for row in rows:
        hit = found.get(norm(row.label))
        if hit is None and fmt == F.FORMAT_2021:
            for variant, code in F.TABLE2_LABEL_VARIANTS.items():
                if code == row.code and variant in found:
                    hit = found[variant]
                    findings.append(
                        Finding(
                            "LABEL_NONSTANDARD",
                            {"table": 2, "row": row.code},
                            f"表二使用了“{hit[0]}”，格式规定为“{row.label}”。",
                            expected=row.label,
                            found=hit[0],
                        )
                    )
        if hit is None:
            continue
        cols = [c for c, _ in row.columns] or [None]
        vals = _fit(hit[1], len(cols))
        for col, raw in zip(cols, vals, strict=True):
            decimal = row.decimal or (col or "").endswith("10k_yuan")
            value, status = parse_cell(raw, decimal=decimal)
            loc = {"table": 2, "row": row.code} | ({"column": col} if col else {})
            if status == "invalid":
                label = dict(row.columns).get(col, row.value_label)
                findings.append(
                    Finding(
                        "CELL_INVALID",
                        loc,
                        f"表二“{row.label}”“{label}”的内容“{raw}”不是有效的数字。",
                        expected="数字",
                        found=raw,
                    )
                )
            if col is None:
                table[row.code] = value
            else:
                table[row.code][col] = value
    return table, fmt


def _fit(vals: list[str], n: int) -> list[str | None]:
    """Cells after a label → exactly n cells (trailing blanks and layout padding dropped)."""
    vals = list(vals)
    while vals and not vals[-1].strip():
        vals.pop()
    while len(vals) > n and not vals[0].strip():
        vals.pop(0)
    out: list[str | None] = list(vals[:n])
    return out + [None] * (n - len(out))


# ---------------------------------------------------------------------------------------------
# Table 3
_T3_ORDER = [r for r in F.TABLE3_ROWS_2021 if r.group] + [
    F.t3_row(c) for c in ("partial", "granted", "new", "carried_over", "carried_forward")
]


_T3_KEYS = [(norm(r.key), r.code) for r in _T3_ORDER]


def _t3_match(label: str) -> str | None:
    if not label:
        return None
    for key, code in _T3_KEYS:
        if key in label:
            return code
    if "其他处理" in label:
        return "other"
    if label.endswith("总计") and "勾稽" not in label and "申请人" not in label:
        return "total"
    return None


def _split_label(cells: list[str]) -> tuple[list[str], list[str]]:
    last = -1
    for i, c in enumerate(cells):
        if c.strip() and not is_value_cell(c):
            last = i
    return cells[: last + 1], cells[last + 1 :]


def _parse_table3(part: list[list[str]], findings: list[Finding]) -> tuple[dict, str]:
    # Logical rows: a line with numbers, plus the label-only lines that follow it (a label
    # wrapped in a narrow column). Label-only lines before the first row are the header.
    logical: list[tuple[list[str], list[str]]] = []
    for cells in part:
        label_cells, vals = _split_label(cells)
        label = norm("".join(label_cells))
        if any(v.strip() for v in vals):
            logical.append(([label], vals))
        elif logical and label:
            logical[-1][0].append(label)
    hits: dict[str, tuple[list[str], list[str]]] = {}
    for labels, vals in logical:
        code = _t3_match("".join(labels)) or _t3_match(labels[0])
        if code and code not in hits:
            hits[code] = (labels, vals)
    fmt = (
        F.FORMAT_2019
        if "other" in hits and not any(c in hits for c in F.T3_GROUPS["other"])
        else F.FORMAT_2021
    )
    table = empty_table3(fmt, value=None)
    for r in F.table3_rows(fmt):
        if r.code not in hits:
            continue
        labels, vals = hits[r.code]
        found = "".join(labels)
        if norm(r.label) not in found:
            findings.append(
                Finding(
                    "LABEL_NONSTANDARD",
                    {"table": 3, "row": r.code},
                    f"表三行标题“{labels[0]}”与格式规定的“{r.full_label}”不一致。",
                    expected=r.full_label,
                    found=labels[0],
                )
            )
        for col, raw in zip(F.T3_COLUMN_CODES, _fit(vals, 7), strict=True):
            value, status = parse_cell(raw)
            if status == "invalid":
                findings.append(
                    Finding(
                        "CELL_INVALID",
                        {"table": 3, "row": r.code, "column": col},
                        f"表三“{r.full_label}”行“{F.t3_column_label(col)}”列的内容“{raw}”"
                        "不是有效的数字（应为非负整数）。",
                        expected="非负整数",
                        found=raw,
                    )
                )
            table[r.code][col] = value
    return table, fmt


# ---------------------------------------------------------------------------------------------
# Table 4
def _parse_table4(part: list[list[str]], findings: list[Finding]) -> dict:
    vals: list[str] = []
    for cells in part:
        label_cells, rest = _split_label(cells)
        if label_cells and any(has_cjk(c) for c in label_cells) and len(rest) < 5:
            continue
        if not any(c.strip() for c in rest):
            continue
        rest = list(rest)
        while rest and not rest[-1].strip():
            rest.pop()
        vals.extend(rest)
        if len(vals) >= 15:
            break
    cells = _fit(vals, 15) if len(vals) > 15 else vals + [None] * (15 - len(vals))
    table = empty_table4(value=None)
    it = iter(cells)
    for b, blabel in F.T4_BLOCKS:
        for c, clabel in F.T4_COLUMNS:
            raw = next(it)
            value, status = parse_cell(raw)
            if status == "invalid":
                findings.append(
                    Finding(
                        "CELL_INVALID",
                        {"table": 4, "row": b, "column": c},
                        f"表四“{blabel}”“{clabel}”的内容“{raw}”不是有效的数字。",
                        expected="非负整数",
                        found=raw,
                    )
                )
            table[b][c] = value
    return table
