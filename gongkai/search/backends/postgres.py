"""PostgreSQL: `search_searchentry.document`, a tsvector of the jieba-segmented text under the
`simple` configuration (no stemming, no stop words) with a GIN index, and a pg_trgm GIN index on
the canonical 文号 (`doc_number_key`) — both added by migration 0002 on PostgreSQL only.

Words match through the tsvector (title weight A, 文号/栏目/机关 B, body D; ts_rank); a 文号 in the
query matches the item's own 文号 by trigram-indexed LIKE (so a partial 文号 works too) or, as a
phrase, a 文号 cited in a text. Then the newest first. As in SQLite, the count stops at COUNT_LIMIT
and a broad query is ranked among its newest RANK_WINDOW matches.
"""

from __future__ import annotations

from ..documents import SearchDocument
from ..tokenizer import QueryTerms
from .base import COUNT_LIMIT, RANK_WINDOW, SearchFilters, SearchResult
from .database import DatabaseBackend

DOCUMENT = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
    "|| setweight(to_tsvector('simple', %s), 'D')"
)


class PostgresBackend(DatabaseBackend):
    def _write_words(self, pairs: list[tuple[int, SearchDocument]]) -> None:
        rows = []
        for pk, document in pairs:
            w = document.segmented()
            rows.append((w["title"], w["meta"], w["body"], pk))
        with self.cursor() as cursor:
            cursor.executemany(
                f"UPDATE search_searchentry SET document = {DOCUMENT} WHERE id = %s", rows
            )

    def query(
        self, terms: QueryTerms, filters: SearchFilters, *, offset: int, limit: int
    ) -> SearchResult:
        if not terms:
            return SearchResult(hits=[], total=0)
        conditions, params = [], []
        if terms.words:
            conditions.append("e.document @@ plainto_tsquery('simple', %s)")
            params.append(" ".join(terms.words))
            score, score_params = (
                "ts_rank(e.document, plainto_tsquery('simple', %s))",
                [" ".join(terms.words)],
            )
        else:
            score, score_params = "1.0", []
        for doc_number in terms.doc_numbers:
            conditions.append(
                "(e.doc_number_key LIKE %s OR e.document @@ phraseto_tsquery('simple', %s))"
            )
            params += [f"%{doc_number}%", doc_number]
        where, filter_params = self.filter_sql(filters)
        matching = f"FROM search_searchentry e WHERE {' AND '.join(conditions)}{where}"
        with self.cursor() as cursor:
            # Counting stops at COUNT_LIMIT, and ts_rank runs over the newest RANK_WINDOW matches
            # only (entry ids follow publication dates), as in the SQLite backend: a broad query
            # ("政府信息公开") costs no more than a narrow one.
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {matching} LIMIT %s) c",
                [*params, *filter_params, COUNT_LIMIT + 1],
            )
            total = cursor.fetchone()[0]
            if not total:
                return SearchResult(hits=[], total=0)
            cursor.execute(
                f"WITH w AS MATERIALIZED (SELECT e.id, e.published_on, e.document {matching} "
                "ORDER BY e.id DESC LIMIT %s) "
                f"SELECT e.id, {score} AS score FROM w e "
                "ORDER BY score DESC, e.published_on DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s",
                [*params, *filter_params, RANK_WINDOW, *score_params, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return SearchResult(
            hits=self.hits(ids, terms), total=min(total, COUNT_LIMIT), more=total > COUNT_LIMIT
        )
