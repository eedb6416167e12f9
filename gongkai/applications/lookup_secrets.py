"""The applicant's lookup secret (查询密码): 15 characters (74 bits) from an alphabet without
look-alikes (no 0/O, 1/I/l, no lower case), shown once on the receipt in groups of five
("K7MXR QH3WT 9CNPA"); spaces, hyphens and lower case are ignored when it is typed back.

Stored as HMAC-SHA256 under a key derived from SECRET_KEY for this one purpose. A password hash
(PBKDF2) buys nothing for a random 72-bit secret and costs ~300 ms of CPU per lookup, so it is used
only to verify receipts issued before this change ("pbkdf2_…" values). A missing query code is
checked against a dummy value, so that it costs the same work and gets the same answer as a wrong
secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password

PREFIX = "hmac-sha256$"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 characters: no 0, 1, I, L, O
SECRET_LENGTH = 15  # 15 × log2(31) ≈ 74 bits
GROUP = 5
_PURPOSE = b"gongkai.applications.lookup-secret.v1"
_DUMMY = PREFIX + "0" * 64


def _keys() -> list[bytes]:
    """The current key first, then those of SECRET_KEY_FALLBACKS (a rotated SECRET_KEY)."""
    return [
        hmac.new(key.encode(), _PURPOSE, hashlib.sha256).digest()
        for key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    ]


def _mac(key: bytes, secret: str) -> str:
    return PREFIX + hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def new_lookup_secret() -> tuple[str, str]:
    """A fresh secret for the receipt, and what to store of it."""
    secret = "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))
    return secret, _mac(_keys()[0], secret)


def grouped(secret: str) -> str:
    """The secret as printed: groups of five separated by spaces."""
    return " ".join(secret[i : i + GROUP] for i in range(0, len(secret), GROUP))


def _typed_forms(secret: str) -> list[str]:
    """What the applicant typed, and its normal form (no spaces or hyphens, upper case). Receipts
    issued before this alphabet (token_urlsafe, case-sensitive) match the first."""
    raw = (secret or "").strip()
    return [raw, "".join(raw.split()).replace("-", "").upper()]


def lookup_secret_matches(secret: str, stored: str | None) -> bool:
    """Whether `secret` is the one `stored` was made from; `stored=None` (no such request) does the
    same work as a wrong secret and answers False."""
    forms = _typed_forms(secret)
    candidate = stored if stored and stored.startswith(PREFIX) else _DUMMY
    matched = False
    for key in _keys():
        for form in forms:
            matched |= hmac.compare_digest(_mac(key, form), candidate)
    if stored and not stored.startswith(PREFIX):  # a receipt issued before v1: a password hash
        return check_password(forms[0], stored)
    return matched and candidate is stored
