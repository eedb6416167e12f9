"""All writes to the search index and to the failed-query statistics.

The index is derived data: it is rebuilt from the published records by `gongkai reindex` at any
time, so single index writes are not audit events (the publish/withdraw that causes them is); a full
reindex is. Failed queries are anonymous counters, not records about anyone, and are not audited
either (auditing every empty search would let anyone flood the audit chain).

Call these from the publishing services, inside their transaction:
  publication published or withdrawn or corrected → index_publication(pub)
  annual report published (first time or 更正)      → index_report_snapshot(snapshot)
`index_publication` looks at the stored record: anything not published is removed from the index.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from gongkai.annual_reports.models import ReportSnapshot
from gongkai.core.audit import audit_record
from gongkai.publications.choices import PUBLIC_STATUSES
from gongkai.publications.models import Publication

from .backends import get_backend
from .documents import (
    publication_document,
    publication_source,
    report_document,
    report_source,
)
from .models import FailedQuery, SearchEntry
from .privacy import scrub


def _published_publications():
    return (
        Publication.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("agency", "column")
        .prefetch_related("attachments")
    )


def _latest_snapshots():
    latest = ReportSnapshot.objects.values("report_id").annotate(r=Max("revision"))
    pairs = {(row["report_id"], row["r"]) for row in latest}
    for snapshot in ReportSnapshot.objects.select_related("report__agency").order_by("id"):
        if (snapshot.report_id, snapshot.revision) in pairs:
            yield snapshot


@transaction.atomic
def index_publication(pub: Publication) -> bool:
    """Bring the index in line with the stored publication: indexed if published, else removed.
    Returns whether it is now findable."""
    current = _published_publications().filter(pk=pub.pk).first()
    backend = get_backend()
    if current is None:
        backend.remove([publication_source(pub.pk)])
        return False
    backend.index([publication_document(current)])
    return True


@transaction.atomic
def remove_publication(pub: Publication) -> None:
    get_backend().remove([publication_source(pub.pk)])


@transaction.atomic
def index_report_snapshot(snap: ReportSnapshot) -> None:
    """Index the report's latest published revision (a 更正 replaces the earlier text)."""
    latest = (
        ReportSnapshot.objects.select_related("report__agency")
        .filter(report_id=snap.report_id)
        .order_by("-revision")
        .first()
    )
    if latest is None:
        get_backend().remove([report_source(snap.report_id)])
    else:
        get_backend().index([report_document(latest)])


def _segmented(documents: list) -> list:
    for document in documents:
        document.segmented()
    return documents


def _published_in_batches(size: int) -> Iterator[list]:
    """Published items, oldest publication date first, `size` at a time: entry ids then follow
    publication dates, which the SQLite backend relies on to rank a broad query among its newest
    matches. Each batch is one short query: a cursor kept open over the whole rebuild would hold
    SQLite's read snapshot and let the WAL file grow to gigabytes while we write."""
    order = list(
        _published_publications()
        .order_by(F("published_on").asc(nulls_first=True), "pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(order), size):
        pks = order[start : start + size]
        by_pk = _published_publications().in_bulk(pks)
        yield [by_pk[pk] for pk in pks if pk in by_pk]


def _segment_in_parallel(batches: Iterable[list], jobs: int) -> Iterator[list]:
    """jieba is pure Python and single-threaded: on a rebuild, cut the words of batch n+1 in `jobs`
    forked processes while this one writes batch n (records are still read and written here, in
    order: Django's connection, and a test's transaction, belong to this thread)."""
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from batches
        return
    from .tokenizer import index_tokens

    index_tokens("政府信息公开")  # load the dictionary once, before forking
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pending = None
        for batch in batches:
            chunks = [batch[i : i + 100] for i in range(0, len(batch), 100)]
            submitted = pool.map_async(_segmented, chunks)
            if pending is not None:
                yield [d for chunk in pending.get() for d in chunk]
            pending = submitted
        if pending is not None:
            yield [d for chunk in pending.get() for d in chunk]


def reindex_all(*, actor, jobs: int | None = None) -> dict[str, int]:
    """Rebuild the index from the published records. Search keeps working meanwhile: documents are
    replaced batch by batch, and entries whose record is no longer published are removed at the end.
    `jobs`: processes cutting words (default: the number of CPUs)."""
    backend = get_backend()
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    seen: set[str] = set()

    def batches(kind_counts):
        for publications in _published_in_batches(2000):
            kind_counts["publications"] += len(publications)
            documents = [publication_document(pub) for pub in publications]
            seen.update(d.source for d in documents)
            yield documents
        reports = [report_document(snapshot) for snapshot in _latest_snapshots()]
        kind_counts["reports"] = len(reports)
        seen.update(d.source for d in reports)
        yield reports

    counts = {"publications": 0, "reports": 0, "removed": 0}
    for documents in _segment_in_parallel(batches(counts), jobs):
        backend.index(documents)
    stale = [s for s in SearchEntry.objects.values_list("source", flat=True) if s not in seen]
    for start in range(0, len(stale), 500):
        counts["removed"] += backend.remove(stale[start : start + 500])
    with transaction.atomic():
        audit_record(actor=actor, action="search.reindex", object_type="search.index", new=counts)
    return counts


@transaction.atomic
def failed_query_record(
    *, query: str, hits: int = 0, agency_id: int | None = None, day: datetime.date | None = None
) -> FailedQuery | None:
    """Count one search that found nothing, with personal data removed from the query."""
    text = scrub(query)
    if not text:
        return None
    day = day or timezone.localdate()
    row = FailedQuery.objects.filter(query=text, day=day, agency_id=agency_id).first()
    if row:
        FailedQuery.objects.filter(pk=row.pk).update(times=F("times") + 1, hits=hits)
        return row
    return FailedQuery.objects.create(query=text, day=day, agency_id=agency_id, hits=hits)
