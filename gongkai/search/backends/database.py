"""What the SQLite and PostgreSQL backends share: the `SearchEntry` rows (what a hit shows and what
the filters use), turning ranked ids into highlighted hits, and the filter SQL."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from ..documents import SearchDocument
from ..highlight import hit_pattern, mark, snippet
from ..models import SearchEntry, SearchKind
from ..tokenizer import QueryTerms
from .base import Hit, SearchBackend, SearchFilters

BATCH = 2000
ENTRY_COLUMNS = (
    "kind source object_id agency_id column title doc_number doc_number_key text published_on year "
    "url indexed_at"
).split()
INSERT_ENTRY = "INSERT INTO {} ({}) VALUES ({})".format(
    SearchEntry._meta.db_table,
    ", ".join(f'"{c}"' for c in ENTRY_COLUMNS),
    ", ".join(["%s"] * len(ENTRY_COLUMNS)),
)


def _entry_row(d: SearchDocument, now) -> list:
    return [
        d.kind, d.source, d.object_id, d.agency_id, d.column, d.title, d.doc_number,
        d.doc_number_key, d.text, d.published_on, d.year, d.url, now,
    ]  # fmt: skip


class DatabaseBackend(SearchBackend):
    def _write_words(self, pairs: list[tuple[int, SearchDocument]]) -> None:
        raise NotImplementedError

    def index(self, documents: Iterable[SearchDocument]) -> int:
        count, batch = 0, []
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH:
                count += self._index_batch(batch)
                batch = []
        if batch:
            count += self._index_batch(batch)
        return count

    @transaction.atomic
    def _index_batch(self, documents: list[SearchDocument]) -> int:
        """One transaction per batch. Plain SQL: on a full rebuild (200,000 items) the ORM's
        bulk_create cost more time than SQLite itself."""
        sources = [d.source for d in documents]
        SearchEntry.objects.filter(source__in=sources).delete()
        now = timezone.now()
        with self.cursor() as cursor:
            cursor.executemany(INSERT_ENTRY, [_entry_row(d, now) for d in documents])
        ids = dict(SearchEntry.objects.filter(source__in=sources).values_list("source", "id"))
        self._write_words([(ids[d.source], d) for d in documents])
        return len(documents)

    def remove(self, sources: Iterable[str]) -> int:
        deleted, _ = SearchEntry.objects.filter(source__in=list(sources)).delete()
        return deleted

    def clear(self) -> None:
        SearchEntry.objects.all().delete()

    def facets(self) -> dict[str, list]:
        entries = SearchEntry.objects.order_by()
        return {
            "columns": sorted(c for c in entries.values_list("column", flat=True).distinct() if c),
            "years": sorted(
                (y for y in entries.values_list("year", flat=True).distinct() if y),
                reverse=True,
            ),
        }

    @staticmethod
    def filter_sql(filters: SearchFilters, alias: str = "e") -> tuple[str, list]:
        clauses, params = [], []
        if filters.agency_id:
            clauses.append(f"{alias}.agency_id = %s")
            params.append(filters.agency_id)
        if filters.column:
            clauses.append(f'{alias}."column" = %s')
            params.append(filters.column)
        if filters.year:
            clauses.append(f"{alias}.year = %s")
            params.append(filters.year)
        if filters.kind:
            clauses.append(f"{alias}.kind = %s")
            params.append(filters.kind)
        return "".join(f" AND {c}" for c in clauses), params

    @staticmethod
    def hits(ids: list[int], terms: QueryTerms) -> list[Hit]:
        """Hits for `ids` in this order, title and snippet highlighted."""
        entries = SearchEntry.objects.select_related("agency").in_bulk(ids)
        pattern = hit_pattern(terms)
        labels = dict(SearchKind.choices)
        return [
            Hit(
                source=e.source,
                kind=e.kind,
                kind_label=labels.get(e.kind, e.kind),
                url=e.url,
                agency_name=e.agency.name,
                column=e.column,
                doc_number_html=mark(e.doc_number, pattern),
                published_on=e.published_on,
                title_html=mark(e.title, pattern),
                snippet_html=snippet(e.text, pattern),
            )
            for e in (entries[i] for i in ids if i in entries)
        ]

    @staticmethod
    def cursor():
        return connection.cursor()
