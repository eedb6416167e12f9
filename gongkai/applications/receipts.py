"""The one-time lookup secret on a 回执 after Post/Redirect/Get.

The form's POST registers the request and keeps the secret in the session under the request's
id; the redirected GET pops it. The receipt shows it once: a refresh (or a second visit) finds no
secret and shows the receipt without it, and never re-posts the form. Only the HMAC of the secret is
in the database; the session holds the plain secret for the moment between POST and GET.
"""

from __future__ import annotations

from .lookup_secrets import grouped


def _key(app_id: int) -> str:
    return f"gongkai.receipt_secret.{app_id}"


def secret_keep(request, *, app_id: int, secret: str) -> None:
    request.session[_key(app_id)] = secret


def secret_pop(request, *, app_id: int) -> dict:
    """{"secret", "secret_grouped"} for the receipt the first time, then {"secret_shown": True}."""
    secret = request.session.pop(_key(app_id), "")
    if not secret:
        return {"secret": "", "secret_grouped": "", "secret_shown": True}
    return {"secret": secret, "secret_grouped": grouped(secret), "secret_shown": False}
