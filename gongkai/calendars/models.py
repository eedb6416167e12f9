from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "休"
    WORKDAY = "workday", "班"


class CalendarYear(models.Model):
    """A year whose official schedule has been entered. Dates in other years raise, never guess."""

    year = models.PositiveSmallIntegerField("年度", primary_key=True)
    notice = models.CharField(
        "依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} 年"


class CalendarException(models.Model):
    """A date that differs from Monday–Friday: a holiday (休) or an adjusted working day (班)."""

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("说明", max_length=100, blank=True)
    year = models.ForeignKey(
        CalendarYear, verbose_name="年度", on_delete=models.CASCADE, related_name="days"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"
