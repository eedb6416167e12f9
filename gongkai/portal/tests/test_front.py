"""The ASGI front (portal/front.py) drives the real Django application through a2wsgi: a repeat of a
public page is answered without Django, and never when it would be wrong — after a publish, with a
session, for another Host or scheme, for a POST. Django's own answers (413 before the body is read,
the HTTPS redirect) still come from Django."""

import asyncio
import datetime

import pytest
from django.core.wsgi import get_wsgi_application
from django.test import override_settings

from gongkai.portal.cache import PUBLIC_MARK, public_changed
from gongkai.portal.front import PublicFront

from .public_world import publish

pytestmark = pytest.mark.django_db(transaction=True)  # Django answers in a2wsgi's threads


class Front:
    """The front around the real Django application, counting the requests that reach Django."""

    def __init__(self) -> None:
        django_app = get_wsgi_application()
        self.reached = []

        def counting(environ, start_response):
            self.reached.append(environ["PATH_INFO"])
            return django_app(environ, start_response)

        self.app = PublicFront(counting, threads=2)

    def request(
        self, path, *, method="GET", headers=None, body=b"", query=b"", raw_headers=(), client=None
    ):
        headers = {"host": "testserver", **(headers or {})}
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query,
            "root_path": "",
            "headers": [(k.encode(), v.encode()) for k, v in headers.items()] + list(raw_headers),
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        self.body_reads = 0
        messages = []

        async def receive():
            self.body_reads += 1
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message):
            messages.append(message)

        if client is not None:  # a client that stalls: (receive, send) of its own
            receive, send = client(receive, send)
        # Guard only: a request the front does not finish would otherwise hang the test run.
        asyncio.run(asyncio.wait_for(self.app(scope, receive, send), 60))
        start = messages[0]
        return Answer(
            start["status"],
            {n.decode().lower(): v.decode() for n, v in start["headers"]},
            b"".join(m.get("body", b"") for m in messages[1:]),
        )


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")


@pytest.fixture
def front():
    return Front()


def test_a_repeat_is_answered_by_the_front_with_the_same_headers(front, county, personas):
    town = county["town"]
    publish(personas, town, title="森林防火通告", published_on=datetime.date(2025, 3, 1))
    path = f"/agencies/{town.pk}/"
    first = front.request(path)
    again = front.request(path)
    assert first.status == again.status == 200 and "森林防火通告" in again.text
    assert front.reached == [path]  # the second never reached Django
    assert again.body == first.body
    for header in ("content-security-policy", "x-frame-options", "x-content-type-options", "etag"):
        assert first.headers.get(header) and again.headers[header] == first.headers[header]
    assert PUBLIC_MARK.lower() not in first.headers and PUBLIC_MARK.lower() not in again.headers


def test_a_publish_makes_the_kept_copy_unreachable(front, county, personas):
    town = county["town"]
    path = f"/agencies/{town.pk}/"
    assert "第二条通知" not in front.request(path).text
    publish(personas, town, title="第二条通知", published_on=datetime.date(2025, 4, 1))
    assert "第二条通知" in front.request(path).text
    assert front.reached == [path, path]


def test_a_change_in_another_process_is_seen(front, county, personas):
    """The bump is all another worker leaves behind: no save, no signal in this process."""
    from gongkai.publications.models import Publication

    town = county["town"]
    item = publish(personas, town, title="原来的标题", published_on=datetime.date(2025, 3, 1))
    path = f"/publications/{town.pk}/{item.pk}/"
    assert "原来的标题" in front.request(path).text
    Publication.objects.filter(pk=item.pk).update(title="改过的标题")
    public_changed(town)
    assert "改过的标题" in front.request(path).text


def test_visitors_with_a_session_and_writes_always_reach_django(front, county):
    front.request("/")
    front.request("/", headers={"cookie": "sessionid=abc"})
    front.request("/", headers={"cookie": "gk_display=large"})
    answer = front.request("/requests/apply/", method="POST", body=b"x=1")
    assert answer.status == 403  # CSRF: Django's answer, not a kept page
    assert front.reached == ["/", "/", "/", "/requests/apply/"]


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_another_host_never_gets_the_kept_page(front):
    assert front.request("/").status == 200
    answer = front.request("/", headers={"host": "evil.example"})
    assert answer.status == 400  # DisallowedHost, from Django
    assert front.reached == ["/", "/"]


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_a_page_kept_for_https_is_not_served_over_http():
    front = Front()  # built under the production setting (SecurityMiddleware reads it once)
    https = {"x-forwarded-proto": "https"}
    assert front.request("/", headers=https).status == 200
    assert front.request("/", headers=https).status == 200
    plain = front.request("/")
    assert plain.status == 301 and plain.headers["location"].startswith("https://")
    assert front.reached == ["/", "/"]


