"""A reporting task's periods and due dates: plain date arithmetic, no database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .choices import Rhythm


@dataclass(frozen=True)
class Period:
    start: datetime.date
    due: datetime.date  # the last day on which a submission meets the period

    def label(self, rhythm: str) -> str:
        if rhythm == Rhythm.MONTHLY:
            return f"{self.start.year}年{self.start.month}月"
        if rhythm == Rhythm.QUARTERLY:
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        if rhythm == Rhythm.YEARLY:
            return f"{self.start.year}年"
        return f"{self.start:%Y年%m月%d日}至{self.due:%Y年%m月%d日}"


def _months(rhythm: str) -> int:
    return {Rhythm.MONTHLY: 1, Rhythm.QUARTERLY: 3, Rhythm.YEARLY: 12}[rhythm]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def calendar_period(rhythm: str, day: datetime.date) -> Period:
    """The month, quarter or year containing `day`."""
    months = _months(rhythm)
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    return Period(start, _add_months(start, months) - datetime.timedelta(days=1))


def period_for(
    rhythm: str, starts_on: datetime.date, due_on: datetime.date | None, day: datetime.date
) -> Period | None:
    """The task period a submission on `day` counts for (None: before the task started, or after a
    one-off task's due date)."""
    if day < starts_on:
        return None
    if rhythm == Rhythm.ONCE:
        return Period(starts_on, due_on) if due_on and day <= due_on else None
    period = calendar_period(rhythm, day)
    return Period(max(period.start, starts_on), period.due)


def periods_until(
    rhythm: str,
    starts_on: datetime.date,
    due_on: datetime.date | None,
    until: datetime.date,
    ends_on: datetime.date | None = None,
) -> list[Period]:
    """Every period that has started on or before `until` (and before `ends_on`), oldest first."""
    last = min(until, ends_on) if ends_on else until
    if starts_on > last:
        return []
    if rhythm == Rhythm.ONCE:
        return [Period(starts_on, due_on)] if due_on else []
    periods = []
    period = period_for(rhythm, starts_on, due_on, starts_on)
    while period and period.start <= last:
        periods.append(period)
        nxt = period.due + datetime.timedelta(days=1)
        period = calendar_period(rhythm, nxt)
    return periods
