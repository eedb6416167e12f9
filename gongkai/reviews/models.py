"""THE review record: who did which review step on which item, when, with which note.

One nullable foreign key per subject type (publication, request, annual report, 咨询投诉) rather than a generic
relation: the database keeps the references whole (no review row can point at a deleted item), the
history of an item is one indexed join, and a check constraint holds "exactly one subject". See
docs/architecture.md. Internal: never shown on the public site.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import Decision, Stage

SUBJECT_FIELDS = ("publication", "application", "report", "consultation")


class ReviewRecordQuerySet(models.QuerySet):
    def delete(self):
        raise ValueError("审查记录不可删除。")

    def update(self, **kwargs):
        if set(kwargs) - set(SUBJECT_FIELDS):
            raise ValueError("审查记录不可修改。")
        return super().update(**kwargs)


def _exactly_one_subject() -> Q:
    """Q(publication set, the others null) | Q(application set, …) | …"""
    condition = Q()
    for chosen in SUBJECT_FIELDS:
        condition |= Q(**{f"{f}__isnull": f != chosen for f in SUBJECT_FIELDS})
    return condition


class ReviewRecord(models.Model):
    stage = models.CharField("环节", max_length=20, choices=Stage.choices)
    decision = models.CharField(
        "结论", max_length=10, choices=Decision.choices, blank=True, default=""
    )
    from_status = models.CharField("原状态", max_length=30, blank=True)
    to_status = models.CharField("新状态", max_length=30, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer_label = models.CharField("办理人", max_length=100, blank=True)
    at = models.DateTimeField("时间")
    note = models.TextField("意见", blank=True)
    secrecy_checked = models.BooleanField("已完成保密审查", default=False)

    publication = models.ForeignKey(
        "publications.Publication",
        verbose_name="主动公开信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="依申请公开答复",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    report = models.ForeignKey(
        "annual_reports.AnnualReport",
        verbose_name="年度报告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name="咨询投诉答复",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    objects = ReviewRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "审查记录"
        verbose_name_plural = "审查记录"
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_subject(), name="review_record_one_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}·{self.get_decision_display()}"

    def delete(self, *args, **kwargs):
        raise ValueError("审查记录不可删除。")
