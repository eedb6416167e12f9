"""From lines of cells (what every input format is reduced to) to an ``AnnualReport``.

Text, HTML, DOCX and PDF parsers only turn their input into ``list[list[str]]`` (one list of cells per
line or table row, in reading order); everything about the report format happens here.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from . import formats as F
from .cells import norm
from .findings import Finding
from .model import AnnualReport, empty_table3, empty_table4
from .narrative import extract_fees_yuan
from .parse_tables import blank_table2, parse_table2, parse_table3, parse_table4


class ReportParseError(Exception):
    """The input cannot be read as an annual report; ``str(exc)`` is a Chinese message for the user."""


@dataclass
class ParseResult:
    model: AnnualReport
    findings: list[Finding] = field(default_factory=list)
    format_name: str = F.FORMAT_2021  # the report format found: "2021" or "2019"
    source_kind: str = "txt"  # txt / html / docx / pdf
    # how each table was read: "text" (lines of text), "cells" (HTML/Word table cells) or
    # "geometry" (PDF cell rectangles and word positions)
    table_paths: dict[str, str] = field(default_factory=dict)
    unsure: set[str] = field(default_factory=set)  # tables whose reading involved a guess
    # where the header came from: {"agency": "title"|"signature"|None, "year": "title"|
    # "statistics_period"|None}; None = not found (the verdict says so)
    header: dict[str, str | None] = field(default_factory=dict)


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
# How the names of the bodies that publish these reports end (人民政府, 发展和改革局, 办公厅, 管委会,
# 街道办事处, 海关, 调查队, 林场 …). A title fragment that ends otherwise is not an agency.
_AGENCY_END = (
    "政府",
    "局",
    "委员会",
    "办公室",
    "办事处",
    "委",
    "会",
    "厅",
    "院",
    "中心",
    "镇",
    "乡",
    "街道",
    "关",
    "队",
    "处",
    "所",
    "站",
    "署",
    "部",
    "馆",
    "行",
    "场",
    "社",
)
_AGENCY = re.compile(r"^[\u4e00-\u9fff（）()·]{3,40}$")
_NOT_AGENCY_WORDS = ("期限", "统计", "报告", "年度", "根据", "本机关", "我局", "本年")


def plausible_agency(text: str) -> bool:
    """A whole agency name: Chinese only, ends like one, no words of a sentence in it."""
    text = text.strip()
    return (
        bool(_AGENCY.match(text))
        and text.endswith(_AGENCY_END)
        and not any(w in text for w in _NOT_AGENCY_WORDS)
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
    rows: list[list[str]],
    *,
    source_kind: str = "txt",
    layout: bool = False,
    table_path: str = "text",
) -> ParseResult:
    """Build the model from lines of cells. ``layout`` = lines are wrapped text (PDF);
    ``table_path`` = how the rows of the tables were made ("text", "cells" or "geometry")."""
    unsure: set[str] = set()
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
        m.table2, fmt2 = parse_table2(rows[a:b], findings)
    else:
        m.table2 = blank_table2()
    if "三" in bounds:
        a, b = bounds["三"]
        m.table3, fmt3 = parse_table3(
            rows[a:b], findings, wrapped_labels=table_path == "text", unsure=unsure
        )
    else:
        m.table3 = empty_table3(value=None)
    if "四" in bounds:
        a, b = bounds["四"]
        m.table4 = parse_table4(rows[a:b], findings)
    else:
        m.table4 = empty_table4(value=None)
    m.format = F.FORMAT_2019 if F.FORMAT_2019 in (fmt2, fmt3) else F.FORMAT_2021

    # -- dates, period, fees ----------------------------------------------------------------------
    full = "\n".join(_line_text(r) for r in rows[pre_start:])
    pm = _PERIOD.search(full)
    if pm:
        m.period_start, m.period_end = _date(*pm.groups()[:3]), _date(*pm.groups()[3:])
    header = {"agency": "title" if agency else None, "year": "title" if year else None}
    if not m.agency:
        m.agency = _signature_agency(rows)
        header["agency"] = "signature" if m.agency else None
    if m.year is None and m.period_start is not None:
        m.year = m.period_start.year
        header["year"] = "statistics_period"
    m.published_on = _find_published(rows, bounds)
    if "六" in sections:
        sections["六"] = _strip_signature(sections["六"], m.agency)
        m.fees_yuan = extract_fees_yuan(sections["六"])
    paths = dict.fromkeys(("table2", "table3", "table4"), table_path)
    return ParseResult(m, findings, m.format, source_kind, paths, unsure, header)


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
        agency = next(
            (x for x in (_bare(m.group("a")), _bare(m.group("b"))) if plausible_agency(x)), ""
        )
        if not agency and (_bare(m.group("a")) or _bare(m.group("b"))):
            continue  # a sentence that ends like a title ("…统计期限从…年度报告") is not one
        if not agency:
            for j in (i - 1, i + 1):
                if 0 <= j < len(rows) and plausible_agency(_line_text(rows[j])):
                    agency = _line_text(rows[j]).strip()
                    break
        return i, int(m.group("y")), agency
    return None, None, ""


def _bare(part: str) -> str:
    """A title's agency part without the joining words ("关于", "的")."""
    return re.sub(r"^关于|关于$|的$", "", part.strip()).strip()


def _signature_agency(rows) -> str:
    """The agency of the signature (落款): the line just above the closing date line."""
    tail = [t for t in (_line_text(r).strip() for r in rows[-15:]) if t]
    for k in range(len(tail) - 1, 0, -1):
        if _DATE_LINE.match(tail[k]):
            return tail[k - 1] if plausible_agency(tail[k - 1]) else ""
    return ""


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
