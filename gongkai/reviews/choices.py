"""The statuses, stages and decisions of THE review engine (拟稿 → 初审 → 终审 → 审定 → 发布)."""

from django.db import models


class ReviewStatus(models.TextChoices):
    """Statuses of a reviewed item. Requests keep their own status field; the adapter maps 拟答复 to
    拟稿 and their 已审定 reads 已审定待出具 (see registry.SubjectType.status_labels)."""

    DRAFT = "draft", "拟稿"
    FIRST_REVIEW = "first_review", "待初审"
    FINAL_REVIEW = "final_review", "待终审"
    APPROVED = "approved", "已审定待发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWAL_FIRST = "withdrawal_first", "撤回待初审"
    WITHDRAWAL_FINAL = "withdrawal_final", "撤回待终审"
    WITHDRAWN = "withdrawn", "已撤回"


class Stage(models.TextChoices):
    """What a review record records."""

    SUBMIT = "submit", "提交审查"
    FIRST = "first", "初审"
    FINAL = "final", "终审"
    EDIT = "edit", "审定后修改"
    PUBLISH = "publish", "发布"
    REVISE = "revise", "发起更正"
    WITHDRAW = "withdraw_request", "申请撤回"
    IMPORT = "import", "台账导入"


class Decision(models.TextChoices):
    APPROVE = "approve", "通过"
    REJECT = "reject", "退回"
    NONE = "", "—"
