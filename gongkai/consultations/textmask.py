"""Personal data out of a question before it is shown to anyone but the agency's staff and the asker:
the asker's own name and contact, and anything that looks like an ID number, a phone number or an
e-mail address (people type their number into the question)."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9][0-9\s-]{5,}[0-9Xx](?![0-9])")
MASK = "＊＊＊"


def mask_personal_data(text: str, *, name: str = "", contact: str = "") -> str:
    for own in {name.strip(), contact.strip()} - {""}:
        if len(own) >= 2:
            text = text.replace(own, MASK)
    text = _EMAIL.sub(MASK, text)
    return _LONG_NUMBER.sub(MASK, text)
