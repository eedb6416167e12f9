"""Rate specifications such as "10/h" or "30/10m": how many POSTs one client address may send per
window. Pure Python so that the settings can check them at start-up."""

from __future__ import annotations

import re
from typing import NamedTuple

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


class Rate(NamedTuple):
    limit: int
    period: int  # seconds


def parse_rate(text: str) -> Rate:
    """'10/h' → 10 per 3600 s; '30/10m' → 30 per 600 s. ValueError (Chinese) when malformed."""
    match = _RATE_RE.match(text or "")
    if not match or int(match.group(1)) < 1 or match.group(2) == "0":
        raise ValueError(
            f"限流设置“{text}”无效：应写成“次数/时间”，如 10/h（每小时 10 次）、30/10m（每 10 分钟 30 次），"
            "时间单位 s 秒、m 分、h 时、d 天。"
        )
    count, multiple, unit = match.groups()
    return Rate(int(count), int(multiple or 1) * UNITS[unit])
