"""政府信息公开指南 (Art. 12): the contact details of an agency's 政府信息公开工作机构, edited by its office.

Blank fields are allowed: the public guide page then says what is missing and falls back on what the law
and the agency's own records say (portal/guide.py)."""

from django.db import models


class DisclosureGuide(models.Model):
    agency = models.OneToOneField(
        "core.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="disclosure_guide",
    )
    office_name = models.CharField(
        "政府信息公开工作机构（受理机构）",
        max_length=100,
        blank=True,
        help_text="如“朱阳关镇党政办公室”；留空则显示机关名称。",
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    postal_code = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真号码", max_length=50, blank=True)
    hours = models.CharField(
        "办公时间", max_length=200, blank=True, help_text="如“工作日 8:30—12:00，14:30—17:30”"
    )
    email = models.EmailField("电子邮箱", max_length=100, blank=True)
    fees = models.TextField(
        "收费说明",
        blank=True,
        help_text="留空则按条例第四十二条和国办函〔2020〕109号显示标准说明。",
    )
    notes = models.TextField("其他事项", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.CharField("更新人", max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.agency}政府信息公开指南"
