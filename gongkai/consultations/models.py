"""咨询投诉: a question, complaint or suggestion sent to an agency through the portal, and its answer.

The asker's name and contact are personal data: they are shown to the agency's staff and to the
asker (with the query code and secret), and nowhere else — never on the public Q&A list, in feeds,
the API or search. The answer is reviewed by the review engine (reviews/) like any reply; its review
records are reviews.ReviewRecord rows (`consultation.reviews`), like every reviewed item's.
"""

from django.db import models

from .choices import ConsultationKind, ConsultationStatus


class Consultation(models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name="受理机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=20, choices=ConsultationKind.choices)
    question = models.TextField("问题")
    name = models.CharField("姓名", max_length=50)
    contact = models.CharField("联系方式", max_length=100)
    consent_publish = models.BooleanField("同意答复后公开问答", default=False)
    status = models.CharField(
        "状态",
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFTING,
    )
    answer = models.TextField("答复", blank=True)
    received_at = models.DateTimeField("收到时间")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    query_code = models.CharField("查询码", max_length=20, unique=True)
    secret_hash = models.CharField("查询密码摘要", max_length=200)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "咨询投诉"
        verbose_name_plural = "咨询投诉"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status"], name="consultation_agency_status"),
            models.Index(fields=["agency", "received_at"], name="consultation_agency_received"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.query_code}"

    @property
    def is_public(self) -> bool:
        return self.consent_publish and self.status == ConsultationStatus.ANSWERED
