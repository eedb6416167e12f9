"""Public pages served from Django's cache, keyed by version numbers that every public change bumps.

- `public_changed(agency)` bumps the agency's version and the site-wide one. Services call it after
  publishing, withdrawing or correcting (and the signal receivers at the end of this module call it on
  every save of what the public sees, so that no door — admin, import, CLI — leaves a stale page).
- `PublicCacheMiddleware` (right after SecurityMiddleware, so a hit skips the rest of the chain)
  serves the views named in CACHED_VIEWS from the cache for anonymous visitors: the key holds the version of the page's scope (the agency in the URL, else the whole site),
  so a bump makes every older copy unreachable; nothing has to be deleted. Each such response also
  carries an ETag, and a matching If-None-Match gets 304.

Only plain 200 responses that set no cookie are stored; a visitor with a session (staff, or an
applicant who just applied) always gets a fresh page.

Each worker also keeps the LOCAL_PAGES pages it served last in its own memory, under the same keys:
the version tokens are still read from the shared cache on every request (so a bump by any worker
takes effect at once in all of them), only reading and unpickling the page itself is saved.

Every response this middleware answers or stores is marked with the PUBLIC_MARK header; the ASGI
front (portal/front.py) keeps such final responses and answers repeats itself, before Django, under a
key made by `page_key` from the same version tokens. The front removes the mark.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

SITE = "site"
TIMEOUT = 24 * 3600  # a safety net only: a change bumps the version at once
CLIENT_MAX_AGE = 60  # browsers and proxies may keep a copy this many seconds

# url name → scope. "agency": the agency_id in the URL (site-wide when absent); "site": everything.
CACHED_VIEWS = {
    "portal:home": SITE,
    "portal:agency": "agency",
    "portal:column": "agency",
    "portal:guide": "agency",
    "portal:system": "agency",
    "portal:wechat": "agency",
    "portal:feed_site": SITE,
    "portal:feed_county": SITE,
    "portal:feed_agency": "agency",
    "portal:feed_column": "agency",
    "portal:sitemap": SITE,
    "portal:sitemap_section": SITE,
    "portal:api_index": SITE,
    "portal:api_openapi": SITE,
    "portal:api_items": SITE,
    "portal:api_item": SITE,
    "portal:api_reports": SITE,
    "portal:api_report": "agency",
    "publications:index": SITE,
    "publications:catalogue": "agency",
    "publications:item": "agency",
    "annual_reports:agency": "agency",
    "annual_reports:report": "agency",
    "annual_reports:tujie": "agency",
    "annual_reports:download": "agency",
}
SKIP_COOKIES = (
    settings.SESSION_COOKIE_NAME,
    "messages",
    "gk_display",
)  # display: portal/display.py
# Request headers that change the answer before any view runs: another Host must meet Django's
# ALLOWED_HOSTS check, a plain-HTTP request the HTTPS redirect, never a page kept for someone else.
KEYED_HEADERS = ("HTTP_HOST", "HTTP_X_FORWARDED_PROTO")
PUBLIC_MARK = "X-Gongkai-Public-Page"  # set on cacheable public pages, removed by the front
LOCAL_PAGES = 300  # pages per worker process (~50 KB each)
LOCAL_SECONDS = 300  # at most this long, like TIMEOUT a safety net only
LOCAL_BYTES = 32 * 1024 * 1024  # and at most this many bytes of them


class _LocalPages:
    """The most recently used pages of this process, keyed like the shared cache: at most `size`
    pages and `max_bytes` bytes of them (every `?x=N` is another key, so the count alone is no bound)."""

    def __init__(self, size: int, max_bytes: int = LOCAL_BYTES) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self.pages: OrderedDict[str, tuple[float, dict, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.pages.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self.pages.move_to_end(key)
            return entry[1]

    def put(self, key: str, stored: dict, size: int) -> None:
        with self.lock:
            if size > self.max_bytes:
                return
            old = self.pages.pop(key, None)
            if old is not None:
                self.bytes -= old[2]
            self.pages[key] = (time.monotonic() + LOCAL_SECONDS, stored, size)
            self.bytes += size
            while len(self.pages) > self.size or self.bytes > self.max_bytes:
                self.bytes -= self.pages.popitem(last=False)[1][2]


_local_pages = _LocalPages(LOCAL_PAGES)


def _version_key(scope: str) -> str:
    return f"portal:version:{scope}"


# With the file cache, each worker remembers the tokens it read with their file's identity (inode,
# mtime, size): a stat() tells whether another worker replaced the file since, and costs far less
# than opening and unpickling it on every request.
_tokens_seen: dict[str, tuple[tuple[int, int, int], str]] = {}


_files: dict[
    str, str | None
] = {}  # version key → its file (FileBasedCache), None for other backends


def _stamp(key: str) -> tuple[int, int, int] | None:
    path = _files.get(key, "")
    if path == "":
        to_file = getattr(cache, "_key_to_file", None)  # FileBasedCache only
        path = to_file(key) if to_file is not None else None
        _remember(_files, key, path)
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


# A stamp is trusted only once its file is older than the file system's timestamp tick: two later
# bumps in the same tick as this one could otherwise reuse its inode and leave an identical stamp.
_SETTLED_NS = 50_000_000


def version(scope: str) -> str:
    """The current version token of a scope ("site" or an agency id). A token evicted from the cache
    is replaced by a new one, never by a default that older copies could still match."""
    key = _version_key(scope)
    stamp = _stamp(key)  # taken before reading: a change after it shows as a new stamp next time
    if stamp is not None:
        seen = _tokens_seen.get(key)
        if seen is not None and seen[0] == stamp:
            return seen[1]
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    if stamp is not None and time.time_ns() - stamp[1] > _SETTLED_NS:
        _remember(_tokens_seen, key, (stamp, token))
    return token


def public_changed(agency=None) -> None:
    """Something the public sees changed in `agency` (an Agency, an id or None for site-wide): every
    cached page of that agency and every site-wide page (home, county feeds, sitemap, API lists) is
    from now on rendered afresh. Call it after publish, withdraw, correction and report publishing."""
    scopes = [SITE]
    if agency is not None:
        scopes.append(str(getattr(agency, "pk", agency)))
    cache.set_many({_version_key(s): uuid.uuid4().hex for s in scopes}, timeout=None)


def public_changed_on_commit(agency=None) -> None:
    """public_changed now and again once the current transaction commits: the first bump keeps this
    connection (and a test's) from reading a stale page before the commit, the second drops any page a
    concurrent reader cached from the old data in between."""
    public_changed(agency)
    transaction.on_commit(lambda: public_changed(agency))


def _scope(match) -> str | None:
    kind = CACHED_VIEWS.get(match.view_name) if match else None
    if kind is None:
        return None
    if kind == "agency" and "agency_id" in match.kwargs:
        return str(match.kwargs["agency_id"])
    return SITE


_scopes: dict[str, str | None] = {}  # path → scope; the URL patterns do not change while running
_SCOPES_KEPT = 10_000
_PATH_KEPT = 200  # longer paths (a request line may be 64 KB) are resolved each time, not kept


def _remember(memo: dict, key: str, value) -> None:
    """Any path, and so any agency number, can be asked for: keep each memo bounded."""
    if len(memo) >= _SCOPES_KEPT:
        memo.clear()
    memo[key] = value


def _scope_of(path_info: str) -> str | None:
    try:
        return _scopes[path_info]
    except KeyError:
        pass
    try:
        scope = _scope(resolve(path_info))
    except Resolver404:
        scope = None
    if len(path_info) <= _PATH_KEPT:
        _remember(_scopes, path_info, scope)
    return scope


def page_key(method: str, path_info: str, request_line: str, cookies) -> str | None:
    """The cache key of an anonymous GET or HEAD of a cached view, or None. `request_line` is the
    path with its query and anything else that changes the answer; `cookies` the names sent. The key
    holds the current version tokens of the page's scope, so a bump makes every older key unreachable."""
    if method not in ("GET", "HEAD") or any(c in cookies for c in SKIP_COOKIES):
        return None
    scope = _scope_of(path_info)
    if scope is None:
        return None
    versions = version(SITE) if scope == SITE else f"{version(SITE)}:{version(scope)}"
    digest = hashlib.sha256(f"{versions}|{method}|{request_line}".encode()).hexdigest()
    return "portal:page:" + digest


def _etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


class PublicCacheMiddleware:
    """Placed right after SecurityMiddleware (settings.MIDDLEWARE): a hit is answered before the
    session, CSRF, auth, locale, CSP and other middleware run, with the headers they gave the page
    when it was stored; a miss runs the whole chain and stores its final response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        stored = _local_pages.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is None:
                response = self.get_response(request)
                if not self._storable(request, response):
                    return response
                stored = {"content": response.content, "headers": dict(response.items())}
                stored["headers"]["ETag"] = _etag(response.content)
                cache.set(key, stored, timeout=TIMEOUT)
            _local_pages.put(key, stored, len(stored["content"]))
        if stored["headers"]["ETag"] in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = stored["headers"]["ETag"]
        else:
            response = HttpResponse(stored["content"])
            for name, value in stored["headers"].items():
                response[name] = value
        patch_cache_control(response, public=True, max_age=CLIENT_MAX_AGE)
        response[PUBLIC_MARK] = "1"
        return response

    @staticmethod
    def _key(request) -> str | None:
        """The cache key of an anonymous GET of a cached view, or None."""
        meta = request.META
        keyed = "|".join(meta.get(h, "") for h in KEYED_HEADERS)
        request_line = f"{request.get_full_path()}|{keyed}"
        return page_key(request.method, request.path_info, request_line, request.COOKIES)

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


def _forget(setting, **kwargs) -> None:
    """A test that swaps the cache or the URL patterns must not meet this process's memos of the old."""
    if setting == "CACHES":
        _files.clear()
        _tokens_seen.clear()
    elif setting == "ROOT_URLCONF":
        _scopes.clear()


setting_changed.connect(_forget, dispatch_uid="portal-cache-forget")


# -- safety net: every save of what the public sees bumps the versions -----------------------------
def _agency_of(instance):
    if hasattr(instance, "agency_id"):
        return instance.agency_id
    report = getattr(instance, "report", None)  # ReportSnapshot
    return getattr(report, "agency_id", None)


def _changed(sender, instance, **kwargs):
    public_changed_on_commit(_agency_of(instance) or getattr(instance, "pk", None))


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    from gongkai.annual_reports.models import ReportSnapshot
    from gongkai.core.models import Agency, DisclosureGuide
    from gongkai.publications.models import CatalogueColumn, Publication

    for model in (Publication, CatalogueColumn, ReportSnapshot, DisclosureGuide, Agency):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"portal-cache-{model.__name__}")
