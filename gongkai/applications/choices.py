"""Choices for disclosure requests. Codes are the project-wide codes (spec annual-report.md §4)."""

from django.db import models

from .outcomes import OUTCOME_CODES, outcome_label


class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL_WELFARE = "social_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


class Channel(models.TextChoices):
    """Art. 31: the receipt date depends on how the application arrived."""

    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    INTERNET = "internet", "网络"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


# What the receipt date means for each channel (shown in forms, the CLI and docs).
RECEIPT_RULE = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）",
    Channel.POST: "以邮寄方式提交的，以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）",
    Channel.ORDINARY_LETTER: "平常信函应于收到当日与申请人确认，确认之日为收到申请之日（条例第三十一条第（二）项）",
    Channel.INTERNET: "通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
    Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
    Channel.EMAIL: "电子邮件以邮件系统收到之日为收到申请之日（国办公开办函〔2015〕207号）",
}


class Status(models.TextChoices):
    REGISTERED = "registered", "登记"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    PROCESSING = "processing", "办理（检索）"
    CONSULTING = "consulting", "征求意见"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    DRAFTING_REPLY = "drafting_reply", "拟答复"
    FIRST_REVIEW = "first_review", "待初审"
    FINAL_REVIEW = "final_review", "待终审"
    APPROVED = "approved", "已审定待出具"
    DELIVERED = "delivered", "答复送达"
    CONCLUDED = "concluded", "办结"
    WITHDRAWN = "withdrawn", "撤回"
    ABANDONED = "abandoned", "视为放弃"


OPEN_STATUSES = tuple(
    s
    for s in Status.values
    if s not in {Status.DELIVERED, Status.CONCLUDED, Status.WITHDRAWN, Status.ABANDONED}
)


# The status in plain words for the applicant (lookup page). The review stages are one step to them:
# who reviews and what they said stays inside the office.
_REVIEWING = "本机关正在拟定并审核对您的答复。"
APPLICANT_STATUS_TEXT = {
    Status.REGISTERED: "本机关已收到并登记您的申请，正在办理。",
    Status.AWAITING_CORRECTION: "您的申请内容需要补正。请按下面列出的事项在补正期限前补正；"
    "答复期限自本机关收到补正之日起重新计算（条例第三十条）。",
    Status.PROCESSING: "本机关正在检索、办理您申请的政府信息。",
    Status.CONSULTING: "本机关正在征求第三方或者其他机关的意见，所需时间不计算在答复期限内"
    "（条例第三十三条第三款）。",
    Status.AWAITING_FEE: "本机关已向您发出信息处理费收费通知，请按通知缴纳；缴费期间不计算在答复期限内。",
    Status.DRAFTING_REPLY: _REVIEWING,
    Status.FIRST_REVIEW: _REVIEWING,
    Status.FINAL_REVIEW: _REVIEWING,
    Status.APPROVED: "本机关已作出答复，正在送达。",
    Status.DELIVERED: "本机关已答复。答复结果和答复书见下方。",
    Status.CONCLUDED: "本机关已答复，申请已办结。答复结果和答复书见下方。",
    Status.WITHDRAWN: "您已撤回本申请，本机关不再处理。",
    Status.ABANDONED: "逾期未补正或者未缴费，视为放弃申请，本机关不再处理。",
}

Outcome = models.TextChoices("Outcome", [(c, (c, outcome_label(c))) for c in OUTCOME_CODES])


class FormRequested(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子数据"
    EMAIL = "email", "电子邮件"
    VIEW = "view", "当场查阅、抄录"
    OTHER = "other", "其他"


class FeeMethod(models.TextChoices):
    NONE = "none", "不收费"
    ITEMS = "items", "按件计收"
    PAGES = "pages", "按量计收"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CONSULT_THIRD_PARTY = "consult_third_party", "征求第三方意见"
    CONSULT_AGENCY = "consult_agency", "征求其他机关意见"
    CONSULT_END = "consult_end", "收到意见（恢复计时）"
    EXTENSION = "extension", "延期答复"
    FEE_NOTICE = "fee_notice", "收费通知"
    FEE_PAID = "fee_paid", "缴费"
    REPLY_DRAFTED = "reply_drafted", "拟答复"
    DELIVERED = "delivered", "答复送达"
    CONCLUDED = "concluded", "办结"
    WITHDRAWN = "withdrawn", "撤回"
    ABANDONED = "abandoned", "视为放弃"
    LETTER = "letter", "文书"
    LETTER_VOID = "letter_void", "文书作废"


PAUSE_START_KINDS = (EventKind.CONSULT_THIRD_PARTY, EventKind.CONSULT_AGENCY)


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", "直接送达"
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子邮件送达"
    ONLINE = "online", "网上送达"
    OTHER = "other", "其他方式"


# The note of a 收到补正 event that the applicant made on the lookup page starts with this; the rest
# is the applicant's own text, shown back to them (query code + secret) and to the office.
ONLINE_CORRECTION_NOTE = "申请人网上补正："
