from django.db import models

from gongkai.core.models import Agency


class SearchKind(models.TextChoices):
    PUBLICATION = "publication", "主动公开信息"
    ANNUAL_REPORT = "annual_report", "年度报告"
    # ATTACHMENT = "attachment", "附件"  ← attachment text: one more kind, same table


class SearchEntry(models.Model):
    """One public document as the search index sees it: what a result shows and what filters use.

    The words themselves live in the full-text table of the database (SQLite: `search_fts`, an FTS5
    table; PostgreSQL: `search_pg_document`, a tsvector with a GIN index), both created by migration
    0002 and keyed by this row's id. Only published documents ever get a row (search/services.py)."""

    kind = models.CharField("类别", max_length=20, choices=SearchKind.choices)
    source = models.CharField(
        "来源",
        max_length=64,
        unique=True,
        help_text="publication:12、report:5；以后附件为 attachment:7",
    )
    object_id = models.PositiveBigIntegerField("原记录编号")
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+"
    )
    column = models.CharField("栏目", max_length=50, blank=True)
    title = models.CharField("标题", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    doc_number_key = models.CharField("规范化文号", max_length=100, blank=True)
    text = models.TextField("正文（纯文本）", blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    url = models.CharField("网址", max_length=300)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "检索索引条目"
        verbose_name_plural = "检索索引条目"
        indexes = [
            models.Index(fields=["agency", "year"], name="search_entry_agency_year"),
            models.Index(fields=["column"], name="search_entry_column"),
            models.Index(fields=["year"], name="search_entry_year"),
            models.Index(fields=["doc_number_key"], name="search_entry_doc_number"),
        ]

    def __str__(self) -> str:
        return self.title


class FailedQuery(models.Model):
    """A search that found nothing: the query with personal data removed (search/privacy.py), the
    day, the agency filter if one was chosen, how many hits (0) and how often. No IP, no user."""

    query = models.CharField("检索词（已去除个人信息）", max_length=100)
    day = models.DateField("日期")
    agency = models.ForeignKey(
        Agency,
        verbose_name="限定机关",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    hits = models.PositiveIntegerField("结果数", default=0)
    times = models.PositiveIntegerField("次数", default=1)

    class Meta:
        verbose_name = "无结果检索"
        verbose_name_plural = "无结果检索"
        ordering = ["-day", "-times"]
        indexes = [models.Index(fields=["day", "agency"], name="failed_query_day_agency")]

    def __str__(self) -> str:
        return f"{self.day} {self.query}"
