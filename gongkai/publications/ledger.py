"""Ledger (台账) import and export for ledgers.md §3 (规章和行政规范性文件) and §4 (主动公开信息).

All or nothing: every bad row is reported as "第N行 列名: 原因" and nothing is written; re-importing the
same file changes nothing; a changed row updates its record through a service (audited), unless the
record is inside the workflow (reviewed or edited on the platform): then the row is refused as 第N行 and
nothing at all is imported.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from gongkai.core.errors import UserError
from gongkai.core.ledgers import Problems, RowReader, check_header, read_sheet, write_sheet
from gongkai.core.models import Agency

from .choices import DocumentKind
from .choices import PublicationStatus as S
from .models import NormativeDocument, Publication
from .services import document_upsert, publication_upsert_published

DOC_REQUIRED = ("文号", "标题", "类型", "制发日期")
DOC_OPTIONAL = ("废止日期",)
DOC_KINDS = {label: value for value, label in DocumentKind.choices} | {
    value: value for value in DocumentKind.values
}

PUB_REQUIRED = ("标题", "栏目", "发布日期")
PUB_OPTIONAL = ("成文日期", "文号", "发布机构")

RESULT_LABELS = {"created": "新增", "updated": "更新", "unchanged": "未变"}


def _summary(results: list[str], notes: list[str]) -> dict:
    out = {label: results.count(key) for key, label in RESULT_LABELS.items()}
    if notes:
        out["提示"] = "；".join(notes)
    return out


def _write_all(rows: list[tuple[int, tuple]], upsert, column: str, path) -> list[str]:
    """Run the service for every row in one transaction. A row the service refuses (e.g. it would
    change a record inside the workflow) is reported as 第N行, and then nothing at all is written."""
    problems = Problems()
    with transaction.atomic():
        results = []
        for number, values in rows:
            try:
                results.append(upsert(*values))
            except UserError as exc:
                problems.add(number, column, exc.message.rstrip("。"))
        problems.raise_if_any(Path(path))  # inside the transaction: rolls every row back
    return results


# -- §3 documents ------------------------------------------------------------------------------------
def import_documents(*, actor, agency: Agency, path) -> dict:
    sheet = read_sheet(path)
    notes = check_header(sheet, DOC_REQUIRED, DOC_OPTIONAL)
    problems = Problems()
    rows, seen = [], {}
    for number, values in sheet.rows:
        r = RowReader(number, values, problems)
        doc_number = r.text("文号", required=True, max_length=100)
        title = r.text("标题", required=True, max_length=300)
        kind = r.choice("类型", DOC_KINDS, required=True)
        issued = r.date("制发日期", required=True)
        abolished = r.date("废止日期")
        if doc_number:
            if doc_number in seen:
                problems.add(number, "文号", f"“{doc_number}”与第{seen[doc_number]}行重复")
            seen.setdefault(doc_number, number)
        if issued and abolished and abolished < issued:
            problems.add(number, "废止日期", "不能早于制发日期")
        if kind == DocumentKind.RULES and not agency.may_make_rules:
            problems.add(number, "类型", f"“{agency.name}”无权制定规章")
        rows.append((number, (doc_number, title, kind, issued, abolished)))
    problems.raise_if_any(Path(path))

    def upsert(d, t, k, i, a):
        return document_upsert(
            actor=actor, agency=agency, doc_number=d, title=t, kind=k, issued_on=i, abolished_on=a
        )

    return _summary(_write_all(rows, upsert, "文号", path), notes)


def export_documents(*, agency: Agency, path, year: int | None = None) -> int:
    documents = NormativeDocument.objects.filter(agency=agency).order_by("issued_on", "doc_number")
    if year is not None:
        documents = documents.filter(issued_on__year__lte=year)
    rows = [
        [
            d.doc_number,
            d.title,
            d.get_kind_display(),
            d.issued_on.isoformat(),
            d.abolished_on.isoformat() if d.abolished_on else "",
        ]
        for d in documents
    ]
    write_sheet(path, [*DOC_REQUIRED, *DOC_OPTIONAL], rows)
    return len(rows)


# -- §4 proactively published items -------------------------------------------------------------------
def import_publications(*, actor, agency: Agency, path) -> dict:
    sheet = read_sheet(path)
    notes = check_header(sheet, PUB_REQUIRED, PUB_OPTIONAL)
    problems = Problems()
    rows, seen = [], {}
    for number, values in sheet.rows:
        r = RowReader(number, values, problems)
        title = r.text("标题", required=True, max_length=300)
        column = r.text("栏目", required=True, max_length=50)
        published = r.date("发布日期", required=True)
        formed = r.date("成文日期")
        doc_number = r.text("文号", max_length=100)
        publisher = r.text("发布机构", max_length=100)
        if formed and published and formed > published:
            problems.add(number, "成文日期", "不能晚于发布日期")
        key = ("文号", doc_number) if doc_number else ("标题", title, published, column)
        if title and published:
            if key in seen:
                what = "文号" if doc_number else "标题"
                problems.add(number, what, f"与第{seen[key]}行重复")
            seen.setdefault(key, number)
        rows.append((number, (column, title, published, formed, doc_number, publisher)))
    problems.raise_if_any(Path(path))

    def upsert(c, t, p, f, d, pb):
        return publication_upsert_published(
            actor=actor,
            agency=agency,
            column_name=c,
            title=t,
            published_on=p,
            formed_on=f,
            doc_number=d,
            publisher=pb,
        )

    return _summary(_write_all(rows, upsert, "标题", path), notes)


def export_publications(*, agency: Agency, path, year: int | None = None) -> int:
    items = (
        Publication.objects.filter(agency=agency, status=S.PUBLISHED)
        .select_related("column")
        .order_by("published_on", "id")
    )
    if year is not None:
        items = items.filter(published_on__year=year)
    rows = [
        [
            p.title,
            p.column.name,
            p.published_on.isoformat(),
            p.formed_on.isoformat() if p.formed_on else "",
            p.doc_number,
            p.publisher,
        ]
        for p in items
    ]
    write_sheet(path, [*PUB_REQUIRED, *PUB_OPTIONAL], rows)
    return len(rows)
