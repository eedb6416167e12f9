"""All writes to the catalogue, publications and the register of normative documents.

Each service is keyword-only, atomic and writes its audit event in the same transaction. `actor` is a
User (permissions enforced) or a string naming a system actor ("命令行", "演示数据", "台账导入").
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.actors import actor_name, require_write
from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.ledgers import ids_changed_outside_imports
from gongkai.core.models import Agency
from gongkai.reviews.choices import Stage
from gongkai.reviews.models import ReviewRecord
from gongkai.reviews.services import current_round, review_edited, review_move

from . import revisions
from .choices import DisclosureAttribute, DocumentKind
from .choices import PublicationStatus as S
from .models import CatalogueColumn, NormativeDocument, Publication, TopicCategory
from .review import PUBLICATION
from .rich_services import (
    assign_index_number,
    check_kind,
    check_links,
    clean_body,
    normalise_embed,
    sensitive_check,
)


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
    **rich,
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
    rich = _rich_fields(agency, rich)
    publication = Publication.objects.create(
        agency=agency,
        column=column,
        title=title,
        body=clean_body(body),
        doc_number=doc_number.strip(),
        formed_on=formed_on,
        publisher=publisher.strip(),
        attribute=attribute,
        withheld_reason=withheld_reason.strip(),
        created_by=actor_name(actor),
        **rich,
    )
    audit_record(
        actor=actor,
        action="publication.create",
        obj=publication,
        new={"title": title, "column": column.name, "attribute": attribute},
    )
    return publication


RICH_FIELDS = (
    "kind",
    "validity",
    "topic",
    "normative_document",
    "interprets",
    "video_embed_url",
)
EDITABLE_FIELDS = (
    "column",
    "title",
    "body",
    "doc_number",
    "formed_on",
    "attribute",
    "withheld_reason",
    *RICH_FIELDS,
)


def _rich_fields(agency: Agency, rich: dict) -> dict:
    """Check the rich-item fields (kind, validity, 主题分类, 规范性文件, 解读对象, 视频嵌入地址)."""
    from .choices import ItemKind, Validity

    unknown = set(rich) - set(RICH_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    out = dict(rich)
    if out.get("kind", ItemKind.TEXT) not in ItemKind.values:
        raise UserError(f"信息形式“{out['kind']}”无效。")
    if out.get("validity", Validity.VALID) not in Validity.values:
        raise UserError(f"有效性“{out['validity']}”无效。")
    topic = out.get("topic")
    if topic is not None and not isinstance(topic, TopicCategory):
        raise UserError("主题分类无效。")
    document = out.get("normative_document")
    if document is not None and document.agency_id != agency.pk:
        raise UserError(f"规范性文件“{document}”不是本机关制发的。")
    interprets = out.get("interprets")
    if interprets is not None and interprets.agency_id != agency.pk:
        raise UserError(f"“{interprets.title}”不是本机关的信息，不能作为解读对象。")
    if "video_embed_url" in out:
        out["video_embed_url"] = normalise_embed(out["video_embed_url"])
    return out


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
    **rich,
) -> Publication:
    """Edit a draft (拟稿), or an approved item (it goes back to 初审). Items under review are
    returned first; a published item is changed through a revision (publication_start_revision)."""
    publication = _locked(publication)
    require_write(actor, publication.agency, "公开信息")
    if publication.status not in (S.DRAFT, S.APPROVED):
        raise UserError(
            f"当前状态为“{publication.get_status_display()}”，只有拟稿或已审定的信息可以修改"
            "（审查中的请先退回；已发布的请“发起修改”）。"
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
    rich = _rich_fields(publication.agency, rich)
    check_links(publication, rich.get("interprets"))
    new = {
        "column": column,
        "title": title,
        "body": clean_body(body),
        "doc_number": doc_number.strip(),
        "formed_on": formed_on,
        "attribute": attribute,
        "withheld_reason": withheld_reason.strip(),
        **rich,
    }
    old = {k: getattr(publication, k) for k in new}
    changed = [k for k in new if old[k] != new[k]]
    if not changed:
        return publication
    review_edited(actor=actor, subject_type=PUBLICATION, subject=publication)
    for k, v in new.items():
        setattr(publication, k, v)
    publication.save()

    def plain(v):
        return v.name if isinstance(v, CatalogueColumn) else (str(v) if v is not None else None)

    audit_record(
        actor=actor,
        action="publication.update",
        obj=publication,
        old={k: plain(old[k]) for k in changed},
        new={k: plain(new[k]) for k in changed},
    )
    return publication


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


@transaction.atomic
def publication_submit(*, actor, publication: Publication, note: str = "", at=None) -> Publication:
    publication = _locked(publication)
    if publication.attribute != DisclosureAttribute.PROACTIVE:
        raise UserError("只有公开属性为“主动公开”的信息才能提交发布审查。")
    if publication.status == S.DRAFT:
        check_kind(publication)
    review_move(
        actor=actor,
        subject_type=PUBLICATION,
        subject=publication,
        action="submit",
        note=note,
        at=at,
    )
    return publication


@transaction.atomic
def publication_review(
    *,
    actor,
    publication: Publication,
    stage: str,
    approve: bool,
    note: str = "",
    secrecy_checked: bool = False,
    sensitive_reason: str = "",
    at=None,
) -> Publication:
    """初审 (stage="first", 办公室主任) or 终审 (stage="final", 分管领导), of a draft or of a
    withdrawal. 初审 of a draft passes only with a recorded 保密审查 (Art. 17: 先审查、后公开)."""
    publication = _locked(publication)
    if stage not in ("first", "final"):
        raise UserError(f"审查环节“{stage}”无效。")
    withdrawal = publication.status == S.WITHDRAWAL_FINAL
    if stage == "first" and approve and publication.status == S.FIRST_REVIEW:
        # The sensitive-data scan is part of the 保密审查: a hit blocks 初审 (rich_services).
        # Only the 初审 reviewer learns what the scan found.
        from gongkai.reviews.permissions import require_review

        require_review(actor, publication.agency, "first")
        sensitive_check(actor=actor, publication=publication, reason=sensitive_reason, at=at)
    new = review_move(
        actor=actor,
        subject_type=PUBLICATION,
        subject=publication,
        action=f"{stage}_{'approve' if approve else 'reject'}",
        note=note,
        secrecy_checked=secrecy_checked,
        at=at,
    )
    if new == S.FINAL_REVIEW:
        publication.secrecy_checked_at = at or timezone.now()
        publication.secrecy_checked_by = actor_name(actor)
        publication.save(update_fields=["secrecy_checked_at", "secrecy_checked_by"])
    if withdrawal and new == S.WITHDRAWN:
        request = next(
            r for r in current_round(PUBLICATION, publication) if r.stage == Stage.WITHDRAW
        )
        publication.withdrawn_on = timezone.localdate(at) if at else timezone.localdate()
        publication.withdrawal_reason = request.note
        publication.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        _announce(publication)
    return publication


def _announce(publication: Publication, *, was_published_on: datetime.date | None = None) -> None:
    """What the public sees of this item changed (published, revised, withdrawn, imported): the
    search index, the public page cache and the county's monthly summary (of the month it was and
    is published in) follow, in the same transaction."""
    from gongkai.portal.cache import public_changed_on_commit
    from gongkai.search.services import index_publication
    from gongkai.supervision.summary import publication_months_recount

    index_publication(publication)
    public_changed_on_commit(publication.agency_id)
    publication_months_recount(
        agency_id=publication.agency_id, days=(publication.published_on, was_published_on)
    )


@transaction.atomic
def publication_publish(
    *, actor, publication: Publication, published_on: datetime.date | None = None, at=None
) -> Publication:
    """Publish an approved item. An approved revision replaces the text of the item it revises
    (same public address); its review records join that item's history."""
    publication = _locked(publication)
    published_on = published_on or timezone.localdate()
    review_move(
        actor=actor,
        subject_type=PUBLICATION,
        subject=publication,
        action="publish",
        at=at,
        extra={"published_on": published_on},
    )
    if publication.revises_id is None:
        publication.published_on = published_on
        publication.save(update_fields=["published_on"])
        assign_index_number(publication, published_on.year)
        _announce(publication)
        return publication
    original = _locked(publication.revises)
    old = {k: getattr(original, k) for k in EDITABLE_FIELDS}
    for k in EDITABLE_FIELDS:
        setattr(original, k, getattr(publication, k))
    original.secrecy_checked_at = publication.secrecy_checked_at
    original.secrecy_checked_by = publication.secrecy_checked_by
    original.save()
    parts = revisions.merge_into_published(revision=publication, published=original)
    ReviewRecord.objects.filter(publication=publication).update(publication=original)
    audit_record(
        actor=actor,
        action="publication.revision_publish",
        obj=original,
        old={k: str(v) for k, v in old.items()},
        new={**{k: str(getattr(original, k)) for k in EDITABLE_FIELDS}, **parts},
    )
    publication.delete()
    _announce(original)
    return original


