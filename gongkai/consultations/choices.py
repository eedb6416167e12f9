"""咨询投诉: the kinds of message and the statuses of its answer (the review engine's, in our codes)."""

from django.db import models


class ConsultationKind(models.TextChoices):
    CONSULT = "consult", "咨询"
    COMPLAINT = "complaint", "投诉"
    SUGGESTION = "suggestion", "建议"


class ConsultationStatus(models.TextChoices):
    """拟答复 → 待初审 → 待终审 → 已审定待答复 → 已答复 (reviews engine: draft … published)."""

    DRAFTING = "drafting", "拟答复"
    FIRST_REVIEW = "first_review", "待初审"
    FINAL_REVIEW = "final_review", "待终审"
    APPROVED = "approved", "已审定待答复"
    ANSWERED = "answered", "已答复"


# What the asker reads on the lookup page for each status.
ASKER_STATUS_TEXT = {
    ConsultationStatus.DRAFTING: "已收到，正在办理。",
    ConsultationStatus.FIRST_REVIEW: "答复正在审核。",
    ConsultationStatus.FINAL_REVIEW: "答复正在审核。",
    ConsultationStatus.APPROVED: "答复已审定，即将答复。",
    ConsultationStatus.ANSWERED: "已答复，答复内容见下。",
}
