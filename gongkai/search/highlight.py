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
    return mark_safe("".join(out))


def snippet(text: str, pattern: re.Pattern | None) -> SafeString:
    """About SNIPPET_CHARS characters around the first hit (or the opening), hits marked."""
    text = " ".join((text or "").split())
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - _BEFORE) if first else 0
    window = text[start : start + SNIPPET_CHARS]
    marked = mark(window, pattern)
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_CHARS < len(text) else ""
    return mark_safe(f"{prefix}{marked}{suffix}")
