"""SQLite FTS5: the table `search_fts(title, body, meta)` (migration 0002) holds the jieba-segmented
words of each `SearchEntry`, rowid = entry id; a trigger removes them with the entry.

The FTS5 tokenizer is unicode61 with 〔〕 as word characters: our segmented text has spaces between
words, so each jieba word (and each canonical 文号, 卢政〔2025〕3号) is one FTS token. Ranking is bm25
with the title weighted over 文号/栏目/机关 over the body, then the newest first. Two bounds keep a broad
query ("政府信息公开" matches most items) fast: the count stops at COUNT_LIMIT, and bm25 is computed for
the newest RANK_WINDOW matches only (docs/search.md, 规模).
"""

from __future__ import annotations

from ..documents import SearchDocument
from ..tokenizer import QueryTerms
from .base import COUNT_LIMIT, RANK_WINDOW, SearchFilters, SearchResult
from .database import DatabaseBackend

WEIGHTS = "10.0, 1.0, 4.0"  # title, body, meta


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(terms: QueryTerms) -> str:
    """All terms (AND); a lone Chinese character also finds the words that start with it."""
    parts = []
    for term in terms.all:
        single_cjk = len(term) == 1 and "\u3400" <= term <= "\u9fff"
        parts.append(_quoted(term) + ("*" if single_cjk else ""))
    return " AND ".join(parts)


def filter_token(name: str, value) -> str:
    """One FTS token per filter value, e.g. zzy32303235 for year 2025 (the value's UTF-8 bytes in hex,
    so any 栏目 name is one token). Kept in the `meta` column, they let FTS5 itself intersect the
    matches with a filter: no join with the entries, however broad the query. Migration 0003 computes
    the same with SQLite's lower(hex(…))."""
    return f"zz{name}{str(value).encode().hex()}"


def filter_tokens(document: SearchDocument) -> list[str]:
    values = [("a", document.agency_id), ("c", document.column), ("y", document.year)]
    values.append(("k", document.kind))
    return [filter_token(name, value) for name, value in values if value not in ("", None)]


def filter_expression(filters: SearchFilters) -> str:
    values = [("a", filters.agency_id), ("c", filters.column), ("y", filters.year)]
    values.append(("k", filters.kind))
    return "".join(
        f" AND {{meta}} : {filter_token(name, value)}" for name, value in values if value
    )


class SqliteBackend(DatabaseBackend):
    def _write_words(self, pairs: list[tuple[int, SearchDocument]]) -> None:
        rows = []
        for pk, document in pairs:
            w = document.segmented()
            meta = " ".join([w["meta"], *filter_tokens(document)])
            rows.append((pk, w["title"], w["body"], meta))
        with self.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, body, meta) VALUES (%s, %s, %s, %s)", rows
            )

    def query(
        self, terms: QueryTerms, filters: SearchFilters, *, offset: int, limit: int
    ) -> SearchResult:
        if not terms:
            return SearchResult(hits=[], total=0)
        match = match_expression(terms) + filter_expression(filters)
        with self.cursor() as cursor:
            # Counting stops at COUNT_LIMIT: past it the page says "more than", no one pages further.
            cursor.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
                [match, COUNT_LIMIT + 1],
            )
            total = cursor.fetchone()[0]
            if not total:
                return SearchResult(hits=[], total=0)
            # bm25 over the newest RANK_WINDOW matches only (entry ids follow publication dates,
            # services.reindex_all): FTS5 walks its rowids backwards and stops there, however broad
            # the query. A narrower query (up to RANK_WINDOW matches) is ranked in full.
            # Only the rows that can reach this page (their score at most the page's last score)
            # are joined with the entries for the date: joining the whole window cost as much as bm25.
            cursor.execute(
                "WITH w AS MATERIALIZED ("
                f"SELECT rowid AS id, bm25(search_fts, {WEIGHTS}) AS score FROM search_fts "
                "WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s), "
                "bound AS (SELECT max(score) AS score FROM "
                "(SELECT score FROM w ORDER BY score LIMIT %s)) "
                "SELECT e.id FROM w JOIN search_searchentry e ON e.id = w.id "
                "WHERE w.score <= (SELECT score FROM bound) "
                "ORDER BY w.score, e.published_on DESC, e.id DESC LIMIT %s OFFSET %s",
                [match, RANK_WINDOW, offset + limit, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return SearchResult(
            hits=self.hits(ids, terms), total=min(total, COUNT_LIMIT), more=total > COUNT_LIMIT
        )
