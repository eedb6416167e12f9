"""What the index holds for each kind of public document, built from the published record only.

A `SearchDocument` is backend-neutral: the SQL backends store it as a `SearchEntry` plus words, an
OpenSearch backend would send it as one JSON document (docs/search.md). The names and extracted text
of a publication's attachments are part of its document (a hit opens the item page, where the file is).
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from .models import SearchKind
from .tokenizer import doc_number_key, index_tokens

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|tr|h[1-6]|table|ul|ol)\b[^>]*>", re.I)


def plain_text(markup: str) -> str:
    """Rich-text bodies (sanitised HTML) as plain text; plain bodies pass through unchanged."""
    if "<" not in (markup or ""):
        return markup or ""
    text = _BLOCK.sub("\n", markup)
    return html.unescape(_TAG.sub("", text))


@dataclass
class SearchDocument:
    source: str
    kind: str
    object_id: int
    agency_id: int
    agency_name: str
    title: str
    text: str
    url: str
    column: str = ""
    doc_number: str = ""
    published_on: datetime.date | None = None
    year: int | None = None
    meta: list[str] = field(default_factory=list)  # other words to find it by: publisher, …
    words: dict[str, str] | None = None  # segmented title/body/meta, if already computed

    def segmented(self) -> dict[str, str]:
        """The jieba-segmented title, body and meta, space-separated (computed once)."""
        if self.words is None:
            self.words = {
                "title": " ".join(index_tokens(self.title)),
                "body": " ".join(index_tokens(self.text)),
                "meta": " ".join(index_tokens(self.meta_text)),
            }
        return self.words

    @property
    def doc_number_key(self) -> str:
        return doc_number_key(self.doc_number) if self.doc_number else ""

    @property
    def meta_text(self) -> str:
        return " ".join([self.doc_number, self.column, self.agency_name, *self.meta])


def publication_source(pk: int) -> str:
    return f"publication:{pk}"


def report_source(report_id: int) -> str:
    return f"report:{report_id}"


def attachment_text(pub) -> str:
    """The names and extracted text (PDF/DOCX/XLSX) of the item's attachments."""
    return "\n".join(f"{a.original_name}\n{a.text}" for a in pub.attachments.all())


def publication_document(pub) -> SearchDocument:
    return SearchDocument(
        source=publication_source(pub.pk),
        kind=SearchKind.PUBLICATION,
        object_id=pub.pk,
        agency_id=pub.agency_id,
        agency_name=pub.agency.name,
        title=pub.title,
        text="\n".join(filter(None, [plain_text(pub.body), attachment_text(pub)])),
        url=reverse("publications:item", args=[pub.agency_id, pub.pk]),
        column=pub.column.name,
        doc_number=pub.doc_number,
        published_on=pub.published_on,
        year=pub.published_on.year if pub.published_on else None,
        meta=[pub.publisher] if pub.publisher else [],
    )


def report_document(snapshot) -> SearchDocument:
    report = snapshot.report
    return SearchDocument(
        source=report_source(report.pk),
        kind=SearchKind.ANNUAL_REPORT,
        object_id=report.pk,
        agency_id=report.agency_id,
        agency_name=report.agency.name,
        title=str(report),
        text=snapshot.text,
        url=reverse("annual_reports:report", args=[report.agency_id, report.year]),
        column="年度报告",
        published_on=timezone.localdate(snapshot.published_at) if snapshot.published_at else None,
        year=report.year,
    )
