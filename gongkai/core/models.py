import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models

from gongkai.reportformat.formats import default_deadline

from .audit_models import AuditEvent, AuditHead  # noqa: F401  (registered with the app)
from .choices import AgencyLevel, Role
from .guide_models import DisclosureGuide  # noqa: F401  (registered with the app)
from .ratelimit_models import RateLimitCounter  # noqa: F401  (registered with the app)


class Agency(models.Model):
    """An administrative body with disclosure duties: county → townships / departments → units.

    `path` is the chain of ids from the root ("/1/4/"), so a subtree is one indexed LIKE query.
    """

    name = models.CharField("机关全称", max_length=100, unique=True)
    level = models.CharField("层级", max_length=20, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    may_make_rules = models.BooleanField("有权制定规章", default=False)
    is_disclosure_body = models.BooleanField(
        "以自己名义公开（公开主体）",
        default=True,
        help_text=(
            "以自己的名义履行政府信息公开职能（条例第十条第二款、第二十七条）：编制年度报告、"
            "受理公开申请。未勾选的站所通过上级机关报送和公开信息。"
        ),
    )
    report_deadline_month = models.PositiveSmallIntegerField(
        "年报发布期限（月）", null=True, blank=True, help_text="留空则按条例第四十九条的默认期限"
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        "年报发布期限（日）", null=True, blank=True
    )

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def report_deadline(self, report_year: int) -> datetime.date:
        """The date by which the report for `report_year` must be published (in the next year)."""
        if self.report_deadline_month and self.report_deadline_day:
            return datetime.date(
                report_year + 1, self.report_deadline_month, self.report_deadline_day
            )
        return default_deadline(report_year, self.level)

    def disclosure_office(self) -> "Agency":
        """The agency that discloses in its own name for this one: itself, or the nearest parent that
        does (a 站所 reports through its township or department)."""
        agency = self
        while not agency.is_disclosure_body and agency.parent_id is not None:
            agency = agency.parent
        return agency

    def county(self) -> "Agency":
        root_id = int(self.path.strip("/").split("/")[0])
        return self if root_id == self.pk else Agency.objects.get(pk=root_id)


class User(AbstractUser):
    """A person working in one agency, with one role. Superusers may have no agency."""

    agency = models.ForeignKey(
        Agency,
        verbose_name="所属机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.CLERK)
    full_name = models.CharField("姓名", max_length=50, blank=True)
    is_demo = models.BooleanField(
        "演示账号", default=False, help_text="演示账号只能在演示模式（GONGKAI_DEMO=1）下登录"
    )

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.full_name or self.username
