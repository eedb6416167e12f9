"""Highlighting: escape everything, then mark the hits — so nothing from a document or a query can
become markup (a title like `<script>` shows as text)."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tokenizer import DOC_NUMBER, QueryTerms

SNIPPET_CHARS = 140
_BEFORE = 30


def _doc_number_pattern(canonical: str) -> str:
    """`卢政〔2025〕3号` also as typed in the text: any bracket style, 第, leading zeros, spaces."""
    match = DOC_NUMBER.fullmatch(canonical)
    if not match:
        return re.escape(canonical)
    prefix, year, number = match.groups()
    return rf"{re.escape(prefix)}\s*[〔\[【(（［〖﹝]\s*{year}\s*[〕\]】)）］〗﹞]\s*第?\s*0*{number}\s*号"


def hit_pattern(terms: QueryTerms) -> re.Pattern | None:
    parts = [_doc_number_pattern(d) for d in terms.doc_numbers]
    parts += [re.escape(w) for w in sorted(terms.words, key=len, reverse=True)]
    return re.compile("|".join(parts), re.I) if parts else None


def mark(text: str, pattern: re.Pattern | None) -> SafeString:
    """`text` escaped, with each hit of `pattern` in <mark>."""
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out).replace("</mark><mark>", ""))  # adjacent words: one mark


def _best_start(text: str, pattern: re.Pattern) -> int:
    """Where the window showing the most different query words starts (the first such place)."""
    matches = list(pattern.finditer(text))[:300]
    best, best_count = 0, 0
    for i, match in enumerate(matches):
        start = max(0, match.start() - _BEFORE)
        end = start + SNIPPET_CHARS
        found = {m.group().lower() for m in matches[i:] if m.end() <= end}
        if len(found) > best_count:
            best, best_count = start, len(found)
    return best


def snippet(text: str, pattern: re.Pattern | None) -> SafeString:
    """About SNIPPET_CHARS characters where most query words are (or the opening), hits marked."""
    text = " ".join((text or "").split())
    start = _best_start(text, pattern) if pattern else 0
    window = text[start : start + SNIPPET_CHARS]
    marked = mark(window, pattern)
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_CHARS < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")
