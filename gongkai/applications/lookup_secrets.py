"""The applicant's lookup secret (查询密码): a 72-bit random token shown once on the receipt.

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
SECRET_BYTES = 9  # 72 bits, 12 characters of token_urlsafe
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
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return secret, _mac(_keys()[0], secret)


def lookup_secret_matches(secret: str, stored: str | None) -> bool:
    """Whether `secret` is the one `stored` was made from; `stored=None` (no such request) does the
    same work as a wrong secret and answers False."""
    secret = (secret or "").strip()
    candidate = stored if stored and stored.startswith(PREFIX) else _DUMMY
    matched = False
    for key in _keys():
        matched |= hmac.compare_digest(_mac(key, secret), candidate)
    if stored and not stored.startswith(PREFIX):  # a receipt issued before v1: a password hash
        return check_password(secret, stored)
    return matched and candidate is stored
