"""SQLite FTS5: the table `search_fts(title, body, meta)` (migration 0002) holds the jieba-segmented
words of each `SearchEntry`, rowid = entry id; a trigger removes them with the entry.

The FTS5 tokenizer is unicode61 with 〔〕 as word characters: our segmented text has spaces between
words, so each jieba word (and each canonical 文号, 卢政〔2025〕3号) is one FTS token. Ranking is bm25
with the title weighted over 文号/栏目/机关 over the body, then the newest first.
"""

from __future__ import annotations

from ..documents import SearchDocument
from ..tokenizer import QueryTerms
from .base import SearchFilters, SearchResult
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
        matched = (
            f"SELECT rowid, bm25(search_fts, {WEIGHTS}) AS score "
            "FROM search_fts WHERE search_fts MATCH %s"
        )
        with self.cursor() as cursor:
            if where:
                cursor.execute(
                    f"SELECT count(*) FROM ({matched}) f "
                    f"JOIN search_searchentry e ON e.id = f.rowid WHERE 1=1{where}",
                    [match, *params],
                )
            else:
                cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [match])
            total = cursor.fetchone()[0]
            if not total:
                return SearchResult(hits=[], total=0)
            cursor.execute(
                f"SELECT e.id FROM ({matched}) f JOIN search_searchentry e ON e.id = f.rowid "
                f"WHERE 1=1{where} ORDER BY f.score, e.published_on DESC, e.id DESC "
                "LIMIT %s OFFSET %s",
                [match, *params, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return SearchResult(hits=self.hits(ids, terms), total=total)