@transaction.atomic
def publication_start_revision(*, actor, publication: Publication, note: str = "") -> Publication:
    """修改已发布信息: a draft copy that goes through 初审 and 终审; the public keeps seeing the
    published text until the revision is published."""
    publication = _locked(publication)
    require_write(actor, publication.agency, "公开信息")
    if publication.status != S.PUBLISHED:
        raise UserError(
            f"当前状态为“{publication.get_status_display()}”，只有已发布的信息可以发起修改。"
        )
    open_revision = publication.revisions.first()
    if open_revision is not None:
        raise UserError(f"该信息已有一份修改稿（编号 {open_revision.pk}），请在修改稿上继续办理。")
    revision = Publication.objects.create(
        agency=publication.agency,
        revises=publication,
        created_by=actor_name(actor),
        publisher=publication.publisher,
        **{k: getattr(publication, k) for k in EDITABLE_FIELDS},
    )
    parts = revisions.copy_into_revision(published=publication, revision=revision)
    audit_record(
        actor=actor,
        action="publication.start_revision",
        obj=revision,
        new={"revises": publication.pk, "note": note, **parts},
    )
    return revision


@transaction.atomic
def publication_withdraw_request(
    *, actor, publication: Publication, reason: str, at=None
) -> Publication:
    """撤回: asks for the withdrawal of a published item; 初审 and 终审 decide. The reason is shown
    on the item's public page once the withdrawal is approved."""
    publication = _locked(publication)
    if publication.revisions.exists():
        raise UserError("该信息有未完成的修改稿，请先办结或删除修改稿再申请撤回。")
    review_move(
        actor=actor,
        subject_type=PUBLICATION,
        subject=publication,
        action="withdraw_request",
        note=reason,
        at=at,
    )
    return publication


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
        assign_index_number(publication, published_on.year)
        ReviewRecord.objects.create(
            publication=publication,
            stage=Stage.IMPORT,
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
        _announce(publication)
        return "created"
    old = {k: getattr(publication, k) for k in PUBLICATION_LEDGER_FIELDS}
    old_column = publication.column.name
    if old == new and old_column == column.name:
        return "unchanged"
    reviewed = publication.reviews.exclude(stage=Stage.IMPORT).exists()
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
    _announce(publication, was_published_on=old["published_on"])
    return "updated"
