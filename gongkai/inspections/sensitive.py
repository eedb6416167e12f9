"""Personal data in published text: mainland ID numbers (valid check digit and birth date), mobile
numbers and bank card numbers (Luhn). Pure Python, no Django, so any app can use it.

`scan(text)` returns every hit with its position and a masked form; the masked form is what a page
may show (never the number itself).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# Digit runs not glued to other digits/letters, so parts of longer numbers do not count.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?![0-9A-Za-z])"
)
_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7})(?![0-9A-Za-z])")

KIND_LABELS = {"id_number": "身份证号码", "mobile": "手机号码", "bank_card": "银行卡号"}


@dataclass(frozen=True)
class Hit:
    kind: str  # id_number | mobile | bank_card
    start: int
    end: int
    masked: str

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def id_number_valid(number: str) -> bool:
    """GB 11643-1999: 17 digits, a check character, and a real birth date in positions 7–14."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != number[17].upper():
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return datetime.date(1800, 1, 1) <= born


def luhn_valid(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    if len(digits) < 12:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask(number: str, keep_start: int = 3, keep_end: int = 4) -> str:
    digits = re.sub(r"[\s-]", "", number)
    hidden = len(digits) - keep_start - keep_end
    return digits[:keep_start] + "*" * max(hidden, 0) + digits[-keep_end:]


def scan(text: str) -> list[Hit]:
    """Every ID number, mobile number and bank card number in `text`, in order of position."""
    if not text:
        return []
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for m in _ID_RE.finditer(text):
        if id_number_valid(m.group(1)):
            hits.append(Hit("id_number", m.start(1), m.end(1), mask(m.group(1), 6, 4)))
            taken.append((m.start(1), m.end(1)))

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for m in _CARD_RE.finditer(text):
        digits = re.sub(r"[\s-]", "", m.group(1))
        if 16 <= len(digits) <= 19 and free(m.start(1), m.end(1)) and luhn_valid(digits):
            hits.append(Hit("bank_card", m.start(1), m.end(1), mask(digits, 4, 4)))
            taken.append((m.start(1), m.end(1)))
    for m in _MOBILE_RE.finditer(text):
        if free(m.start(1), m.end(1)):
            hits.append(Hit("mobile", m.start(1), m.end(1), mask(m.group(1), 3, 4)))
    return sorted(hits, key=lambda h: h.start)


def summary(hits: list[Hit]) -> str:
    """'身份证号码 1 处（410102********1234）、手机号码 2 处…' for a finding's text."""
    parts = []
    for kind, label in KIND_LABELS.items():
        found = [h.masked for h in hits if h.kind == kind]
        if found:
            parts.append(
                f"{label} {len(found)} 处（{'、'.join(found[:3])}{'…' if len(found) > 3 else ''}）"
            )
    return "、".join(parts)
