"""DOCX rendering with python-docx (imported lazily): A4, centered title, the six sections and the
three tables with the official merged cells. Chinese fonts are set on ``w:eastAsia`` (python-docx's
``font.name`` only sets the Latin font): body 仿宋_GB2312, title 方正小标宋简体, tables 宋体; Word/WPS
substitute an installed font when one of these is missing."""

from __future__ import annotations

import io

from gongkai.core.cn import cn_date

from . import formats as F
from .model import AnnualReport
from .render_text import cell_text

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"


def _set_font(run, east_asia: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _para(
    doc,
    text: str,
    font: str = BODY_FONT,
    size: float = 16,
    *,
    bold=False,
    center=False,
    indent=True,
    right=False,
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _set_font(p.add_run(text), font, size, bold)
    return p


def _fill(cell, text: str, size: float = 9, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = cell.paragraphs[0]
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run(text), TABLE_FONT, size)


def _table(doc, n_rows: int, n_cols: int):
    t = doc.add_table(rows=n_rows, cols=n_cols)
    t.style = "Table Grid"
    return t


def _merge(t, r1: int, c1: int, r2: int, c2: int, text: str, center: bool = True) -> None:
    cell = t.cell(r1, c1)
    if (r1, c1) != (r2, c2):
        cell = cell.merge(t.cell(r2, c2))
    _fill(cell, text, center=center)


def _table2(doc, m: AnnualReport) -> None:
    rows = F.TABLE2_ROWS_2019 if m.format == F.FORMAT_2019 else F.TABLE2_ROWS_2021
    lines: list[tuple[str, object]] = []
    block = None
    for row in rows:
        if row.block != block:
            block = row.block
            lines.append(("block", block))
            lines.append(("head", row))
        lines.append(("row", row))
    t = _table(doc, len(lines), 4)
    for i, (kind, obj) in enumerate(lines):
        if kind == "block":
            _merge(t, i, 0, i, 3, obj, center=False)
            continue
        row = obj
        cols = row.columns
        _fill(t.cell(i, 0), "信息内容" if kind == "head" else row.label, center=kind == "head")
        if kind == "head":
            texts = [label for _, label in cols] or [row.value_label]
        else:
            value = m.table2.get(row.code)
            texts = (
                [cell_text((value or {}).get(c)) for c, _ in cols] if cols else [cell_text(value)]
            )
        if len(texts) == 1:
            _merge(t, i, 1, i, 3, texts[0])
        else:
            for j, text in enumerate(texts):
                _fill(t.cell(i, 1 + j), text, center=True)
            if len(texts) == 2:
                _fill(t.cell(i, 3), "")


def _table3(doc, m: AnnualReport) -> None:
    rows = F.table3_rows(m.format)
    t = _table(doc, 3 + len(rows), 10)
    _merge(t, 0, 0, 2, 2, F.T3_BALANCE_NOTE)
    _merge(t, 0, 3, 0, 9, F.T3_COLUMN_GROUP_LABEL)
    _merge(t, 1, 3, 2, 3, "自然人")
    _merge(t, 1, 4, 1, 8, F.T3_ORG_GROUP_LABEL)
    _merge(t, 1, 9, 2, 9, "总计")
    for j, (_, label) in enumerate(F.T3_COLUMNS[1:6]):
        _fill(t.cell(2, 4 + j), label, center=True)
    outcome = [i for i, r in enumerate(rows) if r.part]
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r.group:
            groups.setdefault(r.group, []).append(i)
    for i, r in enumerate(rows):
        ri = 3 + i
        if not r.part:
            _merge(t, ri, 0, ri, 2, r.label, center=False)
        elif r.group:
            _fill(t.cell(ri, 2), r.label)
        else:
            _merge(t, ri, 1, ri, 2, r.label, center=False)
        cols = m.table3.get(r.code) or {}
        for j, c in enumerate(F.T3_COLUMN_CODES):
            _fill(t.cell(ri, 3 + j), cell_text(cols.get(c)), center=True)
    _merge(t, 3 + outcome[0], 0, 3 + outcome[-1], 0, rows[outcome[0]].part, center=False)
    for group, idx in groups.items():
        _merge(t, 3 + idx[0], 1, 3 + idx[-1], 1, group, center=False)


def _table4(doc, m: AnnualReport) -> None:
    t = _table(doc, 4, 15)
    results = [label for _, label in F.T4_COLUMNS]
    _merge(t, 0, 0, 0, 4, "行政复议")
    _merge(t, 0, 5, 0, 14, "行政诉讼")
    for j, label in enumerate(results):
        _merge(t, 1, j, 2, j, label)
    _merge(t, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(t, 1, 10, 1, 14, "复议后起诉")
    for j, label in enumerate(results * 2):
        _fill(t.cell(2, 5 + j), label, center=True)
    vals = [(m.table4.get(b) or {}).get(c) for b in F.T4_BLOCK_CODES for c in F.T4_COLUMN_CODES]
    for j, v in enumerate(vals):
        _fill(t.cell(3, j), cell_text(v), center=True)


def render_docx(m: AnnualReport) -> bytes:
    """The report as a .docx file (bytes)."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    _para(doc, m.title, TITLE_FONT, 22, center=True)
    for line in (m.preamble or "").splitlines():
        if line.strip():
            _para(doc, line.strip())
    tables = {"二": _table2, "三": _table3, "四": _table4}
    for key in F.SECTION_KEYS:
        if key not in m.sections and key not in tables:
            continue
        _para(doc, F.section_heading(key), HEADING_FONT, 16)
        if key in tables:
            tables[key](doc, m)
        for line in (m.sections.get(key) or "").splitlines():
            if line.strip():
                _para(doc, line.strip())
    if m.published_on:
        d = m.published_on
        _para(doc, m.agency, right=True, indent=False)
        _para(doc, cn_date(d), right=True, indent=False)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
