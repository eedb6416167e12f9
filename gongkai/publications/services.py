"""All writes to the catalogue, publications and the register of normative documents.

Each service is keyword-only, atomic and writes its audit event in the same transaction. `actor` is a
User (permissions enforced) or a string naming a system actor ("命令行", "演示数据", "台账导入").
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.actors import actor_name, is_person, require_review, require_write
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.ledgers import ids_changed_outside_imports
from gongkai.core.models import Agency

from .choices import DisclosureAttribute, DocumentKind, ReviewDecision, ReviewStage
from .choices import PublicationStatus as S
from .models import CatalogueColumn, NormativeDocument, Publication, ReviewRecord
from .transitions import next_status


# -- catalogue ------------------------------------------------------------------------------------
@transaction.atomic
def catalogue_column_add(*, actor, agency: Agency, name: str, order: int | None = None):
    require_write(actor, agency, "公开信息")
    name = (name or "").strip()
    if not name:
        raise UserError("栏目名称不能为空。")
    existing = CatalogueColumn.objects.filter(agency=agency, name=name).first()
    if existing:
        return existing
    if order is None:
        order = CatalogueColumn.objects.filter(agency=agency).count() + 1
    column = CatalogueColumn.objects.create(agency=agency, name=name, order=order)
    audit_record(actor=actor, action="catalogue.column_add", obj=column, new={"name": name})
    return column


# -- publications ---------------------------------------------------------------------------------
@transaction.atomic
def publication_create(
    *,
    actor,
    agency: Agency,
    column: CatalogueColumn | str,
    title: str,
    body: str = "",
    doc_number: str = "",
    formed_on: datetime.date | None = None,
    publisher: str = "",
    attribute: str = DisclosureAttribute.PROACTIVE,
    withheld_reason: str = "",
) -> Publication:
    require_write(actor, agency, "公开信息")
    if isinstance(column, str):
        column = catalogue_column_add(actor=actor, agency=agency, name=column)
    if column.agency_id != agency.pk:
        raise UserError("栏目不属于该机关。")
    title = (title or "").strip()
    if not title:
        raise UserError("标题不能为空。")
    if attribute not in DisclosureAttribute.values:
        raise UserError(f"公开属性“{attribute}”无效。")
    if attribute == DisclosureAttribute.WITHHELD and not withheld_reason.strip():
        raise UserError("公开属性为“不予公开”时必须写明理由。")
    publication = Publication.objects.create(
        agency=agency,
        column=column,
        title=title,
        body=body,
        doc_number=doc_number.strip(),
        formed_on=formed_on,
        publisher=publisher.strip(),
        attribute=attribute,
        withheld_reason=withheld_reason.strip(),
        created_by=actor_name(actor),
    )
    audit_record(
        actor=actor,
        action="publication.create",
        obj=publication,
        new={"title": title, "column": column.name, "attribute": attribute},
    )
    return publication


EDITABLE_FIELDS = (
    "column",
    "title",
    "body",
    "doc_number",
    "formed_on",
    "attribute",
    "withheld_reason",
)


@transaction.atomic
def publication_update(
    *,
    actor,
    publication: Publication,
    column: CatalogueColumn | str,
    title: str,
    body: str = "",
    doc_number: str = "",
    formed_on: datetime.date | None = None,
    attribute: str = DisclosureAttribute.PROACTIVE,
    withheld_reason: str = "",
) -> Publication:
    """Edit a draft (拟稿). Items under review or published are not edited here."""
    publication = _locked(publication)
    require_write(actor, publication.agency, "公开信息")
    if publication.status != S.DRAFT:
        raise UserError(
            f"当前状态为“{publication.get_status_display()}”，只有拟稿状态的信息可以修改。"
        )
    title = (title or "").strip()
    if not title:
        raise UserError("标题不能为空。")
    if attribute not in DisclosureAttribute.values:
        raise UserError(f"公开属性“{attribute}”无效。")
    if attribute == DisclosureAttribute.WITHHELD and not withheld_reason.strip():
        raise UserError("公开属性为“不予公开”时必须写明理由。")
    if isinstance(column, str):
        column = catalogue_column_add(actor=actor, agency=publication.agency, name=column)
    if column.agency_id != publication.agency_id:
        raise UserError("栏目不属于该机关。")
    new = {
        "column": column,
        "title": title,
        "body": body,
        "doc_number": doc_number.strip(),
        "formed_on": formed_on,
        "attribute": attribute,
        "withheld_reason": withheld_reason.strip(),
    }
    old = {k: getattr(publication, k) for k in EDITABLE_FIELDS}
    changed = [k for k in EDITABLE_FIELDS if old[k] != new[k]]
    if not changed:
        return publication
    for k, v in new.items():
        setattr(publication, k, v)
    publication.save()

    def plain(v):
        return v.name if isinstance(v, CatalogueColumn) else v

    audit_record(
        actor=actor,
        action="publication.update",
        obj=publication,
        old={k: plain(old[k]) for k in changed},
        new={k: plain(new[k]) for k in changed},
    )
    return publication


def _move(
    *,
    actor,
    publication: Publication,
    action: str,
    stage: str,
    decision: str,
    note: str,
    secrecy_checked: bool = False,
    at=None,
) -> Publication:
    old = publication.status
    publication.status = next_status(old, action)
    ReviewRecord.objects.create(
        publication=publication,
        stage=stage,
        decision=decision,
        reviewer=actor if is_person(actor) else None,
        reviewer_label=actor_name(actor),
        at=at or timezone.now(),
        note=note,
        secrecy_checked=secrecy_checked,
    )
    publication.save()
    audit_record(
        actor=actor,
        action=f"publication.{action}",
        obj=publication,
        old={"status": old},
        new={"status": publication.status, "note": note},
    )
    return publication


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


@transaction.atomic
def publication_submit(*, actor, publication: Publication, note: str = "", at=None) -> Publication:
    publication = _locked(publication)
    require_write(actor, publication.agency, "公开信息")
    if publication.attribute != DisclosureAttribute.PROACTIVE:
        raise UserError("只有公开属性为“主动公开”的信息才能提交发布审查。")
    return _move(
        actor=actor,
        publication=publication,
        action="submit",
        stage=ReviewStage.SUBMIT,
        decision=ReviewDecision.APPROVE,
        note=note,
        at=at,
    )


@transaction.atomic
def publication_review(
    *,
    actor,
    publication: Publication,
    stage: str,
    approve: bool,
    note: str = "",
    secrecy_checked: bool = False,
    at=None,
) -> Publication:
    """初审 (stage="first", 办公室主任) or 终审 (stage="final", 分管领导). 初审 passes only with a
    recorded 保密审查 (Art. 17: 先审查、后公开)."""
    publication = _locked(publication)
    if stage not in ("first", "final"):
        raise UserError(f"审查环节“{stage}”无效。")
    require_review(actor, publication.agency, stage)
    if stage == "first" and approve and not secrecy_checked:
        raise UserError("初审通过前必须确认已完成保密审查（先审查、后公开）。")
    if not approve and not note.strip():
        raise UserError("退回时请写明意见。")
    action = f"{stage}_{'approve' if approve else 'reject'}"
    if stage == "final" and approve and _final_approved(publication):
        raise UserError("该信息已终审通过，待发布。")
    publication = _move(
        actor=actor,
        publication=publication,
        action=action,
        stage=stage,
        decision=ReviewDecision.APPROVE if approve else ReviewDecision.REJECT,
        note=note,
        secrecy_checked=secrecy_checked,
        at=at,
    )
    if stage == "first" and approve:
        publication.secrecy_checked_at = at or timezone.now()
        publication.secrecy_checked_by = actor_name(actor)
        publication.save(update_fields=["secrecy_checked_at", "secrecy_checked_by"])
    return publication


def _final_approved(publication: Publication) -> bool:
    """Whether the latest decision since the last submission is an approving 终审."""
    last = publication.reviews.exclude(stage=ReviewStage.PUBLISH).order_by("-at", "-id").first()
    return bool(
        last and last.stage == ReviewStage.FINAL and last.decision == ReviewDecision.APPROVE
    )


@transaction.atomic
def publication_publish(
    *, actor, publication: Publication, published_on: datetime.date | None = None, at=None
) -> Publication:
    publication = _locked(publication)
    require_write(actor, publication.agency, "公开信息")
    if publication.status == S.FINAL_REVIEW and not _final_approved(publication):
        raise UserError("尚未终审通过，不能发布。")
    publication.published_on = published_on or timezone.localdate()
    return _move(
        actor=actor,
        publication=publication,
        action="publish",
        stage=ReviewStage.PUBLISH,
        decision=ReviewDecision.APPROVE,
        note="",
        at=at,
    )


# -- register of rules and normative documents -----------------------------------------------------
@transaction.atomic
def document_register(
    *,
    actor,
    agency: Agency,
    doc_number: str,
    title: str,
    kind: str,
    issued_on: datetime.date,
    abolished_on: datetime.date | None = None,
    imported: bool = False,
) -> NormativeDocument:
    """A normative document registered on the platform, or (`imported`) from the ledger."""
    require_write(actor, agency, "公开信息")
    doc_number, title = (doc_number or "").strip(), (title or "").strip()
    if not doc_number or not title:
        raise UserError("文号和标题不能为空。")
    if kind not in DocumentKind.values:
        raise UserError(f"类型“{kind}”无效，应为规章或行政规范性文件。")
    if kind == DocumentKind.RULES and not agency.may_make_rules:
        raise UserError(f"“{agency.name}”无权制定规章。")
    if abolished_on and abolished_on < issued_on:
        raise UserError("废止日期不能早于制发日期。")
    try:
        with transaction.atomic():
            document = NormativeDocument.objects.create(
                agency=agency,
                doc_number=doc_number,
                title=title,
                kind=kind,
                issued_on=issued_on,
                abolished_on=abolished_on,
            )
    except IntegrityError as exc:
        raise UserError(f"文号“{doc_number}”在本机关已登记。") from exc
    audit_record(
        actor=actor,
        action="document.import" if imported else "document.register",
        obj=document,
        new={
            "doc_number": doc_number,
            "title": title,
            "kind": kind,
            "issued_on": issued_on,
            "abolished_on": abolished_on,
        },
    )
    return document


@transaction.atomic
def document_abolish(
    *, actor, document: NormativeDocument, abolished_on: datetime.date
) -> NormativeDocument:
    document = NormativeDocument.objects.select_for_update().get(pk=document.pk)
    require_write(actor, document.agency, "公开信息")
    if document.abolished_on:
        raise UserError(f"“{document.title}”已于 {document.abolished_on} 废止。")
    if abolished_on < document.issued_on:
        raise UserError("废止日期不能早于制发日期。")
    document.abolished_on = abolished_on
    document.save(update_fields=["abolished_on"])
    audit_record(
        actor=actor,
        action="document.abolish",
        obj=document,
        old={"abolished_on": None},
        new={"abolished_on": abolished_on},
    )
    return document


# -- ledger imports (one row each; the caller holds the all-or-nothing transaction) -----------------
DOCUMENT_FIELDS = ("title", "kind", "issued_on", "abolished_on")


@transaction.atomic
def document_upsert(
    *,
    actor,
    agency: Agency,
    doc_number: str,
    title: str,
    kind: str,
    issued_on: datetime.date,
    abolished_on: datetime.date | None,
) -> str:
    """Create or update the document with this 文号; returns "created", "updated" or "unchanged"."""
    document = (
        NormativeDocument.objects.select_for_update()
        .filter(agency=agency, doc_number=doc_number)
        .first()
    )
    if document is None:
        document_register(
            actor=actor,
            agency=agency,
            doc_number=doc_number,
            title=title,
            kind=kind,
            issued_on=issued_on,
            abolished_on=abolished_on,
            imported=True,
        )
        return "created"
    require_write(actor, agency, "公开信息")
    new = {"title": title, "kind": kind, "issued_on": issued_on, "abolished_on": abolished_on}
    old = {k: getattr(document, k) for k in DOCUMENT_FIELDS}
    if old == new:
        return "unchanged"
    if ids_changed_outside_imports(
        NormativeDocument, agency, DOCUMENT_IMPORT_ACTIONS, only=document.pk
    ):
        raise UserError(
            f"文件“{doc_number}”已在平台上登记或修改，导入不能修改它；"
            "请在平台上修改，或从台账中删去这一行。"
        )
    for k, v in new.items():
        setattr(document, k, v)
    document.save()
    changed = [k for k in DOCUMENT_FIELDS if old[k] != new[k]]
    audit_record(
        actor=actor,
        action="document.import_update",
        obj=document,
        old={k: old[k] for k in changed},
        new={k: new[k] for k in changed},
    )
    return "updated"


PUBLICATION_LEDGER_FIELDS = ("title", "published_on", "formed_on", "doc_number", "publisher")
# Audited actions of ledger imports; any other write means the record is inside the workflow.
PUBLICATION_IMPORT_ACTIONS = ("publication.import", "publication.import_update")
DOCUMENT_IMPORT_ACTIONS = ("document.import", "document.import_update")


@transaction.atomic
def publication_upsert_published(
    *,
    actor,
    agency: Agency,
    column_name: str,
    title: str,
    published_on: datetime.date,
    formed_on: datetime.date | None = None,
    doc_number: str = "",
    publisher: str = "",
) -> str:
    """An item from the 主动公开信息台账: the same Publication record, status 已发布, with an import
    entry in its review record. Keyed by 文号 when given, else by (标题, 发布日期, 栏目)."""
    require_write(actor, agency, "公开信息")
    column = catalogue_column_add(actor=actor, agency=agency, name=column_name)
    existing = Publication.objects.select_for_update().filter(agency=agency)
    if doc_number:
        existing = existing.filter(doc_number=doc_number)
    else:
        existing = existing.filter(title=title, published_on=published_on, column=column)
    publication = existing.first()
    new = {
        "title": title,
        "published_on": published_on,
        "formed_on": formed_on,
        "doc_number": doc_number,
        "publisher": publisher,
    }
    if publication is None:
        publication = Publication.objects.create(
            agency=agency, column=column, status=S.PUBLISHED, created_by=actor_name(actor), **new
        )
        ReviewRecord.objects.create(
            publication=publication,
            stage=ReviewStage.IMPORT,
            reviewer_label=actor_name(actor),
            at=timezone.now(),
            note="由主动公开信息台账导入",
        )
        audit_record(
            actor=actor,
            action="publication.import",
            obj=publication,
            new={**new, "column": column.name},
        )
        return "created"
    old = {k: getattr(publication, k) for k in PUBLICATION_LEDGER_FIELDS}
    old_column = publication.column.name
    if old == new and old_column == column.name:
        return "unchanged"
    reviewed = publication.reviews.exclude(stage=ReviewStage.IMPORT).exists()
    if reviewed or ids_changed_outside_imports(
        Publication, agency, PUBLICATION_IMPORT_ACTIONS, only=publication.pk
    ):
        raise UserError(
            f"信息“{publication.title}”已在平台上审核或修改（当前状态：{publication.get_status_display()}），"
            "导入不能修改它；请在平台上办理，或从台账中删去这一行。"
        )
    for k, v in new.items():
        setattr(publication, k, v)
    publication.column = column
    publication.save()
    changed = [k for k in PUBLICATION_LEDGER_FIELDS if old[k] != new[k]]
    audit_record(
        actor=actor,
        action="publication.import_update",
        obj=publication,
        old={**{k: old[k] for k in changed}, "column": old_column},
        new={**{k: new[k] for k in changed}, "column": column.name},
    )
    return "updated"
