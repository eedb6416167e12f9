"""Read any supported report file: ``parse_file(path) -> ParseResult`` (.txt .html .htm .docx .pdf),
choosing the parser by content first (magic bytes), then by extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .parse_lines import ParseResult, ReportParseError

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
MAX_BYTES = 50 * 1024 * 1024

__all__ = ["SUFFIXES", "ParseResult", "ReportParseError", "parse_bytes", "parse_file", "sniff"]


def sniff(data: bytes, name: str = "") -> str:
    """'pdf', 'docx', 'html' or 'txt'; raises ReportParseError for kinds we cannot read."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            if suffix == ".docx":
                raise ReportParseError("Word 文件已损坏（可能下载不完整），无法打开。") from None
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


def parse_bytes(data: bytes, name: str = "") -> ParseResult:
    if not data.strip():
        raise ReportParseError("文件是空的。")
    kind = sniff(data, name)
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
            raise ReportParseError(
                f"文件过大（{size // 1024 // 1024} MB），年度报告一般不超过 50 MB。"
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
