"""Personal data in text, in ONE place: the GB 11643 / GB 32100 check characters, the Luhn check,
the scanner that finds mainland ID numbers, mobile numbers and bank card numbers, and the masks.

Pure Python, no Django import. Used by the scan before 初审 (publications), the self-inspection
(inspections), the intake checks of an application (applications.validation) and the public view
of a 咨询投诉 question (consultations).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# -- check characters ------------------------------------------------------------------------------
# GB 11643-1999 (ISO 7064 MOD 11-2): weights of the first 17 digits; the remainder mod 11 picks the
# check character from ID_CHECK ("X" stands for 10).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^i mod 31, check = 31 - Σ mod 31.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check_digit(first17: str) -> str:
    """The 18th character of a resident ID number whose first 17 digits are `first17`."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(number: str) -> datetime.date | None:
    """The birth date in positions 7–14 of an ID number, or None when no such day exists."""
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_number_valid(number: str) -> bool:
    """18 characters, a first digit 1–9, a real birth date from 1800 on, the right check character."""
    number = number.upper()
    if not re.fullmatch(r"[1-9]\d{16}[\dX]", number):
        return False
    born = id_birth_date(number)
    return born is not None and born.year >= 1800 and id_check_digit(number[:17]) == number[17]


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 whose first 17 characters are `first17`."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def luhn_valid(digits: str) -> bool:
    """The Luhn check of a bank card number (digits only, at least 12)."""
    if len(digits) < 12 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# -- the scanner -----------------------------------------------------------------------------------
# Runs not glued to other digits or Latin letters, so parts of longer numbers and codes do not count.
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?![0-9A-Za-z])"
)
_CARD = re.compile(r"(?<![0-9A-Za-z])((?:\d[ -]?){15,18}\d)(?![0-9A-Za-z])")

KIND_LABELS = {"id_number": "身份证号码", "mobile": "手机号码", "bank_card": "银行卡号"}


@dataclass(frozen=True)
class Hit:
    kind: str  # id_number | mobile | bank_card
    start: int
    end: int
    masked: str  # the number with its middle hidden, safe to show in a review record or a finding

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def mask(number: str, keep_start: int = 3, keep_end: int = 4) -> str:
    digits = re.sub(r"[\s-]", "", number)
    hidden = len(digits) - keep_start - keep_end
    return digits[:keep_start] + "*" * max(hidden, 0) + digits[-keep_end:]


def scan(text: str) -> list[Hit]:
    """Every ID number, bank card number and mobile number in `text`, in order of position; where
    matches overlap the first kind wins (ID number before card before mobile)."""
    if not text:
        return []
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(kind: str, m: re.Match, masked: str) -> None:
        hits.append(Hit(kind, m.start(1), m.end(1), masked))
        taken.append((m.start(1), m.end(1)))

    for m in _ID.finditer(text):
        if id_number_valid(m.group(1)):
            add("id_number", m, mask(m.group(1), 6, 4))
    for m in _CARD.finditer(text):
        digits = re.sub(r"[\s-]", "", m.group(1))
        if 16 <= len(digits) <= 19 and free(m.start(1), m.end(1)) and luhn_valid(digits):
            add("bank_card", m, mask(digits, 4, 4))
    for m in _MOBILE.finditer(text):
        if free(m.start(1), m.end(1)):
            add("mobile", m, mask(m.group(1), 3, 4))
    return sorted(hits, key=lambda h: h.start)


def summary(hits: list[Hit]) -> str:
    """“身份证号码 1 处（110105********002X）；手机号码 2 处（…）” for review records and findings."""
    parts = []
    for kind, label in KIND_LABELS.items():
        found = [h.masked for h in hits if h.kind == kind]
        if found:
            more = "…" if len(found) > 3 else ""
            parts.append(f"{label} {len(found)} 处（{'、'.join(found[:3])}{more}）")
    return "；".join(parts)


# -- masking free text for the public --------------------------------------------------------------
# Broader than the scanner on purpose: a question shown to the public loses every e-mail address and
# every run of 7+ digits (a number typed with a wrong check digit is still someone's number).
REDACTED = "＊＊＊"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9][0-9\s-]{5,}[0-9Xx](?![0-9])")


def redact(text: str, *, own: tuple[str, ...] = ()) -> str:
    """`text` with the writer's own details (`own`: name, contact), e-mail addresses and long numbers
    replaced by ＊＊＊."""
    for value in {v.strip() for v in own} - {""}:
        if len(value) >= 2:
            text = text.replace(value, REDACTED)
    text = _EMAIL.sub(REDACTED, text)
    return _LONG_NUMBER.sub(REDACTED, text)
