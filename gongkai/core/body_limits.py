"""Refuse an oversized request body before anything reads it.

Django spools a multipart upload to disk while parsing it, and CSRF is only checked after that: an
anonymous 200 MB POST would be written to disk before being refused. This middleware comes first and
looks only at the Content-Length header: above the limit for that URL it answers 413 at once.

Limits (settings): GONGKAI_BODY_LIMITS maps URL prefixes of upload pages to their limit in bytes;
every other URL gets GONGKAI_MAX_BODY. A chunked body without Content-Length gets 411 (nginx always
sends a length; Django itself would read such a body as empty), a malformed length 400.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def body_limit_for(path: str) -> int:
    """The largest request body accepted for `path` (the longest matching prefix wins)."""
    best, limit = -1, settings.GONGKAI_MAX_BODY
    for prefix, value in settings.GONGKAI_BODY_LIMITS.items():
        if path.startswith(prefix) and len(prefix) > best:
            best, limit = len(prefix), value
    return limit


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, n // 1024)} KB"


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return render(request, "411.html", status=411)
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            length = -1
        if length < 0:
            return render(request, "400.html", status=400)
        limit = body_limit_for(request.path_info)
        if length > limit:
            what = "含上传文件" if limit > settings.GONGKAI_MAX_BODY else "普通表单"
            context = {"limit": _size(limit), "size": _size(length), "what": what}
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
