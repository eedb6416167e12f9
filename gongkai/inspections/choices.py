from django.db import models

RECTIFY_WORKING_DAYS = 10  # default time to rectify a finding, in working days


class CheckKind(models.TextChoices):
    CATALOGUE = "catalogue", "公开目录完整性（基层政务公开标准目录）"
    TIMELINESS = "timeliness", "公开时效（成文后20个工作日内公开）"
    BROKEN_LINKS = "broken_links", "链接和附件可用性"
    EXPIRED_DOCUMENTS = "expired_documents", "已失效文件仍标注有效"
    PERSONAL_DATA = "personal_data", "个人信息泄露（身份证号、手机号、银行卡号）"
    REPORT_FINDINGS = "report_findings", "年度报告检查问题"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待整改"
    RECTIFIED = "rectified", "已整改待验收"
    CLOSED = "closed", "已销号"


class LinkOrigin(models.TextChoices):
    PAGE = "page", "本站页面"
    ATTACHMENT = "attachment", "附件"
    INTERNAL = "internal", "站内链接"
    EXTERNAL = "external", "外部链接"
