"""PDF reports: text from ``pdftotext -layout`` (poppler-utils) when installed, else pypdf's layout
mode; then the plain-text parser. A PDF without a text layer (a scan) is refused with a clear message."""

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


def parse_pdf(data: bytes) -> ParseResult:
    return parse_text(pdf_text(data), layout=True, source_kind="pdf")
