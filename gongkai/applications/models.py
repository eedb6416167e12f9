"""Disclosure requests (依申请公开): the request, its dated events (from which the clock is computed),
letter templates and issued letters. Writes go through services.py only; `save()` only normalises."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from gongkai.core.models import Agency

from .choices import (
    ApplicantType,
    Channel,
    DeliveryMethod,
    EventKind,
    FeeMethod,
    FormRequested,
    Outcome,
    Status,
)


class ApplicationQuerySet(models.QuerySet):
    def delete(self):
        if ApplicationEvent.objects.filter(application__in=self).exists():
            raise ValueError("有办理记录的申请不能删除。")
        return super().delete()


class Application(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField("编号", max_length=40)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100, blank=True)
    # The ID number is never stored in clear: only a masked form for the screen and a keyed digest
    # (HMAC-SHA256 with SECRET_KEY) to recognise the same applicant for the monthly fee count.
    id_number_masked = models.CharField("身份证明（已脱敏）", max_length=40, blank=True)
    id_number_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    address = models.CharField("通讯地址", max_length=200, blank=True)
    channel = models.CharField(
        "申请方式", max_length=20, choices=Channel.choices, default=Channel.IN_PERSON
    )
    received_on = models.DateField("收到申请日期")
    content = models.TextField("申请内容", blank=True)
    form_requested = models.CharField(
        "获取信息的方式", max_length=20, choices=FormRequested.choices, default=FormRequested.PAPER
    )
    status = models.CharField(
        "状态", max_length=30, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    proposed_outcome = models.CharField(
        "拟办理结果", max_length=40, choices=Outcome.choices, blank=True, default=""
    )
    outcome = models.CharField(
        "办理结果", max_length=40, choices=Outcome.choices, null=True, blank=True
    )
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_note = models.TextField("答复要点", blank=True)
    # The rest of the reply draft: everything that changes the text of the 答复书 is drafted here,
    # reviewed at 初审 and 终审, and only read (never typed) when the letter is issued.
    reply_letter = models.CharField(
        "答复书类型",
        max_length=40,
        blank=True,
        help_text="留空则按办理结果；本机关不掌握相关信息的，选择第三十六条第（四）项或第（五）项",
    )
    responsible_agency = models.CharField("负责公开的行政机关名称", max_length=100, blank=True)
    responsible_contact = models.CharField("负责公开的行政机关联系方式", max_length=200, blank=True)
    fee_method = models.CharField(
        "收费方式", max_length=10, choices=FeeMethod.choices, default=FeeMethod.NONE
    )
    fee_quantity = models.PositiveIntegerField("计费数量（件或页）", default=0)
    fee_yuan = models.DecimalField(
        "信息处理费（元）", max_digits=12, decimal_places=2, default=Decimal("0")
    )
    query_code = models.CharField("查询码", max_length=20, null=True, blank=True, unique=True)
    secret_hash = models.CharField(max_length=128, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="application_number_unique"),
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | Q(replied_on__gte=F("received_on")),
                name="application_reply_not_before_receipt",
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True, replied_on__isnull=True)
                | Q(outcome__isnull=False, replied_on__isnull=False),
                name="application_outcome_with_reply_date",
            ),
            models.CheckConstraint(
                condition=Q(fee_yuan__gte=0), name="application_fee_not_negative"
            ),
        ]
        indexes = [
            # Covers table3_counts: Table 3 for an agency-year is read from the index alone.
            models.Index(
                fields=["agency", "received_on", "replied_on", "applicant_type", "outcome"],
                name="application_table3_cover",
            ),
            models.Index(fields=["agency", "replied_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_applicant_type_display()}）"

    def __repr__(self) -> str:
        return f"<Application {self.pk} {self.number}>"

    @property
    def is_open(self) -> bool:
        return self.replied_on is None

    def delete(self, *args, **kwargs):
        if self.pk and self.events.exists():
            raise ValueError("有办理记录的申请不能删除。")
        return super().delete(*args, **kwargs)


class ApplicationEvent(models.Model):
    """A dated step. The clock (clock.py) is computed from these, never typed in."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    date = models.DateField("日期")
    days = models.PositiveSmallIntegerField("天数（延期工作日）", default=0)
    note = models.TextField("说明", blank=True)
    # When the other side received the letter of this step: the consulted party (Art. 32/34 windows
    # run from it) or the applicant (the fee-payment window runs from it).
    party_received_on = models.DateField("对方收到日期", null=True, blank=True)
    deadline = models.DateField("补正期限", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["application", "kind"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class RequestSettings(models.Model):
    """Per-agency settings for requests: the letter number prefix (e.g. 朱政信公), the remedy bodies
    named in letters, and whether notices need the office head's sign-off before they go out."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="request_settings"
    )
    letter_prefix = models.CharField(
        "文书编号前缀", max_length=20, help_text="如“朱政信公”，编号为 朱政信公〔2025〕3号"
    )
    reconsideration_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="如“卢氏县人民政府”（行政复议法第二十四条）；答复书的救济途径写明此机关",
    )
    court = models.CharField(
        "管辖法院", max_length=100, blank=True, help_text="如“卢氏县人民法院”（按本地集中管辖规定）"
    )
    notices_need_review = models.BooleanField(
        "告知类文书须经办公室主任审核",
        default=True,
        help_text="补正、延期、征求意见、收费等告知类文书出具前须经政府信息公开工作机构负责人同意",
    )

    class Meta:
        verbose_name = "依申请公开设置"
        verbose_name_plural = "依申请公开设置"

    def __str__(self) -> str:
        return f"{self.agency}：{self.letter_prefix}"


class LetterTemplate(models.Model):
    """An agency's edited version of a letter; without one the default text in letters.py is used."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField("文书类型", max_length=40)
    title = models.CharField("标题", max_length=100)
    body = models.TextField(
        "正文",
        help_text="可用占位符如 {{申请人}}、{{收到日期}}、{{申请内容}}、{{法律依据}}、{{救济途径}}",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.title}"


class Letter(models.Model):
    """An issued letter: numbered per agency and year, its text frozen when issued."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="letters"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("文书类型", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveIntegerField("序号")
    number_text = models.CharField("文号", max_length=60)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    issued_on = models.DateField("日期")
    delivery_method = models.CharField(
        "送达方式", max_length=20, choices=DeliveryMethod.choices, blank=True
    )
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    extra = models.JSONField("文书字段", default=dict, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.CharField("审核情况", max_length=200, blank=True)
    voided_on = models.DateField("作废日期", null=True, blank=True)
    void_reason = models.TextField("作废原因", blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name="重新出具，替代",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["-year", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "seq"], name="letter_number_unique"),
            models.CheckConstraint(
                condition=Q(voided_on__isnull=True) | ~Q(void_reason=""),
                name="letter_void_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_text} {self.title}"

    @property
    def is_void(self) -> bool:
        return self.voided_on is not None
