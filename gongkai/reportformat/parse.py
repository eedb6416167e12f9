"""Read any supported report file: ``parse_file(path) -> ParseResult`` (.txt .html .htm .docx .pdf),
choosing the parser by content first (magic bytes), then by extension.

Every file passes the resource limits of ``limits.py`` *before* a parser sees it: size, the archive checks
and the paragraph count of a .docx, the page count of a PDF, rows and cells of HTML/text, and a wall-time
guard around the parser. A refusal is a ReportParseError naming the limit (exit 2 / HTTP 400)."""

from __future__ import annotations

from pathlib import Path

from . import limits
from .parse_lines import ParseResult, ReportParseError

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
MAX_BYTES = limits.LIMITS.file_bytes

__all__ = [
    "SUFFIXES",
    "FileRefused",
    "ParseResult",
    "ReportParseError",
    "parse_bytes",
    "parse_file",
    "sniff",
]


class FileRefused(ReportParseError):
    """A report file refused by a resource limit or as a broken archive (HTTP 400, exit 2)."""


def sniff(data: bytes, name: str = "") -> str:
    """'pdf', 'docx', 'html' or 'txt'; raises ReportParseError for kinds we cannot read."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with limits.open_zip(data) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except limits.FileRefused as exc:
            what = "Word 文件" if suffix == ".docx" else "文件"
            raise FileRefused(f"{what}无法读取：{exc.message}") from None
        raise ReportParseError(
            "文件是压缩包或其他 Office 文档，不是年度报告（支持 .txt .html .docx .pdf）。"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportParseError(
            "不支持旧版 Word（.doc）等二进制文档，请另存为 .docx 或 PDF 后再检查。"
        )
    if data[:8].startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise ReportParseError("文件是图片，没有可读取的文字；请提供文字版报告。")
    if suffix == ".pdf":
        raise ReportParseError(
            "文件扩展名为 .pdf，但内容不是有效的 PDF（可能已损坏或下载不完整）。"
        )
    head = data[:4096].lower()
    if (
        suffix in (".html", ".htm")
        or b"<html" in head
        or b"<!doctype html" in head
        or b"<table" in head
        or b"<body" in head
    ):
        return "html"
    return "txt"


def _check_markup(data: bytes) -> None:
    """HTML and text: bounded lines, table rows and cells before any parser runs."""
    lim = limits.LIMITS
    lines = data.count(b"\n")
    if lines > lim.rows:
        raise limits.FileRefused(f"文件有 {lines} 行，超过 {lim.rows} 行的上限，已拒绝。")
    lower = data.lower()
    rows = lower.count(b"<tr")
    if rows > lim.rows:
        raise limits.FileRefused(f"网页中有 {rows} 个表格行，超过 {lim.rows} 行的上限，已拒绝。")
    cells = lower.count(b"<td") + lower.count(b"<th")
    if cells > lim.cells:
        raise limits.FileRefused(
            f"网页中有 {cells} 个单元格，超过 {lim.cells} 个单元格的上限，已拒绝。"
        )


def check_limits(data: bytes, kind: str) -> None:
    """The resource limits for a report file of `kind`, before parsing (raises FileRefused)."""
    limits.check_size(data)
    if kind == "pdf":
        limits.check_pdf_pages(data)
    elif kind == "docx":
        limits.check_docx(data)
    else:
        _check_markup(data)


def parse_bytes(data: bytes, name: str = "") -> ParseResult:
    if not data.strip():
        raise ReportParseError("文件是空的。")
    try:
        kind = sniff(data, name)
        check_limits(data, kind)
        with limits.wall_time(limits.LIMITS.seconds):
            return _parse(data, kind)
    except limits.FileRefused as exc:
        raise FileRefused(exc.message) from None
    except RecursionError:
        raise FileRefused("文件结构嵌套过深，无法读取，已拒绝。") from None
    except MemoryError:
        raise FileRefused("文件过于复杂，超出内存上限，已拒绝。") from None


def _parse(data: bytes, kind: str) -> ParseResult:
    if kind == "pdf":
        from .parse_pdf import parse_pdf

        return parse_pdf(data)
    if kind == "docx":
        from .parse_docx import parse_docx

        return parse_docx(data)
    from .parse_text import decode_bytes

    text = decode_bytes(data)
    if kind == "html":
        from .parse_html import parse_html

        return parse_html(text)
    from .parse_text import parse_text

    return parse_text(text)


def parse_file(path: str | Path) -> ParseResult:
    """Parse a report file. Raises ReportParseError (Chinese message) when it cannot be read."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise FileRefused(
                f"文件过大（{size // 1024 // 1024} MB），超过单个文件 {MAX_BYTES // 1024 // 1024} MB 的上限。"
            )
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise ReportParseError(f"找不到文件：{p}") from exc
    except IsADirectoryError as exc:
        raise ReportParseError(f"这是一个文件夹，不是文件：{p}") from exc
    except PermissionError as exc:
        raise ReportParseError(f"没有读取权限：{p}") from exc
    except OSError as exc:
        raise ReportParseError(f"无法读取文件：{p}（{exc.strerror or exc}）") from exc
    return parse_bytes(data, p.name)
