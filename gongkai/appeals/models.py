"""Administrative reviews and lawsuits about disclosure (Table 4)."""

from django.db import models
from django.db.models import F, Q

from gongkai.core.models import Agency


class AppealKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    SUIT_DIRECT = "suit_direct", "直接起诉"
    SUIT_AFTER_REVIEW = "suit_after_review", "复议后起诉"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他"
    PENDING = "pending", "尚未审结"


class Appeal(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="appeals"
    )
    number = models.CharField("编号", max_length=60)
    kind = models.CharField("类型", max_length=20, choices=AppealKind.choices)
    filed_on = models.DateField("立案日期")
    result = models.CharField(
        "结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    closed_on = models.DateField("结案日期", null=True, blank=True)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="关联申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="appeal_number_unique"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("filed_on")),
                name="appeal_closed_not_before_filed",
            ),
            models.CheckConstraint(
                condition=Q(result="pending", closed_on__isnull=True)
                | (~Q(result="pending") & Q(closed_on__isnull=False)),
                name="appeal_result_with_close_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_kind_display()}）"


class AppealSettings(models.Model):
    """Some agencies also count cases carried over from earlier years (ledgers.md §2). Off by default."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="appeal_settings"
    )
    count_carried_over = models.BooleanField(
        "统计上年结转案件",
        default=False,
        help_text="开启后，以前年度立案、本年1月1日仍未审结的案件也计入本年表四（年报中应予说明）",
    )

    class Meta:
        verbose_name = "复议诉讼统计设置"
        verbose_name_plural = "复议诉讼统计设置"

    def __str__(self) -> str:
        return f"{self.agency}"