def test_if_none_match_gets_304_from_the_front(front):
    etag = front.request("/").headers["etag"]
    answer = front.request("/", headers={"if-none-match": etag})
    assert answer.status == 304 and answer.body == b"" and answer.headers["etag"] == etag
    assert front.reached == ["/"]


def test_a_large_upload_is_refused_before_its_body_is_read(front):
    answer = front.request(
        "/requests/apply/",
        method="POST",
        headers={"content-length": str(500 * 1024 * 1024), "content-type": "multipart/form-data"},
    )
    assert answer.status == 413 and "过大" in answer.text
    assert front.body_reads == 0


def test_staff_pages_and_files_pass_through(front, personas):
    assert front.request("/publications/staff/").status == 302  # to the login
    css = front.request("/static/core/site.css")
    assert css.status in (200, 404)  # whitenoise answers (404 before collectstatic), not the front
    front.request("/publications/staff/")
    assert front.reached.count("/publications/staff/") == 2


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_a_repeated_forwarded_proto_cannot_make_a_page_for_plain_http():
    """Django reads repeated headers joined ("https,http": HTTPS); the key must read them so too."""
    front = Front()
    tricked = front.request("/", headers={"x-forwarded-proto": "https"}, raw_headers=[
        (b"x-forwarded-proto", b"http")])  # fmt: skip
    assert tricked.status == 200
    plain = front.request("/", headers={"x-forwarded-proto": "http"})
    assert plain.status == 301 and plain.headers["location"].startswith("https://")


def test_pages_kept_by_the_front_are_bounded_in_bytes(front, monkeypatch):
    """Every `?x=N` is another key: what the front keeps must stay within its byte budget."""
    page = len(front.request("/").body)
    monkeypatch.setattr(front.app.pages, "max_bytes", 3 * page, raising=False)
    for n in range(10):
        assert front.request("/", query=f"x={n}".encode()).status == 200
    kept = sum(len(entry[1]["body"]) for entry in front.app.pages.pages.values())
    assert 0 < kept <= 3 * page


@override_settings(GONGKAI_TRUSTED_PROXIES=["127.0.0.1"])
def test_an_underscored_header_cannot_add_to_what_the_proxy_wrote(front):
    """a2wsgi maps X_Forwarded_For to the same variable as X-Forwarded-For; gunicorn dropped it."""
    seen = {}
    django_app = front.app.django.app

    def recording(environ, start_response):
        seen.update(environ)
        return django_app(environ, start_response)

    front.app.django.app = recording
    front.request("/accounts/login/", headers={"x-forwarded-for": "203.0.113.7"},
                  raw_headers=[(b"x_forwarded_for", b"198.51.100.66")])  # fmt: skip
    assert seen["HTTP_X_FORWARDED_FOR"] == "203.0.113.7"


def test_a_client_that_stops_reading_does_not_hold_the_request_for_ever(front, monkeypatch):
    """Once the socket buffers are full, uvicorn's send waits for the client; a2wsgi's thread waits
    for that send. A client that never reads must be let go, freeing Django's thread."""
    monkeypatch.setattr("gongkai.portal.front.CLIENT_TIMEOUT", 0.2, raising=False)
    sent = []

    def never_reading(receive, send):
        async def stalled(message):
            sent.append(message["type"])
            if message["type"] == "http.response.body":
                await asyncio.Event().wait()

        return receive, stalled

    with pytest.raises(IndexError):  # the answer never completed: nothing but the start was sent
        front.request("/", client=never_reading)
    assert sent[0] == "http.response.start"


def test_a_client_that_stops_sending_its_body_does_not_hold_a_thread(front, monkeypatch):
    monkeypatch.setattr("gongkai.portal.front.CLIENT_TIMEOUT", 0.2, raising=False)

    def never_sending(receive, send):
        async def stalled():
            await asyncio.Event().wait()

        return stalled, send

    headers = {"content-length": "100", "content-type": "application/x-www-form-urlencoded"}
    answer = front.request("/requests/apply/", method="POST", headers=headers, client=never_sending)
    assert answer.status == 403  # Django answered (CSRF) with what came, instead of waiting
