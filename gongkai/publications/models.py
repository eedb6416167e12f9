import datetime

from django.db import models

from gongkai.core.models import Agency

from .choices import (
    PROACTIVE_DEADLINE_WORKING_DAYS,
    DisclosureAttribute,
    DocumentKind,
    PublicationStatus,
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
