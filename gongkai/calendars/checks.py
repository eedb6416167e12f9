"""Warn administrators when next year's holiday schedule has not been entered yet."""

import datetime

from django.core import checks
from django.db import DatabaseError
from django.utils import timezone

from .models import CalendarYear

# The State Council publishes next year's schedule around November; from then on, 20-working-day
# deadlines of requests received in December already reach into the next year.
WARN_FROM_MONTH = 11


def missing_next_year(today: datetime.date | None = None) -> int | None:
    today = today or timezone.localdate()
    if today.month < WARN_FROM_MONTH:
        return None
    try:
        present = CalendarYear.objects.filter(year=today.year + 1).exists()
    except DatabaseError:
        return None
    return None if present else today.year + 1


@checks.register(checks.Tags.database, deploy=True)
def next_year_calendar(app_configs=None, **kwargs):
    year = missing_next_year()
    if year is None:
        return []
    return [
        checks.Warning(
            f"尚未录入 {year} 年的节假日安排，12 月收到的申请的答复期限将无法计算。",
            hint=f"国务院办公厅发布 {year} 年部分节假日安排的通知后，运行 gongkai calendar import 文件。",
            id="gongkai.W001",
        )
    ]
