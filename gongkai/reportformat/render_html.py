"""HTML rendering: real tables with the official row/column spans.

``render_html_fragment`` is the portal page body; ``render_html_document`` is a self-contained page
(A4 ``@page``, Noto CJK fonts) that WeasyPrint turns into the PDF. No scripts, all text escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from . import formats as F
from .model import AnnualReport
from .render_text import cell_text

# Findings drawn on a table: (row code or None, column code or None) -> [(severity, rule name)].
# A cell is (row, column); a whole row marks its label, a whole column (表三) its heading.
Marks = dict[tuple[str | None, str | None], list[tuple[str, str]]]

CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 11pt;
       line-height: 1.7; color: #000; }
.annual-report h1 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif;
       font-size: 16pt; text-align: center; margin: 0 0 1em; }
.annual-report h2 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif;
       font-size: 12.5pt; margin: 1.2em 0 0.5em; }
.annual-report p { margin: 0 0 0.4em; text-indent: 2em; }
.annual-report p.signature { text-align: right; text-indent: 0; }
.annual-report table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em;
       font-size: 8.5pt; line-height: 1.35; page-break-inside: auto; }
.annual-report th, .annual-report td { border: 0.6pt solid #000; padding: 2pt 3pt;
       vertical-align: top; font-weight: normal; }
.annual-report tr { page-break-inside: avoid; }
.annual-report th[scope="row"], .annual-report th[scope="rowgroup"] { text-align: left; }
.annual-report td.num { text-align: center; white-space: nowrap; }
.annual-report table.t3 col.num { width: 2.9em; }
.annual-report table.t3 col.part { width: 5em; }
.annual-report table.t3 col.group { width: 7.2em; }
.annual-report .group { white-space: nowrap; }
.annual-report table.t4 th, .annual-report table.t4 td { text-align: center; }
"""


def table_marks(findings: Iterable[Any], table: int) -> Marks:
    """The findings (``Finding``) located in one table, keyed as ``Marks``."""
    from .findings import RULE_NAMES

    marks: Marks = {}
    for f in findings:
        loc = f.location
        if loc.get("table") != table:
            continue
        key = (loc.get("row"), loc.get("column"))
        marks.setdefault(key, []).append((f.severity, RULE_NAMES.get(f.code, f.code)))
    return marks


def _flag(items: list[tuple[str, str]] | None) -> tuple[str, str]:
    """(class, trailing HTML) of a marked cell: a visible sign and the reason in words for screen
    readers (and as a tooltip), so that the mark is not colour alone."""
    if not items:
        return "", ""
    worst = "error" if any(s == "error" for s, _ in items) else "warning"
    reasons = "；".join(
        dict.fromkeys(f"{'错误' if s == 'error' else '警告'}：{t}" for s, t in items)
    )
    sign = "✗" if worst == "error" else "！"
    return (
        f"flagged flagged-{worst}",
        f'<span class="flag" aria-hidden="true" title="{escape(reasons)}">{sign}</span>'
        f'<span class="sr-only">（{escape(reasons)}）</span>',
    )


def _cell(
    tag: str,
    text: str,
    *,
    rowspan: int = 1,
    colspan: int = 1,
    cls: str = "",
    scope: str = "",
    mark: list[tuple[str, str]] | None = None,
) -> str:
    """A cell; header cells say what they head (``scope``) so screen readers announce them;
    ``mark``: findings on this cell (see ``_flag``)."""
    flag_cls, flag_html = _flag(mark)
    cls = f"{cls} {flag_cls}".strip()
    attrs = f' scope="{scope}"' if scope else ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<{tag}{attrs}>{escape(text)}{flag_html}</{tag}>"


def _num(v, mark: list[tuple[str, str]] | None = None) -> str:
    return _cell("td", cell_text(v), cls="num", mark=mark)


