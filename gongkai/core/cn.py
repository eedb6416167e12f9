"""How dates are written in Chinese documents and on every page: 2026年2月10日 (no zero padding, no
platform-specific strftime flags). Plain Python, no Django: the report format package uses it too."""

from __future__ import annotations

import datetime


def cn_date(day: datetime.date | None) -> str:
    """2026年2月10日; "" for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
