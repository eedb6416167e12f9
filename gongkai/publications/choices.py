from django.db import models

from gongkai.reviews.choices import ReviewStatus as PublicationStatus  # noqa: E402

# On the public site (a withdrawal under review leaves the item public until it is approved).
PUBLIC_STATUSES = (
    PublicationStatus.PUBLISHED,
    PublicationStatus.WITHDRAWAL_FIRST,
    PublicationStatus.WITHDRAWAL_FINAL,
)
# Counted as published in the annual report (a later withdrawal does not undo the publishing).
WAS_PUBLISHED = (*PUBLIC_STATUSES, PublicationStatus.WITHDRAWN)


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class DocumentKind(models.TextChoices):
    RULES = "rules", "规章"
    NORMATIVE = "normative", "行政规范性文件"


PROACTIVE_DEADLINE_WORKING_DAYS = 20  # Art. 26


class ItemKind(models.TextChoices):
    TEXT = "text", "文字"
    IMAGES = "images", "图文"
    VIDEO = "video", "视频"
    QA = "qa", "问答"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    ABOLISHED = "abolished", "已废止"
    AMENDED = "amended", "已修改"


class AttachmentRole(models.TextChoices):
    FILE = "file", "附件"
    IMAGE = "image", "图片"
    VIDEO = "video", "视频文件"
    POSTER = "poster", "视频封面"
