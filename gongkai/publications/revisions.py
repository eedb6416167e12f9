"""The parts of a published item that live in their own rows (attachments — files, 图文 images with
their 替代文字, video files and posters — and 问答 pairs), carried into a revision and back.

Called inside `publication_start_revision` and `publication_publish` (their transaction, their audit
event). The fields on the item itself (text, metadata, 视频嵌入地址, the 解读 link) are copied with
EDITABLE_FIELDS in services.py.

Files are shared by reference, never copied: a stored file is written once under a random name and
never changed, so the revision's attachment row names the same file as the published one. A file
is deleted only once no row names it any more (`release_file`, after the commit), so removing an
attachment from the revision, or discarding the revision, never breaks the published copy.

Publishing a revision keeps the published rows of the attachments it kept (their download
addresses stay the same), drops those the editor removed, moves over those the editor added, and
replaces the 问答. Links in the body to attachments (`/publications/attachments/<id>/`) are rewritten
both ways.
"""

from __future__ import annotations

import re

from django.db import transaction

from . import attachments as files
from .models import Attachment, Publication, Question, SensitiveScan

_ATTACHMENT_LINK = re.compile(r"(/publications/attachments/)(\d+)(/)")


def relink(body: str, id_map: dict[int, int]) -> str:
    """The body with its links to attachment ids in `id_map` pointing at the mapped ids."""
    if not id_map or not body:
        return body

    def swap(match: re.Match) -> str:
        old = int(match.group(2))
        return f"{match.group(1)}{id_map.get(old, old)}{match.group(3)}"

    return _ATTACHMENT_LINK.sub(swap, body)


def copy_into_revision(*, published: Publication, revision: Publication) -> dict:
    """Give a new revision the published item's attachments (sharing their files) and 问答."""
    id_map = {}
    for a in published.attachments.all():
        copy = Attachment.objects.create(
            publication=revision,
            **{f: getattr(a, f) for f in _ATTACHMENT_FIELDS},
        )
        Attachment.objects.filter(pk=copy.pk).update(uploaded_at=a.uploaded_at)
        id_map[a.pk] = copy.pk
    questions = [
        Question(publication=revision, order=q.order, question=q.question, answer=q.answer)
        for q in published.questions.all()
    ]
    Question.objects.bulk_create(questions)
    body = relink(revision.body, id_map)
    if body != revision.body:
        revision.body = body
        Publication.objects.filter(pk=revision.pk).update(body=body)
    return {"attachments": len(id_map), "questions": len(questions)}


def merge_into_published(*, revision: Publication, published: Publication) -> dict:
    """At publishing: the published item takes the revision's attachments, 问答 and 保密审查 scans.
    `published` already carries the revision's fields (its body is relinked and saved here)."""
    kept = {a.stored_name: a for a in published.attachments.all()}
    id_map: dict[int, int] = {}
    added = []
    for a in revision.attachments.all():
        old = kept.pop(a.stored_name, None)
        if old is None:  # uploaded in the revision: moves over with its id
            Attachment.objects.filter(pk=a.pk).update(publication=published)
            added.append(a.original_name)
            continue
        Attachment.objects.filter(pk=old.pk).update(role=a.role, alt_text=a.alt_text, order=a.order)
        id_map[a.pk] = old.pk
        a.delete()
    removed = list(kept.values())
    for a in removed:
        a.delete()
        release_file(a.stored_name)

    published.questions.all().delete()
    revision.questions.update(publication=published)
    SensitiveScan.objects.filter(publication=revision).update(publication=published)
    body = relink(published.body, id_map)
    if body != published.body:
        published.body = body
        Publication.objects.filter(pk=published.pk).update(body=body)
    return {
        "attachments_added": added,
        "attachments_removed": [a.original_name for a in removed],
        "questions": published.questions.count(),
    }


def release_file(stored_name: str) -> None:
    """Delete a stored file once the transaction commits, if no attachment row names it then."""

    def delete_if_unused() -> None:
        if not Attachment.objects.filter(stored_name=stored_name).exists():
            files.path_of(stored_name).unlink(missing_ok=True)

    transaction.on_commit(delete_if_unused)


_ATTACHMENT_FIELDS = (
    "role",
    "original_name",
    "stored_name",
    "content_type",
    "size",
    "alt_text",
    "text",
    "order",
    "uploaded_by",
)
