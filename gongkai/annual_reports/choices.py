from django.db import models

from gongkai.publications.choices import PublicationStatus

ReportStatus = PublicationStatus  # 拟稿 → 待初审 → 待终审 → 已发布 (same labels, same table)

GENERATOR_VERSION = "gongkai-annual-reports/1"
WARNING_DAYS = 30  # warn this many days before the agency's deadline


class ReportStage(models.TextChoices):
    SUBMIT = "submit", "提交审查"
    FIRST = "first", "初审"
    FINAL = "final", "终审"
    PUBLISH = "publish", "发布"
    REVISE = "revise", "发起更正"
