"""Text normalisation and cell reading shared by all parsers."""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_CJK = re.compile(r"[\u3400-\u9fff]")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
_SPACE = re.compile(r"\s+")
_ITEM_NO = re.compile(r"(?<![\d.])(\d)[、.．]")
_NUMBER_NOTE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*\((?:[^()]*)\)$")
_DIGITS = re.compile(r"[0-9]+")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_BLANK_MARKS = {"", "-", "—", "——", "–", "/", "－", "／", "\\"}


@functools.lru_cache(maxsize=8192)
def norm(s: str) -> str:
    """Canonical form for comparing labels: NFKC (full-width → half-width brackets, digits,
    punctuation), no whitespace, no quotes, item numbers as "1."."""
    s = unicodedata.normalize("NFKC", s).translate(_QUOTES)
    s = _SPACE.sub("", s)
    return _ITEM_NO.sub(r"\1.", s)


def has_cjk(s: str) -> bool:
    return bool(_CJK.search(s))


def is_value_cell(s: str) -> bool:
    """A table cell that holds (or should hold) a number: blank, digits, or anything without
    Chinese characters; "22（其中修订16件）" (a number with a note) counts as a value too."""
    t = unicodedata.normalize("NFKC", s).strip()
    if not t or not has_cjk(t):
        return True
    return bool(_NUMBER_NOTE.match(_SPACE.sub("", t).rstrip("?？")))


def parse_cell(s: str | None, *, decimal: bool = False):
    """Read one cell: returns (value, status), status in {"ok", "blank", "invalid"}.
    Counts are ``int``; amounts (decimal=True) are ``Decimal``."""
    if s is None:
        return None, "blank"
    t = _SPACE.sub("", unicodedata.normalize("NFKC", s))
    if t in _BLANK_MARKS:
        return None, "blank"
    if _DIGITS.fullmatch(t):
        return (Decimal(t) if decimal else int(t)), "ok"
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    m = _NUMBER_NOTE.match(t)
    if m:
        t = m.group(1)
    if re.fullmatch(r"\d+", t):
        return (Decimal(t) if decimal else int(t)), "ok"
    if decimal and re.fullmatch(r"\d+\.\d+", t):
        try:
            return Decimal(t), "ok"
        except InvalidOperation:  # pragma: no cover - regex guarantees a number
            return None, "invalid"
    return None, "invalid"


def split_text_line(line: str) -> list[str]:
    """Cells of one line of plain text: tab-separated, pipe tables, " / " cells, or the
    space-aligned columns of ``pdftotext -layout``; otherwise one cell."""
    line = line.replace("\f", "").rstrip("\r\n")
    if "\t" in line:
        cells = line.split("\t")
    elif line.count("|") >= 2 or line.lstrip().startswith("|"):
        cells = line.split("|")
        if cells and not cells[0].strip():
            cells = cells[1:]
        if cells and not cells[-1].strip():
            cells = cells[:-1]
    elif re.search(r"\S\s+/\s+\S", line):
        cells = re.split(r"\s+/\s+", line.strip())
    elif re.search(r"\S {2,}\S", line.strip()):
        cells = re.split(r" {2,}", line.strip())
    else:
        return [line.strip()]
    out: list[str] = []
    for c in cells:
        c = c.strip()
        if re.fullmatch(r"\d+(?:\s+\d+)+", c):
            out.extend(c.split())
        else:
            out.append(c)
    return out
