"""An oversized request body is refused with 413 before anything reads it (issue 9, item 9)."""

import socket

import pytest

from gongkai.annual_reports.inspection import MAX_UPLOAD as CHECK_FORM_LIMIT
from gongkai.core.body_limits import body_limit_for
from gongkai.core.ledger_views import MAX_UPLOAD as LEDGER_FORM_LIMIT

MB = 1024 * 1024


class Stream:
    """A request body that records whether anyone read it."""

    def __init__(self):
        self.reads = 0

    def read(self, *args):
        self.reads += 1
        return b""

    readline = read


def post(client, path, length, **extra):
    stream = Stream()
    response = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": stream},
        **extra,
    )
    return response, stream


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,length",
    [
        ("/requests/apply/", 200 * MB),  # the attack: anonymous, no CSRF token
        ("/requests/lookup/", 6 * MB),
        ("/admin/login/", 6 * MB),
        ("/reports/check/", 52 * MB),
        ("/staff/ledgers/", 12 * MB),
    ],
)
def test_too_long_a_body_gets_413_unread(client, path, length):
    response, stream = post(client, path, length)
    assert response.status_code == 413 and stream.reads == 0
    html = response.content.decode()
    assert "提交的内容过大" in html and "最多接收" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,length", [("/requests/apply/", 100 * 1024), ("/reports/check/", 45 * MB)]
)
def test_a_body_within_the_limit_goes_on(client, path, length):
    response, _ = post(client, path, length)
    assert response.status_code not in (411, 413)  # CSRF or login decide


def test_upload_pages_take_what_their_forms_allow():
    # The form's own limit gives the friendlier message; the body limit must not cut it off.
    assert CHECK_FORM_LIMIT < body_limit_for("/reports/check/") <= CHECK_FORM_LIMIT + 2 * MB
    assert LEDGER_FORM_LIMIT < body_limit_for("/staff/ledgers/") <= LEDGER_FORM_LIMIT + 2 * MB
    assert body_limit_for("/requests/apply/") <= 5 * MB
    assert body_limit_for("/reports/2/2025/") == body_limit_for("/")


@pytest.mark.django_db
def test_chunked_and_malformed_lengths(client):
    chunked, stream = post(client, "/requests/apply/", 0, HTTP_TRANSFER_ENCODING="chunked")
    assert chunked.status_code == 411 and stream.reads == 0
    assert "内容长度" in chunked.content.decode()
    bad, stream = post(client, "/requests/apply/", "12abc")
    assert bad.status_code == 400 and stream.reads == 0
    negative, _ = post(client, "/requests/apply/", -5)
    assert negative.status_code == 400


def test_against_a_live_server(live_server):
    """A raw socket announces 200 MB and sends almost nothing: the answer comes at once."""
    host, port = live_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(
            b"POST /requests/apply/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: 209715200\r\n\r\n--x\r\n"
        )
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    assert reply.split(b"\r\n", 1)[0].endswith(b"413 Request Entity Too Large")
