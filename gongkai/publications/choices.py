from django.db import models


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "拟稿"
    FIRST_REVIEW = "first_review", "待初审"
    FINAL_REVIEW = "final_review", "待终审"
    PUBLISHED = "published", "已发布"


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class ReviewStage(models.TextChoices):
    SUBMIT = "submit", "提交审查"
    FIRST = "first", "初审"
    FINAL = "final", "终审"
    PUBLISH = "publish", "发布"
    IMPORT = "import", "台账导入"


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", "通过"
    REJECT = "reject", "退回"


class DocumentKind(models.TextChoices):
    RULES = "rules", "规章"
    NORMATIVE = "normative", "行政规范性文件"


PROACTIVE_DEADLINE_WORKING_DAYS = 20  # Art. 26
