"""SQLite FTS5: the table `search_fts(title, body, meta)` (migration 0002) holds the jieba-segmented
words of each `SearchEntry`, rowid = entry id; a trigger removes them with the entry.

The FTS5 tokenizer is unicode61 with 〔〕 as word characters: our segmented text has spaces between
words, so each jieba word (and each canonical 文号, 卢政〔2025〕3号) is one FTS token. Ranking is bm25
with the title weighted over 文号/栏目/机关 over the body, then the newest first. Two bounds keep a broad
query ("政府信息公开" matches most items) fast: the count stops at COUNT_LIMIT, and bm25 is computed for
the newest RANK_WINDOW matches only (see docs/search.md, "Scale").
"""

from __future__ import annotations

from ..documents import SearchDocument
from ..tokenizer import QueryTerms
from .base import COUNT_LIMIT, SearchFilters, SearchResult
from .database import DatabaseBackend

WEIGHTS = "10.0, 1.0, 4.0"  # title, body, meta
RANK_WINDOW = 5000  # a query matching more is ranked among its newest 5,000 matches


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(terms: QueryTerms) -> str:
    """All terms (AND); a lone Chinese character also finds the words that start with it."""
    parts = []
    for term in terms.all:
        single_cjk = len(term) == 1 and "\u3400" <= term <= "\u9fff"
        parts.append(_quoted(term) + ("*" if single_cjk else ""))
    return " AND ".join(parts)


class SqliteBackend(DatabaseBackend):
    def _write_words(self, pairs: list[tuple[int, SearchDocument]]) -> None:
        rows = []
        for pk, document in pairs:
            w = document.segmented()
            rows.append((pk, w["title"], w["body"], w["meta"]))
        with self.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts(rowid, title, body, meta) VALUES (%s, %s, %s, %s)", rows
            )

    def query(
        self, terms: QueryTerms, filters: SearchFilters, *, offset: int, limit: int
    ) -> SearchResult:
        if not terms:
            return SearchResult(hits=[], total=0)
        match = match_expression(terms)
        where, params = self.filter_sql(filters)
        join = " JOIN search_searchentry e ON e.id = f.rowid" if where else ""
        matched = f"FROM search_fts f{join} WHERE search_fts MATCH %s{where}"
        with self.cursor() as cursor:
            # Counting stops at COUNT_LIMIT: past it the page says "more than", no one pages further.
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {matched} LIMIT %s)",
                [match, *params, COUNT_LIMIT + 1],
            )
            total = cursor.fetchone()[0]
            if not total:
                return SearchResult(hits=[], total=0)
            # bm25 over the newest RANK_WINDOW matches only (entry ids follow publication dates,
            # services.reindex_all): FTS5 walks its rowids backwards and stops there, however broad
            # the query. A narrower query (up to RANK_WINDOW matches) is ranked in full.
            cursor.execute(
                f"SELECT e.id FROM (SELECT f.rowid AS id, bm25(search_fts, {WEIGHTS}) AS score "
                f"{matched} ORDER BY f.rowid DESC LIMIT %s) w "
                "JOIN search_searchentry e ON e.id = w.id "
                "ORDER BY w.score, e.published_on DESC, e.id DESC LIMIT %s OFFSET %s",
                [match, *params, RANK_WINDOW, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return SearchResult(
            hits=self.hits(ids, terms), total=min(total, COUNT_LIMIT), more=total > COUNT_LIMIT
        )
