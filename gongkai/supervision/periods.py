"""An assessment period: a year or one of its quarters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from gongkai.core.errors import UserError


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None

    def __post_init__(self):
        if not 2000 <= self.year <= 2100:
            raise UserError(f"年度“{self.year}”不在 2000—2100 之间。")
        if self.quarter is not None and self.quarter not in (1, 2, 3, 4):
            raise UserError(f"季度“{self.quarter}”无效：只能是 1、2、3、4。")

    @property
    def start(self) -> datetime.date:
        month = 1 if self.quarter is None else 3 * self.quarter - 2
        return datetime.date(self.year, month, 1)

    @property
    def end(self) -> datetime.date:
        if self.quarter is None or self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}年" + (f"第{self.quarter}季度" if self.quarter else "")

    @property
    def fraction(self) -> float:
        """Share of a year (targets set per year are scaled by it)."""
        return 1.0 if self.quarter is None else 0.25

    def query(self) -> str:
        return f"year={self.year}" + (f"&quarter={self.quarter}" if self.quarter else "")
