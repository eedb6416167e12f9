"""Writes for rich items: attachments, 问答, the 主题分类 list, 索引号, kind rules, video embeds and
the sensitive-data scan of 初审. Keyword-only, atomic, audited; `services.py` calls the checks."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core import sensitive
from gongkai.core.actors import actor_name, is_person, require_write
from gongkai.core.audit import audit_record
from gongkai.core.choices import Role
from gongkai.core.errors import UserError

from . import attachments as files
from .choices import AttachmentRole, ItemKind
from .choices import PublicationStatus as S
from .models import Attachment, Publication, Question, SensitiveScan, TopicCategory
from .revisions import release_file
from .sanitize import clean_body

__all__ = ["clean_body"]


def _require_draft(actor, publication: Publication) -> Publication:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_write(actor, publication.agency, "公开信息")
    if publication.status != S.DRAFT:
        raise UserError(
            f"当前状态为“{publication.get_status_display()}”，只有拟稿可以修改附件和问答"
            "（审查中的请先退回）。"
        )
    return publication


# -- video embeds ---------------------------------------------------------------------------------
def normalise_embed(url: str) -> str:
    """An https URL on an allow-listed host (settings.PUBLICATION_EMBED_HOSTS), without fragment
    and user info; "" stays ""."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise UserError(f"视频嵌入地址“{url}”不是有效的网址。")
    allowed = [h.lower() for h in settings.PUBLICATION_EMBED_HOSTS]
    if host not in allowed:
        raise UserError(
            f"视频嵌入地址的网站“{host}”不在允许的视频平台名单中（{'、'.join(allowed)}）。"
        )
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(("https", host + port, parts.path or "/", parts.query, ""))


# -- 主题分类 ---------------------------------------------------------------------------------------
# 国务院公文主题分类-style headings; the county edits the list (admin / this service).
DEFAULT_TOPICS = [
    ("01", "综合政务"), ("02", "国民经济管理、国有资产监管"), ("03", "财政、金融、审计"),
    ("04", "国土资源、能源"), ("05", "农业、林业、水利"), ("06", "工业、交通"),
    ("07", "商贸、海关、旅游"), ("08", "市场监管、安全生产监管"), ("09", "城乡建设、环境保护"),
    ("10", "科技、教育"), ("11", "文化、广电、新闻出版"), ("12", "卫生、体育"),
    ("13", "人口与计划生育、妇女儿童工作"), ("14", "劳动、人事、监察"), ("15", "公安、安全、司法"),
    ("16", "民政、扶贫、救灾"), ("17", "民族、宗教"), ("18", "对外事务"),
    ("19", "港澳台侨工作"), ("20", "国防"), ("21", "其他"),
]  # fmt: skip


@transaction.atomic
def topic_category_save(
    *, actor, code: str, name: str, order: int = 0, active: bool = True
) -> TopicCategory:
    """Add or change one heading of the county's 主题分类 (县公开办 or an administrator)."""
    if is_person(actor) and not (
        actor.is_superuser or actor.role in (Role.COUNTY_OFFICE, Role.ADMIN)
    ):
        raise UserError("只有县公开办或管理员可以修改主题分类。")
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name:
        raise UserError("主题分类的代码和名称不能为空。")
    clash = TopicCategory.objects.filter(name=name).exclude(code=code).first()
    if clash:
        raise UserError(f"主题分类名称“{name}”已被代码 {clash.code} 使用。")
    topic, created = TopicCategory.objects.update_or_create(
        code=code, defaults={"name": name, "order": order, "active": active}
    )
    audit_record(
        actor=actor,
        action="topic.create" if created else "topic.update",
        obj=topic,
        new={"code": code, "name": name, "order": order, "active": active},
    )
    return topic


def topics_seed(*, actor) -> int:
    """The default list, for a new installation (keeps what the county changed)."""
    added = 0
    for i, (code, name) in enumerate(DEFAULT_TOPICS, start=1):
        if not TopicCategory.objects.filter(code=code).exists():
            topic_category_save(actor=actor, code=code, name=name, order=i)
            added += 1
    return added


# -- 索引号 -----------------------------------------------------------------------------------------
def agency_code(agency) -> str:
    return f"GK{agency.pk:04d}"


def assign_index_number(publication: Publication, year: int) -> str:
    """`<agency code>/<year>-<seq>`, given once (at the first publishing or import) and never
    changed. Unique in the database; the agency row is locked while the next number is taken."""
    if publication.index_number:
        return publication.index_number
    from gongkai.core.models import Agency

    Agency.objects.select_for_update().filter(pk=publication.agency_id).first()
    prefix = f"{agency_code(publication.agency)}/{year}-"
    last = Publication.objects.filter(index_number__startswith=prefix).aggregate(
        m=Max("index_number")
    )["m"]
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    publication.index_number = f"{prefix}{seq:05d}"
    Publication.objects.filter(pk=publication.pk).update(index_number=publication.index_number)
    return publication.index_number


