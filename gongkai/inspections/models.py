"""Checklists (edited by the county), self-inspection runs and their findings, link-check results."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.core.models import Agency

from .choices import RECTIFY_WORKING_DAYS, CheckKind, FindingStatus, LinkOrigin


class Checklist(models.Model):
    """A county's self-inspection checklist; every agency in the county's tree uses it."""

    county = models.OneToOneField(
        Agency, verbose_name="县级政府", on_delete=models.PROTECT, related_name="checklist"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "自查清单"
        verbose_name_plural = "自查清单"

    def __str__(self) -> str:
        return f"{self.county.name}自查清单"


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(
        Checklist, verbose_name="清单", on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField("检查项", max_length=30, choices=CheckKind.choices)
    enabled = models.BooleanField("启用", default=True)
    rectify_days = models.PositiveSmallIntegerField(
        "整改期限（工作日）", default=RECTIFY_WORKING_DAYS
    )
    areas = models.TextField(
        "标准目录领域",
        blank=True,
        help_text="仅用于“公开目录完整性”：每行一个领域，格式“领域: 栏目名称关键词, 关键词”",
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "自查清单检查项"
        verbose_name_plural = "自查清单检查项"
        ordering = ["checklist", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "kind"], name="checklist_item_unique_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class InspectionRun(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="inspection_runs"
    )
    run_on = models.DateField("自查日期")
    run_by = models.CharField("发起人", max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    new_findings = models.PositiveIntegerField("新发现问题", default=0)
    summary = models.JSONField("各项结果", default=dict)

    class Meta:
        verbose_name = "自查"
        verbose_name_plural = "自查"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.run_on} 自查"


OPEN_STATUSES = (FindingStatus.OPEN, FindingStatus.RECTIFIED)


class Finding(models.Model):
    """One problem found by a self-inspection, rectified by a person by a deadline, then closed."""

    run = models.ForeignKey(
        InspectionRun, verbose_name="自查", on_delete=models.PROTECT, related_name="findings"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="findings"
    )
    kind = models.CharField("检查项", max_length=30, choices=CheckKind.choices)
    key = models.CharField("问题标识", max_length=300, editable=False)
    title = models.CharField("问题", max_length=300)
    detail = models.TextField("说明", blank=True)
    link = models.CharField("相关页面", max_length=500, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="整改责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    found_on = models.DateField("发现日期")
    deadline = models.DateField("整改期限")
    status = models.CharField(
        "状态",
        max_length=20,
        choices=FindingStatus.choices,
        default=FindingStatus.OPEN,
        editable=False,
    )
    rectified_on = models.DateField("整改日期", null=True, blank=True, editable=False)
    evidence = models.TextField("整改情况", blank=True, editable=False)
    evidence_link = models.CharField("佐证链接", max_length=500, blank=True, editable=False)
    closed_on = models.DateField("销号日期", null=True, blank=True, editable=False)
    closed_by = models.CharField("验收人", max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = "自查问题"
        verbose_name_plural = "自查问题"
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "key"],
                condition=Q(status__in=["open", "rectified"]),
                name="finding_one_open_per_problem",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "deadline"], name="finding_agency_status")
        ]

    def __str__(self) -> str:
        return self.title


class LinkCheckRun(models.Model):
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    checked = models.PositiveIntegerField("检查链接数", default=0)
    broken = models.PositiveIntegerField("失效链接数", default=0)
    skipped_external = models.PositiveIntegerField("超出上限未查的外部链接", default=0)

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"链接检查 {self.started_at:%Y-%m-%d %H:%M}"


class BrokenLink(models.Model):
    """A link that did not work in one link-check run, and where it was found."""

    run = models.ForeignKey(
        LinkCheckRun, verbose_name="链接检查", on_delete=models.CASCADE, related_name="results"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", null=True, on_delete=models.CASCADE, related_name="+"
    )
    publication = models.ForeignKey(
        "publications.Publication",
        verbose_name="所在信息",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField("链接", max_length=1000)
    found_on_page = models.CharField("所在页面", max_length=500, blank=True)
    origin = models.CharField("类别", max_length=20, choices=LinkOrigin.choices)
    status_code = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "失效链接"
        verbose_name_plural = "失效链接"
        ordering = ["run", "agency", "url"]

    def __str__(self) -> str:
        return self.url

    @property
    def problem(self) -> str:
        return f"HTTP {self.status_code}" if self.status_code else self.error
