"""The county's assessment weights and the record of every 督办 reminder sent."""

from django.db import models

from gongkai.core.models import Agency

# Default weights (points out of 100), documented in docs/supervision.md.
DEFAULT_WEIGHTS = {
    "published": 15,
    "submitted": 0,
    "timely": 25,
    "requests": 25,
    "report": 15,
    "inspection": 10,
    "catalogue": 10,
}


class AssessmentWeights(models.Model):
    """How much each indicator counts in a county's 考核 score (set by the 县公开办)."""

    county = models.OneToOneField(
        Agency, verbose_name="县", on_delete=models.PROTECT, related_name="assessment_weights"
    )
    published = models.PositiveSmallIntegerField("主动公开数量", default=15)
    submitted = models.PositiveSmallIntegerField("站所报送数量", default=0)
    timely = models.PositiveSmallIntegerField("按时公开率（20个工作日）", default=25)
    requests = models.PositiveSmallIntegerField("依申请按期答复率", default=25)
    report = models.PositiveSmallIntegerField("年度报告按时、无差错", default=15)
    inspection = models.PositiveSmallIntegerField("自查问题按期整改", default=10)
    catalogue = models.PositiveSmallIntegerField("目录栏目完整度", default=10)
    published_target = models.PositiveIntegerField(
        "主动公开数量目标（每年）", default=120, help_text="达到目标得满分；季度按四分之一计"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.CharField("更新人", max_length=100, blank=True)

    class Meta:
        verbose_name = "考核权重"
        verbose_name_plural = "考核权重"

    def __str__(self) -> str:
        return f"{self.county} 考核权重"

    def as_dict(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in DEFAULT_WEIGHTS}


class Reminder(models.Model):
    """A 督办 reminder the county office sent to an agency, and how it was delivered."""

    agency = models.ForeignKey(
        Agency, verbose_name="督办对象", on_delete=models.PROTECT, related_name="reminders"
    )
    sent_by = models.CharField("督办人", max_length=100)
    sender_agency = models.ForeignKey(
        Agency, verbose_name="督办机关", on_delete=models.PROTECT, related_name="reminders_sent"
    )
    subject = models.CharField("事项", max_length=200)
    message = models.TextField("督办内容")
    channel = models.CharField("发送方式", max_length=20)
    delivered = models.BooleanField("已送达", default=False)
    delivery_note = models.CharField("送达情况", max_length=200, blank=True)
    created_at = models.DateTimeField("督办时间", auto_now_add=True)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "created_at"], name="reminder_agency_time")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.subject}"


class PublicationMonth(models.Model):
    """One agency's items first published in one month, per 栏目 (`summary.py` keeps it current
    from the publication services; `gongkai assess --refresh` rebuilds it from the records)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    column_id = models.IntegerField("栏目", null=True)  # no FK: the summary follows the records
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    published = models.PositiveIntegerField("发布数", default=0)
    known = models.PositiveIntegerField("可计算期限数", default=0)
    on_time = models.PositiveIntegerField("按时发布数", default=0)

    class Meta:
        verbose_name = "每月公开汇总"
        verbose_name_plural = "每月公开汇总"
        indexes = [
            models.Index(fields=["year", "month", "agency"], name="publication_month_period")
        ]


class ReplyMonth(models.Model):
    """One agency's requests answered in one month (kept by the application services), and the
    requests DUE in that month that were answered only after the end of its quarter / year: they
    were overdue and unanswered when that quarter / year was assessed. (Requests still open are
    counted live from their clock, `figures.overdue_open`.)"""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    answered = models.PositiveIntegerField("答复数", default=0)
    known = models.PositiveIntegerField("可计算期限数", default=0)
    on_time = models.PositiveIntegerField("按期答复数", default=0)
    late_after_quarter = models.PositiveIntegerField("本月到期、季度结束后才答复数", default=0)
    late_after_year = models.PositiveIntegerField("本月到期、年度结束后才答复数", default=0)

    class Meta:
        verbose_name = "每月答复汇总"
        verbose_name_plural = "每月答复汇总"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "month"], name="reply_month_unique")
        ]
