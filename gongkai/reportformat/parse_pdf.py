"""PDF reports, two ways.

1. The fast text path: ``pdftotext -layout`` (poppler-utils; else pypdf's layout mode), then the
   plain-text parser. Kept for a table only where it is sure: every row found under its own label,
   no wrapped label guessed, no blank cell, and the table's sums hold.
2. Otherwise the geometry path (``parse_pdf_geometry``, pdfplumber) reads the PDF again and the unsure
   tables are taken from it. ``ParseResult.table_paths`` says which path read each table.

A PDF without a text layer (a scan) is refused with a clear message."""

from __future__ import annotations

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


def parse_pdf(data: bytes) -> ParseResult:
    fast = parse_text(pdf_text(data), layout=True, source_kind="pdf")
    unsure = unsure_tables(fast)
    if not unsure:
        return fast
    from .parse_lines import parse_lines
    from .parse_pdf_geometry import pdf_geometry_rows

    try:
        geo = parse_lines(
            pdf_geometry_rows(data), source_kind="pdf", layout=True, table_path="geometry"
        )
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
