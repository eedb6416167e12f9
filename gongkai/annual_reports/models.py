from django.db import models

from gongkai.core.models import Agency

from .choices import ReportStatus


class EnforcementStats(models.Model):
    """Table 2 第（五）（六）（八）项: figures that come from other systems, one row per agency and year."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="enforcement_stats"
    )
    year = models.PositiveSmallIntegerField("年度")
    licensing = models.PositiveIntegerField("行政许可（本年处理决定数量）", default=0)
    penalty = models.PositiveIntegerField("行政处罚（本年处理决定数量）", default=0)
    coercion = models.PositiveIntegerField("行政强制（本年处理决定数量）", default=0)
    fees_10k_yuan = models.DecimalField(
        "行政事业性收费（万元）", max_digits=16, decimal_places=4, default=0
    )

    class Meta:
        verbose_name = "行政执法和收费统计"
        verbose_name_plural = "行政执法和收费统计"
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="enforcement_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(fees_10k_yuan__gte=0), name="fees_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class ReportNarrative(models.Model):
    """The editable text of sections 一 (with sub-heads （一）–（五）), 五 and 六."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="report_narratives"
    )
    year = models.PositiveSmallIntegerField("年度")
    section1 = models.TextField("一、总体情况", blank=True)
    section5 = models.TextField("五、存在的主要问题及改进情况", blank=True)
    section6 = models.TextField("六、其他需要报告的事项", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.CharField("更新人", max_length=100, blank=True)

    class Meta:
        verbose_name = "年报正文"
        verbose_name_plural = "年报正文"
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="narrative_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} 年报正文"

    def sections(self) -> dict[str, str]:
        return {"一": self.section1, "五": self.section5, "六": self.section6}


class AnnualReport(models.Model):
    """One agency's report for one year: its review status and its published snapshots."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态",
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="report_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} {self.year} 年政府信息公开工作年度报告"

    def latest_snapshot(self):
        return self.snapshots.order_by("-revision").first()


class ReportSnapshot(models.Model):
    """What was published, frozen: later corrections never change it (a revision is a new row)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="snapshots")
    revision = models.PositiveSmallIntegerField("修订号", help_text="0 = 首次发布；1、2… = 更正")
    model = models.JSONField("报告数据")
    narrative = models.JSONField("正文")
    text = models.TextField("纯文本")
    html = models.TextField("HTML")
    findings = models.JSONField("检查结果", default=list)
    figures = models.JSONField(
        "其他数据", default=dict, help_text="第一部分的主动公开条数（按栏目）等，图解使用"
    )
    generator_version = models.CharField("生成程序版本", max_length=50)
    published_at = models.DateTimeField("发布时间")
    published_by = models.CharField("发布人", max_length=100)
    note = models.TextField("更正说明", blank=True)
    late = models.BooleanField("逾期发布", default=False)
    audit_anchor = models.CharField(
        "审计锚点",
        max_length=90,
        blank=True,
        help_text="发布时审计日志最后一条的“序号:哈希”；gongkai audit verify --anchors-from-reports 核对",
    )

    class Meta:
        verbose_name = "已发布年报"
        verbose_name_plural = "已发布年报"
        ordering = ["report", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["report", "revision"], name="snapshot_unique_revision")
        ]

    def __str__(self) -> str:
        suffix = f"（第{self.revision}次更正）" if self.revision else ""
        return f"{self.report}{suffix}"

    def save(self, *args, **kwargs):
        if self.pk and ReportSnapshot.objects.filter(pk=self.pk).exists():
            raise ValueError("已发布的年报快照不可修改；请发布更正版本。")
        super().save(*args, **kwargs)
