"""The one interface every search backend implements (SQLite FTS5, PostgreSQL, later OpenSearch).

Views, services and the `gongkai reindex` command only talk to `get_backend()`; see docs/search.md
for writing another backend.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from ..documents import SearchDocument
from ..tokenizer import QueryTerms


@dataclass(frozen=True)
class SearchFilters:
    agency_id: int | None = None
    column: str = ""
    year: int | None = None
    kind: str = ""


@dataclass
class Hit:
    source: str
    kind: str
    kind_label: str
    url: str
    agency_name: str
    column: str
    doc_number_html: SafeString  # escaped, hits in <mark>
    published_on: datetime.date | None
    title_html: SafeString  # escaped, hits in <mark>
    snippet_html: SafeString  # escaped, hits in <mark>


# No one pages past 1,000 hits (selectors.MAX_PAGE × PER_PAGE): a backend may stop counting there.
COUNT_LIMIT = 1000
# A query matching more than this is ranked among its newest RANK_WINDOW matches (docs/search.md, 规模).
RANK_WINDOW = 2000


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int  # exact, or COUNT_LIMIT when `more`
    more: bool = False  # there are more than `total` hits


class SearchBackend(ABC):
    """Index documents, remove them, query them. Implementations must never return a document that
    was not given to `index` (only published documents are), and must rank by relevance, then by
    publication date (newest first)."""

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace (by `source`) these documents; returns how many."""

    @abstractmethod
    def remove(self, sources: Iterable[str]) -> int:
        """Remove documents by `source` (e.g. "publication:12"); unknown sources are ignored."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything (before a full reindex)."""

    @abstractmethod
    def query(
        self, terms: QueryTerms, filters: SearchFilters, *, offset: int, limit: int
    ) -> SearchResult:
        """Hits for all of `terms` (AND), filtered, ranked, one page of them, and the total."""

    def facets(self) -> dict[str, list]:
        """Choices for the filter form: {"columns": [...], "years": [...]} of indexed documents."""
        return {"columns": [], "years": []}
