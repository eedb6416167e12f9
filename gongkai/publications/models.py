import datetime

from django.db import models

from gongkai.core.models import Agency

from .choices import (
    PROACTIVE_DEADLINE_WORKING_DAYS,
    AttachmentRole,
    DisclosureAttribute,
    DocumentKind,
    ItemKind,
    PublicationStatus,
    Validity,
)

PROTECTED_STATUSES = (
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWAL_FIRST,
    PublicationStatus.WITHDRAWAL_FINAL,
    PublicationStatus.WITHDRAWN,
)


class PublicationQuerySet(models.QuerySet):
    def delete(self):
        if self.filter(status__in=PROTECTED_STATUSES, revises__isnull=True).exists():
            raise ValueError("已发布的信息不能删除；请通过“申请撤回”办理。")
        return super().delete()


class CatalogueColumn(models.Model):
    """One column (栏目) of an agency's 政府信息公开目录, e.g. 通知公告, 乡村振兴."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="catalogue_columns"
    )
    name = models.CharField("栏目名称", max_length=50)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "公开目录栏目"
        verbose_name_plural = "公开目录栏目"
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="catalogue_column_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class TopicCategory(models.Model):
    """主题分类: the county's list (seeded from the 国务院公文主题分类 headings, editable)."""

    code = models.CharField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """One item of government information published (or being prepared) proactively."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="publications"
    )
    column = models.ForeignKey(
        CatalogueColumn, verbose_name="栏目", on_delete=models.PROTECT, related_name="publications"
    )
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    formed_on = models.DateField("成文日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    publisher = models.CharField("发布机构", max_length=100, blank=True)
    attribute = models.CharField(
        "公开属性",
        max_length=20,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
    )
    withheld_reason = models.CharField("不予公开理由", max_length=200, blank=True)
    kind = models.CharField(
        "信息形式", max_length=10, choices=ItemKind.choices, default=ItemKind.TEXT
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    index_number = models.CharField(
        "索引号", max_length=40, null=True, blank=True, editable=False, unique=True
    )
    topic = models.ForeignKey(
        TopicCategory,
        verbose_name="主题分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    normative_document = models.ForeignKey(
        "NormativeDocument",
        verbose_name="对应的规范性文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    video_embed_url = models.CharField("视频嵌入地址", max_length=500, blank=True)
    status = models.CharField(
        "状态",
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        editable=False,
    )
    revises = models.ForeignKey(
        "self",
        verbose_name="修改的已发布信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        editable=False,
    )
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField("撤回理由", blank=True, editable=False)
    secrecy_checked_at = models.DateTimeField("保密审查时间", null=True, blank=True, editable=False)
    secrecy_checked_by = models.CharField("保密审查人", max_length=100, blank=True, editable=False)
    created_by = models.CharField("拟稿人", max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(
                fields=["agency", "status", "published_on"], name="pub_agency_status_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def delete(self, *args, **kwargs):
        if self.status in PROTECTED_STATUSES and self.revises_id is None:
            raise ValueError("已发布的信息不能删除；请通过“申请撤回”办理。")
        return super().delete(*args, **kwargs)

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.agency.name

    def deadline(self) -> datetime.date | None:
        """Art. 26: publish within 20 working days of the information being formed."""
        if not self.formed_on:
            return None
        from gongkai.calendars.selectors import get_calendar
        from gongkai.calendars.workdays import CalendarMissing

        try:
            return get_calendar().add_working_days(self.formed_on, PROACTIVE_DEADLINE_WORKING_DAYS)
        except CalendarMissing:
            return None

    def timeliness(self) -> str:
        """ "按时" / "超期" / "" (unknown: no 成文日期 or no calendar)."""
        deadline = self.deadline()
        if deadline is None:
            return ""
        when = self.published_on or datetime.date.today()
        if when <= deadline:
            return "按时" if self.published_on else ""
        return "超期"


class NormativeDocument(models.Model):
    """A 规章 or 行政规范性文件 (Table 2 第二十条第（一）项)."""

    agency = models.ForeignKey(
        Agency, verbose_name="制发机关", on_delete=models.PROTECT, related_name="documents"
    )
    doc_number = models.CharField("文号", max_length=100)
    title = models.CharField("标题", max_length=300)
    kind = models.CharField("类型", max_length=20, choices=DocumentKind.choices)
    issued_on = models.DateField("制发日期")
    abolished_on = models.DateField("废止日期", null=True, blank=True)

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ["agency", "-issued_on"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "doc_number"], name="document_unique_number")
        ]
        indexes = [
            models.Index(fields=["agency", "kind", "issued_on"], name="doc_agency_kind_issued"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.doc_number}）"


class Attachment(models.Model):
    """A file of a publication, stored under the data directory with a generated name; the
    original (Chinese) file name is kept for the download."""

    publication = models.ForeignKey(
        Publication, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments"
    )
    role = models.CharField("用途", max_length=10, choices=AttachmentRole.choices)
    original_name = models.CharField("文件名", max_length=255)
    # A revision's row names the same file as the published one (revisions.py): not unique.
    stored_name = models.CharField("存储名", max_length=80, db_index=True, editable=False)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    alt_text = models.CharField("替代文字", max_length=300, blank=True)
    text = models.TextField("提取的文字", blank=True, editable=False)
    order = models.PositiveSmallIntegerField("排序", default=0)
    uploaded_by = models.CharField("上传人", max_length=100, blank=True, editable=False)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["publication", "order", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Question(models.Model):
    """One question and answer of a 问答 interpretation, in order."""

    publication = models.ForeignKey(
        Publication, verbose_name="信息", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("序号")
    question = models.CharField("问题", max_length=500)
    answer = models.TextField("回答")

    class Meta:
        verbose_name = "问答"
        verbose_name_plural = "问答"
        ordering = ["publication", "order"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "order"], name="question_unique_order")
        ]

    def __str__(self) -> str:
        return self.question


class SensitiveScan(models.Model):
    """The sensitive-data part of the 保密审查 record of one 初审 (never public)."""

    publication = models.ForeignKey(
        Publication, verbose_name="信息", on_delete=models.CASCADE, related_name="sensitive_scans"
    )
    at = models.DateTimeField("扫描时间")
    by = models.CharField("审查人", max_length=100)
    hits = models.PositiveIntegerField("发现处数")
    summary = models.TextField("发现内容（已遮盖）", blank=True)
    reason = models.TextField("保留理由", blank=True)
    passed = models.BooleanField("通过")

    class Meta:
        verbose_name = "敏感信息扫描记录"
        verbose_name_plural = "敏感信息扫描记录"
        ordering = ["publication", "at", "id"]

    def __str__(self) -> str:
        return f"{self.publication_id} {self.at:%Y-%m-%d %H:%M}"
