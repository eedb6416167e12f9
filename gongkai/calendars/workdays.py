"""Working-day arithmetic as the law counts it. Pure: a `WorkCalendar` holds the data, no database.

Convention (spec requests-deadlines-fees.md §2): the day of the triggering event is not counted;
day 1 is the next working day. So `add_working_days(start, 20)` is the 20th working day after `start`.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable

from gongkai.core.errors import UserError


class CalendarMissing(UserError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"没有 {year} 年的工作日历数据，无法计算工作日。请在国务院办公厅发布 {year} 年部分节假日安排的通知后，"
            f"用 gongkai calendar import 文件 导入，或在后台“工作日历”中录入 {year} 年的节假日和调休上班日。"
        )


class WorkCalendar:
    def __init__(
        self,
        *,
        years: Iterable[int],
        holidays: Iterable[datetime.date],
        workdays: Iterable[datetime.date],
    ):
        self.years = frozenset(years)
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)
        # Ordinals of every working day in the covered years, for O(log n) arithmetic.
        ordinals = []
        for year in sorted(self.years):
            day = datetime.date(year, 1, 1)
            while day.year == year:
                if self._is_working(day):
                    ordinals.append(day.toordinal())
                day += datetime.timedelta(days=1)
        self._ordinals = ordinals

    def _is_working(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def _require(self, day: datetime.date) -> None:
        if day.year not in self.years:
            raise CalendarMissing(day.year)

    def is_working_day(self, day: datetime.date) -> bool:
        self._require(day)
        return self._is_working(day)

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after `start` (start itself never counts). n must be ≥ 1."""
        if n < 1:
            raise ValueError("n must be at least 1")
        self._require(start)
        index = bisect.bisect_right(self._ordinals, start.toordinal()) + n - 1
        if index >= len(self._ordinals):
            raise CalendarMissing(self._first_missing_year_after(start))
        result = datetime.date.fromordinal(self._ordinals[index])
        # The covered years may have a gap (e.g. 2026 and 2028 only): the result must not jump it.
        for year in range(start.year, result.year + 1):
            if year not in self.years:
                raise CalendarMissing(year)
        return result

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (0 if end ≤ start)."""
        if end <= start:
            return 0
        for year in range(start.year, end.year + 1):
            if year not in self.years:
                raise CalendarMissing(year)
        return bisect.bisect_right(self._ordinals, end.toordinal()) - bisect.bisect_right(
            self._ordinals, start.toordinal()
        )

    def _first_missing_year_after(self, start: datetime.date) -> int:
        year = start.year
        while year in self.years:
            year += 1
        return year