# -- attachments ------------------------------------------------------------------------------------
@transaction.atomic
def attachment_add(
    *, actor, publication: Publication, role: str, name: str, data: bytes, alt_text: str = ""
) -> Attachment:
    publication = _require_draft(actor, publication)
    name = files.clean_name(name)
    mime = files.check_upload(role=role, name=name, data=data)
    alt_text = (alt_text or "").strip()
    if mime.startswith("image/") and role in (AttachmentRole.IMAGE, AttachmentRole.POSTER):
        if not alt_text:
            raise UserError(f"图片“{name}”缺少替代文字（供读屏软件朗读），请填写后再上传。")
    text = files.extract_text(mime, data, name)
    order = (publication.attachments.aggregate(m=Max("order"))["m"] or 0) + 1
    attachment = Attachment.objects.create(
        publication=publication,
        role=role,
        original_name=name,
        stored_name=files.store(data, mime),
        content_type=mime,
        size=len(data),
        alt_text=alt_text,
        text=text,
        order=order,
        uploaded_by=actor_name(actor),
    )
    audit_record(
        actor=actor,
        action="publication.attachment_add",
        obj=publication,
        new={"attachment": attachment.pk, "name": name, "role": role, "type": mime},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    _require_draft(actor, attachment.publication)
    audit_record(
        actor=actor,
        action="publication.attachment_remove",
        obj=attachment.publication,
        old={"attachment": attachment.pk, "name": attachment.original_name},
    )
    attachment.delete()
    release_file(attachment.stored_name)  # kept while a published copy still names it


# -- 问答 -------------------------------------------------------------------------------------------
@transaction.atomic
def questions_set(*, actor, publication: Publication, pairs: list[tuple[str, str]]) -> int:
    """Replace the questions and answers of a draft, in the order given; empty pairs are dropped."""
    publication = _require_draft(actor, publication)
    cleaned = []
    for i, (q, a) in enumerate(pairs, start=1):
        q, a = (q or "").strip(), (a or "").strip()
        if not q and not a:
            continue
        if not q or not a:
            raise UserError(f"第 {i} 组问答：问题和回答都要填写。")
        cleaned.append((q, a))
    old = list(publication.questions.values_list("question", flat=True))
    publication.questions.all().delete()
    Question.objects.bulk_create(
        Question(publication=publication, order=n, question=q, answer=a)
        for n, (q, a) in enumerate(cleaned, start=1)
    )
    audit_record(
        actor=actor,
        action="publication.questions_set",
        obj=publication,
        old={"questions": old},
        new={"questions": [q for q, _ in cleaned]},
    )
    return len(cleaned)


# -- the rules of each kind, checked when a draft is submitted --------------------------------------
def check_kind(publication: Publication) -> None:
    kind = publication.kind
    roles = list(publication.attachments.values_list("role", "alt_text"))
    if kind == ItemKind.IMAGES:
        images = [alt for role, alt in roles if role == AttachmentRole.IMAGE]
        if not images:
            raise UserError("图文信息至少需要一张图片。")
        if not all(alt.strip() for alt in images):
            raise UserError("图文信息的每张图片都要有替代文字。")
    elif kind == ItemKind.VIDEO:
        has_file = any(role == AttachmentRole.VIDEO for role, _ in roles)
        has_poster = any(role == AttachmentRole.POSTER for role, _ in roles)
        if not publication.video_embed_url and not has_file:
            raise UserError("视频信息需要上传视频文件（MP4/WebM），或填写允许平台的嵌入地址。")
        if has_file and not has_poster:
            raise UserError("上传的视频需要一张封面图片。")
    elif kind == ItemKind.QA and not publication.questions.exists():
        raise UserError("问答解读至少需要一组问题和回答。")
    if publication.interprets_id and publication.interprets.agency_id != publication.agency_id:
        raise UserError("只能解读本机关发布的政策文件。")


def check_links(publication: Publication, interprets: Publication | None) -> None:
    if interprets is None:
        return
    if interprets.pk == publication.pk:
        raise UserError("一条信息不能解读它自己。")
    if interprets.agency_id != publication.agency_id:
        raise UserError(f"“{interprets.title}”不是本机关的信息，不能作为解读对象。")


# -- sensitive-data scan (初审) ---------------------------------------------------------------------
def scan_text(publication: Publication) -> str:
    from gongkai.search.documents import plain_text

    parts = [publication.title, plain_text(publication.body)]
    parts += [f"{q.question}\n{q.answer}" for q in publication.questions.all()]
    parts += [a.text for a in publication.attachments.all() if a.text]
    parts += [a.original_name for a in publication.attachments.all()]
    return "\n".join(parts)


def sensitive_check(*, actor, publication: Publication, reason: str = "", at=None) -> SensitiveScan:
    """Run inside 初审 approval: a hit stops it unless the reviewer records why the data stays.
    The result (masked) is stored either way, as part of the 保密审查 record."""
    hits = sensitive.scan(scan_text(publication))
    reason = (reason or "").strip()
    passed = not hits or bool(reason)
    record = SensitiveScan.objects.create(
        publication=publication,
        at=at or timezone.now(),
        by=actor_name(actor),
        hits=len(hits),
        summary=sensitive.summary(hits),
        reason=reason if hits else "",
        passed=passed,
    )
    if not passed:
        raise UserError(
            f"敏感信息扫描发现：{sensitive.summary(hits)}。请退回拟稿人遮盖后重新提交，"
            "或在“保留理由”中写明依法需要公开的理由。"
        )
    return record


def latest_scans(publication: Publication, limit: int = 10) -> list[SensitiveScan]:
    return list(publication.sensitive_scans.order_by("-at", "-id")[:limit])
