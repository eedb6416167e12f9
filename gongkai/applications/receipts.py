"""Post/Redirect/Get for every form that files or changes something: the one-time lookup secret on a
回执, and the receipt pages of anonymous visitors.

The form's POST writes, keeps the secret (if any) in the session and redirects; the redirected GET
pops the secret. The receipt shows it once: a refresh (or a second visit) finds no secret and shows
the receipt without it, and never re-posts the form. Only the HMAC of the secret is in the database;
the session holds the plain secret for the moment between POST and GET.

Staff receipts are found by id (the staff selector decides who may see them). An anonymous visitor's
receipt is found by a random token that only its session knows (`receipt_mark`): the URL says
nothing about the request, and any other visitor — or the same token in another browser, or the same
browser after MARK_SECONDS — finds nothing (`receipt_marked` → None, the view answers 404).
"""

from __future__ import annotations

import secrets
import time

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url

from .lookup_secrets import grouped

# What a marked receipt is for; each kind has its own page.
APPLICATION = "application"  # the 回执 of an online application (and the staff 受理回执)
CONSULTATION = "consultation"  # the 回执 of a 咨询投诉
CORRECTION = "correction"  # an online 补正 was received
WITHDRAWAL = "withdrawal"  # an online withdrawal was recorded

_MARKS = "gongkai.receipts"
MARKS_KEPT = 20  # per session: the oldest are forgotten beyond this
# A receipt can be seen again for this long (to print it, say). After that the browser — perhaps a
# shared one in a library or a service hall — no longer shows the request; the lookup page does.
MARK_SECONDS = 2 * 3600


def _key(kind: str, pk: int) -> str:
    return f"gongkai.receipt_secret.{kind}.{pk}"


def secret_keep(request, *, pk: int, secret: str, kind: str = APPLICATION) -> None:
    request.session[_key(kind, pk)] = secret


def secret_pop(request, *, pk: int, kind: str = APPLICATION) -> dict:
    """{"secret", "secret_grouped"} for the receipt the first time, then {"secret_shown": True}."""
    secret = request.session.pop(_key(kind, pk), "")
    if not secret:
        return {"secret": "", "secret_grouped": "", "secret_shown": True}
    return {"secret": secret, "secret_grouped": grouped(secret), "secret_shown": False}


def receipt_mark(request, *, kind: str, pk: int, secret: str = "") -> str:
    """Remember in this session that it filed (or corrected, withdrew) `kind` #pk, keep `secret` for
    the first GET of the receipt, and return the random token of the receipt's URL."""
    token = secrets.token_urlsafe(16)
    marks = dict(request.session.get(_MARKS, {}))
    marks[token] = [kind, pk, int(time.time())]
    while len(marks) > MARKS_KEPT:
        marks.pop(next(iter(marks)))
    request.session[_MARKS] = marks
    if secret:
        secret_keep(request, pk=pk, secret=secret, kind=kind)
    return token


def receipt_marked(request, *, kind: str, token: str) -> int | None:
    """The id this session marked under `token` for `kind`, or None (not this session's receipt)."""
    entry = request.session.get(_MARKS, {}).get(token)
    if not entry or len(entry) != 3 or entry[0] != kind or time.time() - entry[2] > MARK_SECONDS:
        return None
    return entry[1]


def receipt_object(request, *, kind: str, token: str, queryset):
    """The record this session marked under `token` for `kind`, from `queryset`; Http404 for every
    other visitor, exactly as for a token that never existed."""
    pk = receipt_marked(request, kind=kind, token=token)
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404
    return found


def see_other(to: str, **kwargs) -> HttpResponseRedirect:
    """303 See Other to the receipt: the browser GETs it, and a refresh or Back never re-posts."""
    response = HttpResponseRedirect(resolve_url(to, **kwargs))
    response.status_code = 303
    return response
