"""PDF reports, two ways.

1. The fast text path: ``pdftotext -layout`` (poppler-utils; else pypdf's layout mode), then the
   plain-text parser. Kept for a table only where it is sure: every row found under its own label,
   no wrapped label guessed, no blank cell, and the table's sums hold.
2. Otherwise the geometry path (``parse_pdf_geometry``, pdfplumber) reads the PDF again and the unsure
   tables are taken from it. ``ParseResult.table_paths`` says which path read each table.

A PDF without a text layer (a scan) is refused with a clear message."""

from __future__ import annotations

import re
import shutil
import subprocess

from .parse_lines import ParseResult, ReportParseError
from .parse_text import parse_text

NO_TEXT = (
    "PDF 中没有可提取的文字（可能是扫描件或图片），无法检查。"
    "请提供带文字层的 PDF，或 Word、网页版本的报告。"
)


def pdf_text(data: bytes) -> str:
    if not data.startswith(b"%PDF"):
        raise ReportParseError("文件不是有效的 PDF。")
    exe = shutil.which("pdftotext")
    if exe:
        try:
            proc = subprocess.run(
                [exe, "-layout", "-enc", "UTF-8", "-", "-"],
                input=data,
                capture_output=True,
                timeout=120,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ReportParseError("读取 PDF 超时，文件可能已损坏。") from exc
        if proc.returncode != 0:
            raise ReportParseError("PDF 文件已损坏或被加密，无法读取其中的文字。")
        text = proc.stdout.decode("utf-8", errors="replace")
    else:
        text = _pypdf_text(data)
    if not text.replace("\f", "").strip():
        raise ReportParseError(NO_TEXT)
    return text


def _pypdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(p.extract_text(extraction_mode="layout") or "" for p in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ReportParseError("PDF 文件已损坏或被加密，无法读取其中的文字。") from exc


_TABLE_RULES = {
    "table2": (),
    "table3": ("check_t3_row_totals", "check_t3_outcome_sum", "check_t3_balance"),
    "table4": ("check_t4_totals",),
}


def unsure_tables(result: ParseResult) -> set[str]:
    """Tables the text path may have misread (see the module docstring)."""
    from . import rules
    from .model import iter_table2_cells

    m = result.model
    out = set(result.unsure)
    for f in result.findings:
        table = f.location.get("table")
        if table in (2, 3, 4):
            out.add(f"table{table}")
    if any(v is None for _, _, v in iter_table2_cells(m)):
        out.add("table2")
    if any(v is None for cols in m.table3.values() for v in cols.values()):
        out.add("table3")
    if any(v is None for cols in m.table4.values() for v in cols.values()):
        out.add("table4")
    for table, names in _TABLE_RULES.items():
        if any(getattr(rules, n)(m) for n in names):
            out.add(table)
    return out


# a section heading alone on its line (table rows such as "四、结转下年度继续办理" carry numbers or
# one of the table's row words)
_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、.．]([^\d\n]{2,40})$", re.MULTILINE)
_TABLE_ROW_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
_SECTION_OF = {"table2": "二", "table3": "三", "table4": "四"}
_NEXT = {"二": "三", "三": "四", "四": "五"}


def table_pages(text: str, tables: set[str]) -> list[int] | None:
    """1-based pages of the text layer (pages end with a form feed) from the heading of the first
    unsure table's section to the heading of the section after the last one; None (= every page)
    when a heading cannot be found."""
    found: dict[str, int] = {}
    for page, chunk in enumerate(text.split("\f"), start=1):
        for m in _HEADING.finditer(chunk):
            if not any(w in m.group(2) for w in _TABLE_ROW_WORDS):
                found.setdefault(m.group(1), page)
    keys = sorted((_SECTION_OF[t] for t in tables), key="二三四".index)
    first, last = keys[0], keys[-1]
    if first not in found:
        return None
    end = found.get(_NEXT[last]) or found.get("六") or text.count("\f") + 1
    if end < found[first]:
        return None
    return list(range(found[first], end + 1))


def parse_pdf(data: bytes) -> ParseResult:
    text = pdf_text(data)
    fast = parse_text(text, layout=True, source_kind="pdf")
    unsure = unsure_tables(fast)
    if not unsure:
        return fast
    from .parse_lines import parse_lines
    from .parse_pdf_geometry import pdf_geometry_rows

    try:
        rows = pdf_geometry_rows(data, pages=table_pages(text, unsure))
        geo = parse_lines(rows, source_kind="pdf", layout=True, table_path="geometry")
    except ReportParseError:
        return fast
    except Exception:  # noqa: BLE001 - pdfminer on a damaged file: keep what the text path read
        return fast
    number = {"table2": 2, "table3": 3, "table4": 4}
    for table in sorted(unsure):
        setattr(fast.model, table, getattr(geo.model, table))
        fast.findings = [f for f in fast.findings if f.location.get("table") != number[table]]
        fast.findings += [f for f in geo.findings if f.location.get("table") == number[table]]
        fast.table_paths[table] = "geometry"
    if "table2" in unsure or "table3" in unsure:
        fast.model.format = geo.model.format
        fast.format_name = geo.format_name
    if not fast.model.agency and geo.model.agency:
        fast.model.agency, fast.model.year = geo.model.agency, geo.model.year
    return fast
