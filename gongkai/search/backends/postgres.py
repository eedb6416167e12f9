"""PostgreSQL: `search_searchentry.document`, a tsvector of the jieba-segmented text under the
`simple` configuration (no stemming, no stop words) with a GIN index, and a pg_trgm GIN index on
the canonical 文号 (`doc_number_key`) — both added by migration 0002 on PostgreSQL only.

Words match through the tsvector (title weight A, 文号/栏目/机关 B, body D; ts_rank); a 文号 in the
query matches the item's own 文号 by trigram-indexed LIKE (so a partial 文号 works too) or, as a
phrase, a 文号 cited in a text. Then the newest first.
"""

from __future__ import annotations

from ..documents import SearchDocument
from ..tokenizer import QueryTerms
from .base import SearchFilters, SearchResult
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
        sql = (
            f"SELECT e.id, {score} AS score, count(*) OVER () AS total "
            f"FROM search_searchentry e WHERE {' AND '.join(conditions)}{where} "
            "ORDER BY score DESC, e.published_on DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s"
        )
        with self.cursor() as cursor:
            cursor.execute(sql, [*score_params, *params, *filter_params, limit, offset])
            rows = cursor.fetchall()
            if not rows and offset:
                cursor.execute(
                    f"SELECT count(*) FROM search_searchentry e "
                    f"WHERE {' AND '.join(conditions)}{where}",
                    [*params, *filter_params],
                )
                return SearchResult(hits=[], total=cursor.fetchone()[0])
        total = rows[0][2] if rows else 0
        return SearchResult(hits=self.hits([r[0] for r in rows], terms), total=total)
