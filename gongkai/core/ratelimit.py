"""Rate limits on anonymous POSTs (apply, lookup, the report checker, 咨询): a fixed window per
client address and kind of page, counted in the database so that every gunicorn worker shares it.

Why not django-ratelimit: it refuses caches other than Redis/memcached, because their `incr` is not
atomic on Django's database cache. Here one `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement
counts atomically on SQLite (≥ 3.35) and PostgreSQL alike.

Settings: GONGKAI_RATELIMIT_ENABLED (env GONGKAI_RATELIMIT=off switches every limit off) and
GONGKAI_RATELIMITS, a dict scope → "count/period" (env GONGKAI_RATELIMIT_<SCOPE>).
"""

from __future__ import annotations

import math
import time
from functools import wraps

from django.conf import settings
from django.db import connection
from django.shortcuts import render

from .client_address import client_address
from .ratelimit_models import RateLimitCounter
from .rates import parse_rate


def _count_hit(bucket: str, window_start: int, expires_at: int) -> int:
    """Add one hit to the bucket's current window; return the hits so far, this one included."""
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('bucket')}, {q('window_start')}, {q('expires_at')}, {q('hits')}) "
            f"VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT ({q('bucket')}, {q('window_start')}) "
            f"DO UPDATE SET {q('hits')} = {table}.{q('hits')} + 1 RETURNING {q('hits')}",
            [bucket, window_start, expires_at],
        )
        hits = cursor.fetchone()[0]
        if hits == 1:  # a new window began: forget the windows that are over
            cursor.execute(f"DELETE FROM {table} WHERE {q('expires_at')} <= %s", [window_start])
    return hits


def retry_after(request, scope: str) -> int:
    """0 when the request may go ahead (and counts it); otherwise seconds until the window ends."""
    if not settings.GONGKAI_RATELIMIT_ENABLED:
        return 0
    rate = parse_rate(settings.GONGKAI_RATELIMITS[scope])
    now = int(time.time())
    window_start = now - now % rate.period
    expires_at = window_start + rate.period
    bucket = f"{scope}:{rate.period}:{client_address(request)}"
    if _count_hit(bucket, window_start, expires_at) <= rate.limit:
        return 0
    return max(1, expires_at - now)


def too_many_requests(request, seconds: int):
    minutes = max(1, math.ceil(seconds / 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def rate_limited(scope: str, methods: tuple[str, ...] = ("POST",)):
    """View decorator: at most GONGKAI_RATELIMITS[scope] requests (of `methods`) per client address
    per window; beyond that a polite Chinese 429 page saying when to try again."""
    if scope not in settings.GONGKAI_RATELIMITS:
        raise KeyError(f"GONGKAI_RATELIMITS has no limit for {scope!r}")

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                seconds = retry_after(request, scope)
                if seconds:
                    return too_many_requests(request, seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
