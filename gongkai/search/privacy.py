"""Removing personal data from a query before it is stored (failed-query statistics).

People paste their ID number, mobile, e-mail or bank card into search boxes. What is stored is the
normalised query with all of these removed: ID numbers (18 or 15 characters), any run of 7 or more
digits (mobiles, landlines, bank cards, QQ numbers), e-mail addresses.
"""

import re
import unicodedata

MAX_STORED = 100

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
_LONG_DIGITS = re.compile(r"\d[\d\s-]{5,}\d")  # 7+ digits, also written in groups (1380 0138 000)


def _long_digit_run(match: re.Match) -> str:
    return "" if sum(ch.isdigit() for ch in match.group()) >= 7 else match.group()


def scrub(query: str) -> str:
    """The query, NFKC-normalised, lower-cased, spaces collapsed, personal data removed."""
    text = unicodedata.normalize("NFKC", query or "").lower()
    text = _EMAIL.sub(" ", text)
    text = _ID_NUMBER.sub(" ", text)
    text = _LONG_DIGITS.sub(_long_digit_run, text)
    return " ".join(text.split())[:MAX_STORED]
