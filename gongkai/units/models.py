"""Units (站所) that report to their office: reporting tasks, submissions, sent reminders.

A unit that does not disclose in its own name (Agency.is_disclosure_body = False) sends its items to
its office (Agency.disclosure_office()); each submission becomes a 拟稿 publication of the office and
goes through the office's review engine. Assessment reads `UnitSubmission` and `ReportingTask`.
"""

from django.conf import settings
from django.db import models

from gongkai.core.models import Agency

from .choices import ReminderKind, Rhythm


class ReportingTask(models.Model):
    """A standing duty of a unit, e.g. 每月报送本站所工作动态, with a rhythm and due dates.

    Periods are calendar months, quarters or years from `starts_on`; each period is due on its last
    day. A one-off task has one period, from `starts_on` to `due_on`."""

    unit = models.ForeignKey(
        Agency, verbose_name="报送单位", on_delete=models.PROTECT, related_name="reporting_tasks"
    )
    office = models.ForeignKey(
        Agency, verbose_name="接收机关", on_delete=models.PROTECT, related_name="assigned_tasks"
    )
    title = models.CharField("任务", max_length=200)
    rhythm = models.CharField("频次", max_length=20, choices=Rhythm.choices)
    starts_on = models.DateField("起始日期")
    due_on = models.DateField("截止日期（一次性任务）", null=True, blank=True)
    ends_on = models.DateField("停止日期", null=True, blank=True)
    created_by = models.CharField("布置人", max_length=100, blank=True)
    created_at = models.DateTimeField("布置时间", auto_now_add=True)

    class Meta:
        verbose_name = "报送任务"
        verbose_name_plural = "报送任务"
        ordering = ["unit", "title"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "title"], name="reporting_task_unique_title")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}：{self.get_rhythm_display()}{self.title}"


class UnitSubmission(models.Model):
    """One item a unit sent to its office (报送记录): what, when, by whom, for which task period. When
    it was published is the publication's `published_on`."""

    unit = models.ForeignKey(
        Agency, verbose_name="报送单位", on_delete=models.PROTECT, related_name="submissions_sent"
    )
    office = models.ForeignKey(
        Agency,
        verbose_name="接收机关",
        on_delete=models.PROTECT,
        related_name="submissions_received",
    )
    publication = models.OneToOneField(
        "publications.Publication",
        verbose_name="公开信息",
        on_delete=models.PROTECT,
        related_name="unit_submission",
    )
    task = models.ForeignKey(
        ReportingTask,
        verbose_name="报送任务",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    period_start = models.DateField("任务周期起始", null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unit_submissions",
    )
    submitted_by_label = models.CharField("报送人", max_length=100)
    submitted_at = models.DateTimeField("报送时间")
    submitted_on = models.DateField("报送日期", db_index=True)

    class Meta:
        verbose_name = "站所报送记录"
        verbose_name_plural = "站所报送记录"
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["task", "period_start"], name="unitsub_task_period"),
            models.Index(fields=["unit", "submitted_on"], name="unitsub_unit_date"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.submitted_on:%Y-%m-%d}：{self.title}"


class ReminderSent(models.Model):
    """A reminder that went out (e-mail / SMS), so that `gongkai remind` sends each one once."""

    task = models.ForeignKey(
        ReportingTask, verbose_name="报送任务", on_delete=models.CASCADE, related_name="reminders"
    )
    period_start = models.DateField("任务周期起始")
    due_on = models.DateField("截止日期")
    kind = models.CharField("提醒类型", max_length=20, choices=ReminderKind.choices)
    channels = models.CharField("发送方式", max_length=100)
    recipients = models.PositiveIntegerField("收件人数", default=0)
    sent_at = models.DateTimeField("发送时间")

    class Meta:
        verbose_name = "已发送的提醒"
        verbose_name_plural = "已发送的提醒"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "period_start", "kind"], name="reminder_once_per_task_period_kind"
            )
        ]
