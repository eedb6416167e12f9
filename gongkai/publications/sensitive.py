"""The sensitive-data scan run before 初审 may approve a publication (条例第十五条、第十七条).

Pure Python, no Django: finds mainland resident ID numbers (GB 11643, valid check digit), mainland
mobile numbers and bank card numbers (Luhn) in a text, and masks them. The self-inspection scanner can
use the same functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# Digits not glued to other digits (a longer number is not a hit inside it).
_ID = re.compile(
    r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9Xx])"
)
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9])")
_CARD = re.compile(r"(?<![0-9])(?:\d[ -]?){15,18}\d(?![0-9])")

KIND_LABELS = {"id": "身份证号码", "mobile": "手机号码", "bank_card": "银行卡号"}


@dataclass(frozen=True)
class Hit:
    kind: str  # "id", "mobile", "bank_card"
    start: int
    end: int
    masked: str  # the number with its middle hidden, safe to show in a review record

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_id(number: str) -> bool:
    number = number.upper()
    return bool(re.fullmatch(r"\d{17}[\dX]", number)) and id_check_digit(number[:17]) == number[17]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask(number: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", number)
    keep = 3 if len(digits) <= 11 else 4
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def scan(text: str) -> list[Hit]:
    """Every hit in `text`, in order; overlapping matches count once (ID before card)."""
    text = text or ""
    hits: list[Hit] = []
    taken: list[range] = []

    def free(start: int, end: int) -> bool:
        return not any(start < r.stop and r.start < end for r in taken)

    for m in _ID.finditer(text):
        if is_valid_id(m.group()):
            hits.append(Hit("id", m.start(), m.end(), mask(m.group())))
            taken.append(range(m.start(), m.end()))
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 16 <= len(digits) <= 19 and luhn_ok(digits) and free(m.start(), m.end()):
            hits.append(Hit("bank_card", m.start(), m.end(), mask(digits)))
            taken.append(range(m.start(), m.end()))
    for m in _MOBILE.finditer(text):
        if free(m.start(), m.end()):
            hits.append(Hit("mobile", m.start(), m.end(), mask("".join(m.groups()))))
            taken.append(range(m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def summary(hits: list[Hit]) -> str:
    """“身份证号码 1 处（1101**********0015）；手机号码 …” for review records and messages."""
    parts = []
    for kind, label in KIND_LABELS.items():
        found = [h.masked for h in hits if h.kind == kind]
        if found:
            parts.append(f"{label} {len(found)} 处（{'、'.join(found)}）")
    return "；".join(parts)