def table2_html(m: AnnualReport, marks: Marks | None = None) -> str:
    marks = marks or {}
    rows = F.TABLE2_ROWS_2019 if m.format == F.FORMAT_2019 else F.TABLE2_ROWS_2021
    out = ['<table class="t2">', "<tbody>"]
    block = None
    for row in rows:
        cols = row.columns
        if row.block != block:
            block = row.block
            out.append(f"<tr>{_cell('th', block, colspan=4, scope='colgroup')}</tr>")
            if cols:
                heads = "".join(_cell("th", label, scope="col") for _, label in cols)
                pad = _cell("td", "", colspan=3 - len(cols)) if len(cols) < 3 else ""
                out.append(f"<tr>{_cell('th', '信息内容', scope='col')}{heads}{pad}</tr>")
            else:
                out.append(
                    f"<tr>{_cell('th', '信息内容', scope='col')}"
                    f"{_cell('th', row.value_label, colspan=3, scope='col')}</tr>"
                )
        value = m.table2.get(row.code)
        if cols:
            vals = "".join(_num((value or {}).get(c), marks.get((row.code, c))) for c, _ in cols)
            pad = _cell("td", "", colspan=3 - len(cols)) if len(cols) < 3 else ""
            label = _cell("th", row.label, scope="row", mark=marks.get((row.code, None)))
            out.append(f"<tr>{label}{vals}{pad}</tr>")
        else:
            out.append(
                f"<tr>{_cell('th', row.label, scope='row')}"
                f"{_cell('td', cell_text(value), colspan=3, cls='num', mark=marks.get((row.code, None)))}</tr>"
            )
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def table3_html(m: AnnualReport, marks: Marks | None = None) -> str:
    marks = marks or {}
    rows = F.table3_rows(m.format)
    outcome_rows = [r for r in rows if r.part]
    group_sizes: dict[str, int] = {}
    for r in rows:
        if r.group:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    out = [
        '<table class="t3">',
        '<colgroup><col class="part"><col class="group"><col class="item">'
        + '<col class="num">' * 7
        + "</colgroup>",
        "<tbody>",
        "<tr>"
        + _cell("th", F.T3_BALANCE_NOTE, rowspan=3, colspan=3)
        + _cell("th", F.T3_COLUMN_GROUP_LABEL, colspan=7, scope="colgroup")
        + "</tr>",
        "<tr>"
        + _cell("th", "自然人", rowspan=2, scope="col", mark=marks.get((None, "natural_person")))
        + _cell("th", F.T3_ORG_GROUP_LABEL, colspan=5, scope="colgroup")
        + _cell("th", "总计", rowspan=2, scope="col", mark=marks.get((None, "total")))
        + "</tr>",
        "<tr>"
        + "".join(
            _cell("th", label, scope="col", mark=marks.get((None, code)))
            for code, label in F.T3_COLUMNS[1:6]
        )
        + "</tr>",
    ]
    seen_groups: set[str] = set()
    for r in rows:
        cols = m.table3.get(r.code) or {}
        nums = "".join(_num(cols.get(c), marks.get((r.code, c))) for c in F.T3_COLUMN_CODES)
        row_mark = marks.get((r.code, None))
        head = ""
        if not r.part:
            head = _cell("th", r.label, colspan=3, cls="group", scope="row", mark=row_mark)
        else:
            if r is outcome_rows[0]:
                head += _cell("th", r.part, rowspan=len(outcome_rows), scope="rowgroup")
            if r.group:
                if r.group not in seen_groups:
                    seen_groups.add(r.group)
                    head += _cell(
                        "th", r.group, rowspan=group_sizes[r.group], cls="group", scope="rowgroup"
                    )
                head += _cell("th", r.label, scope="row", mark=row_mark)
            else:
                head += _cell("th", r.label, colspan=2, scope="row", mark=row_mark)
        out.append(f"<tr>{head}{nums}</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def table4_html(m: AnnualReport, marks: Marks | None = None) -> str:
    marks = marks or {}
    results = [label for _, label in F.T4_COLUMNS]
    vals = "".join(
        _num((m.table4.get(b) or {}).get(c), marks.get((b, c)) or marks.get((b, None)))
        for b in F.T4_BLOCK_CODES
        for c in F.T4_COLUMN_CODES
    )
    return "\n".join(
        [
            '<table class="t4">',
            "<tbody>",
            "<tr>"
            + _cell("th", "行政复议", colspan=5, scope="colgroup")
            + _cell("th", "行政诉讼", colspan=10, scope="colgroup")
            + "</tr>",
            "<tr>"
            + "".join(_cell("th", x, rowspan=2, scope="col") for x in results)
            + _cell("th", "未经复议直接起诉", colspan=5, scope="colgroup")
            + _cell("th", "复议后起诉", colspan=5, scope="colgroup")
            + "</tr>",
            "<tr>" + "".join(_cell("th", x, scope="col") for x in results * 2) + "</tr>",
            f"<tr>{vals}</tr>",
            "</tbody>",
            "</table>",
        ]
    )


def _paragraphs(text: str) -> str:
    return "\n".join(f"<p>{escape(p.strip())}</p>" for p in (text or "").splitlines() if p.strip())


def render_html_fragment(m: AnnualReport) -> str:
    """An ``<article>`` with the title, one ``<section>`` per heading and the three tables."""
    tables = {"二": table2_html, "三": table3_html, "四": table4_html}
    parts = ['<article class="annual-report" lang="zh-CN">', f"<h1>{escape(m.title)}</h1>"]
    if m.preamble.strip():
        parts.append(_paragraphs(m.preamble))
    for key in F.SECTION_KEYS:
        if key not in m.sections and key not in tables:
            continue
        parts.append(f'<section id="section-{F.SECTION_KEYS.index(key) + 1}">')
        parts.append(f"<h2>{escape(F.section_heading(key))}</h2>")
        if key in tables:
            parts.append(tables[key](m))
        parts.append(_paragraphs(m.sections.get(key, "")))
        parts.append("</section>")
    if m.published_on:
        parts.append(f'<p class="signature">{escape(m.agency)}</p>')
        parts.append(
            f'<p class="signature">{m.published_on.year}年{m.published_on.month}月'
            f"{m.published_on.day}日</p>"
        )
    parts.append("</article>")
    return "\n".join(p for p in parts if p)


def render_html_document(m: AnnualReport) -> str:
    """A complete HTML page (for WeasyPrint or download)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(m.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{render_html_fragment(m)}\n</body>\n</html>\n"
    )
