"""Plain-text reports: the seed's tab-separated layout, pipe tables, " / " cells, and the
space-aligned output of ``pdftotext -layout``."""

from __future__ import annotations

from .cells import split_text_line
from .parse_lines import ParseResult, ReportParseError, parse_lines


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (what Chinese Windows writes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise ReportParseError("文件不是可读的文本（可能是二进制文件或编码无法识别）。")


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or ch == "\ufffd")
    return "\x00" in sample or bad / len(sample) > 0.02


def text_rows(text: str) -> list[list[str]]:
    return [split_text_line(line) for line in text.splitlines()]


def parse_text(text: str, *, layout: bool = False, source_kind: str = "txt") -> ParseResult:
    return parse_lines(text_rows(text), source_kind=source_kind, layout=layout)


def parse_text_bytes(data: bytes) -> ParseResult:
    return parse_text(decode_bytes(data))
