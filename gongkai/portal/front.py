"""The ASGI front of the platform: repeats of public pages are answered here, everything else by Django.

gunicorn runs this with uvicorn's worker (gongkai/config/gunicorn.py). Django itself stays a WSGI
application, run in a small pool of threads (a2wsgi), so it behaves exactly as under a sync server:
the request body is read only when Django asks for it (BodySizeLimitMiddleware still refuses a large
upload by its Content-Length first), database connections are per thread and kept.

A public page is answered here only when Django marked its response as a cacheable public page
(`cache.PUBLIC_MARK`, set by PublicCacheMiddleware, which alone decides what is public). The front
keeps that final response — with every header the middleware chain gave it — in this process's
memory, under `cache.page_key` of the request: the same version tokens as Django's cache (so a
publish, withdrawal or correction by any worker makes the copy unreachable at once), the method, the
path with its query, and the request headers that change Django's answer before any view runs (Host,
X-Forwarded-Proto). A request with a session, message or display cookie is never answered here.

The event loop also keeps slow clients from tying up Django: a county PC on a slow line holds a
connection, not one of the threads.
"""

from __future__ import annotations

import asyncio
import os

from a2wsgi import WSGIMiddleware
from django.http.cookie import parse_cookie

from gongkai.portal import cache

MAX_PAGE_BYTES = 2 * 1024 * 1024  # larger public responses (report downloads) are not kept here
# Seconds a client may take to send the next part of its request body, or to take the next part of
# the answer (nginx's client_body_timeout and send_timeout): a2wsgi's thread waits for either, and a
# client that stalls must not hold one of Django's few threads for ever.
CLIENT_TIMEOUT = 60
_MARK = cache.PUBLIC_MARK.lower().encode()
_KEYED_HEADERS = tuple(h[5:].replace("_", "-").lower().encode() for h in cache.KEYED_HEADERS)


def _threads() -> int:
    """Django threads per worker process (GONGKAI_THREADS, default 4). More threads let slow pages
    overlap; SQLite still writes one at a time, so a few are enough."""
    try:
        return max(1, int(os.environ.get("GONGKAI_THREADS", "4")))
    except ValueError:
        return 4


class PublicFront:
    def __init__(self, wsgi_app, threads: int | None = None) -> None:
        self.django = WSGIMiddleware(wsgi_app, workers=threads or _threads())
        self.pages = cache._LocalPages(cache.LOCAL_PAGES)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":  # websockets: nothing here speaks them
            return
        scope = _without_underscored_headers(scope)
        headers = _joined(scope["headers"])
        key = self._key(scope, headers)
        if key is not None:
            page = self.pages.get(key)
            if page is not None:
                await _replay(page, headers, send)
                return
            send = self._keeping(key, send)
        else:
            send = _unmarking(send)
        await self.django(scope, _patient_receive(receive), _patient_send(send))

    @staticmethod
    def _key(scope, headers) -> str | None:
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            return None
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
        query = scope.get("query_string", b"").decode("latin-1")
        keyed = "|".join(headers.get(h, b"").decode("latin-1") for h in _KEYED_HEADERS)
        request_line = f"{scope['path']}?{query}|{keyed}"
        path_info = scope["path"][len(scope.get("root_path", "")) :] or "/"
        return cache.page_key(method, path_info, request_line, cookies)

    def _keeping(self, key: str, send):
        """Pass Django's response on; if it is marked public, keep it under `key` once complete."""
        kept: dict = {}

        async def forward(message) -> None:
            if message["type"] == "http.response.start":
                marked = any(name.lower() == _MARK for name, _ in message.get("headers", ()))
                message = _without_mark(message)
                if marked and message["status"] == 200:
                    kept.update(headers=message["headers"], body=[], size=0)
            elif message["type"] == "http.response.body" and kept:
                chunk = message.get("body", b"")
                kept["size"] += len(chunk)
                if kept["size"] > MAX_PAGE_BYTES:
                    kept.clear()
                else:
                    kept["body"].append(chunk)
                    if not message.get("more_body", False):
                        body = b"".join(kept["body"])
                        self.pages.put(key, _page(kept["headers"], body), len(body))
            await send(message)

        return forward


def _without_underscored_headers(scope) -> dict:
    """Drop request headers with "_" in their name, as gunicorn and nginx do: a2wsgi would make
    `X_Forwarded_For` the same WSGI variable as `X-Forwarded-For` and join the two, so a client could
    add addresses behind those our proxy wrote (gongkai/core/client_address.py)."""
    headers = scope["headers"]
    if not any(b"_" in name for name, _ in headers):
        return scope
    return {**scope, "headers": [(n, v) for n, v in headers if b"_" not in n]}


def _joined(headers) -> dict[bytes, bytes]:
    """The request headers as Django reads them from a2wsgi: a repeated header's values joined by
    commas (so "X-Forwarded-Proto: https" then "…: http" is HTTPS to Django, and to the key)."""
    joined: dict[bytes, bytes] = {}
    for name, value in headers:
        joined[name] = joined[name] + b"," + value if name in joined else value
    return joined


def _patient_receive(receive):
    """The request body as it comes; a client silent for CLIENT_TIMEOUT counts as gone (Django then
    sees a short body and answers, instead of its thread waiting)."""

    async def bounded():
        try:
            return await asyncio.wait_for(receive(), CLIENT_TIMEOUT)
        except TimeoutError:
            return {"type": "http.disconnect"}

    return bounded


def _patient_send(send):
    """Pass the answer on; once the client has not taken a part for CLIENT_TIMEOUT, drop the rest, so
    that Django's thread finishes (uvicorn then closes the connection of the unfinished answer)."""
    gone = False

    async def bounded(message) -> None:
        nonlocal gone
        if gone:
            return
        try:
            await asyncio.wait_for(send(message), CLIENT_TIMEOUT)
        except TimeoutError:
            gone = True

    return bounded


def _unmarking(send):
    async def forward(message) -> None:
        if message["type"] == "http.response.start":
            message = _without_mark(message)
        await send(message)

    return forward


def _without_mark(message: dict) -> dict:
    headers = [(n, v) for n, v in message.get("headers", ()) if n.lower() != _MARK]
    return {**message, "headers": headers}


def _page(headers: list, body: bytes) -> dict:
    etag = next((v for n, v in headers if n.lower() == b"etag"), None)
    return {"headers": headers, "body": body, "etag": etag}


async def _replay(page: dict, request_headers: dict, send) -> None:
    etag = page["etag"]
    if etag and etag in request_headers.get(b"if-none-match", b""):
        not_modified = [
            (n, v) for n, v in page["headers"] if n.lower() in (b"etag", b"cache-control")
        ]
        await send({"type": "http.response.start", "status": 304, "headers": not_modified})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": page["headers"]})
    await send({"type": "http.response.body", "body": page["body"]})


async def _lifespan(receive, send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
