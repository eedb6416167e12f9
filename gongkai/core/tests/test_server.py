"""The server as `make run` and the deployment docs start it: gunicorn with the platform's worker and
config, on a fresh data directory. It starts, answers pages (a repeat from the front, identical),
refuses a POST without CSRF and a large upload by its Content-Length, and stops cleanly."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

VENV_BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, method="GET", headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.fixture
def server(tmp_path):
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.local",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([str(VENV_BIN / "gongkai"), "migrate", "-v", "0"], env=env, check=True)
    port = free_port()
    command = [
        str(VENV_BIN / "gunicorn"),
        "gongkai.config.asgi",
        "-c",
        "python:gongkai.config.gunicorn",
    ]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2"]
    log = (tmp_path / "gunicorn.log").open("w")
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90  # a busy machine: the workers load WeasyPrint and the fonts
    while True:
        try:
            get(port, "/")
            break
        except OSError:
            assert proc.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not answer within 90 s"
            time.sleep(0.5)
    yield port, proc
    proc.terminate()
    proc.wait(timeout=30)


def test_the_server_as_shipped(server):
    port, proc = server
    first = get(port, "/")
    again = get(port, "/")
    assert first[0] == again[0] == 200
    assert again[2] == first[2] and "政府信息公开" in first[2].decode()
    assert "x-gongkai-public-page" not in {k.lower() for k in again[1]}
    assert "server" not in {k.lower() for k in again[1]}  # no software banner
    assert again[1].get("content-security-policy")
    status, _, body = get(port, "/requests/apply/", method="POST", body=b"name=x",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status == 403
    status, _, body = get(port, "/requests/apply/", method="POST", body=b"",
                          headers={"Content-Length": str(300 * 1024 * 1024)})  # fmt: skip
    assert status == 413 and "过大" in body.decode()
    proc.terminate()
    assert proc.wait(timeout=30) == 0


def raw_exchange(port, data: bytes) -> bytes:
    """Send `data`, then read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(data)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
        return answer


def refused(port, data: bytes) -> bool:
    try:
        answer = raw_exchange(port, data)
    except ConnectionError:  # closed (400 sent) while the rest was still being sent
        return True
    return answer.startswith(b"HTTP/1.1 400")


def test_the_server_refuses_huge_request_heads(server):
    port, _ = server
    huge = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + b"a" * (4 * 1024 * 1024)
    assert refused(port, huge + b"\r\nConnection: close\r\n\r\n")
    many = b"".join(b"X-%d: %s\r\n" % (i, b"a" * 100) for i in range(2000))
    assert refused(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + b"\r\n")
    # an upload whose body arrives with its head is not a large head
    status, _, _ = get(port, "/requests/apply/", method="POST", body=b"x" * 500_000,
                       headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status in (403, 413)


def test_a_request_the_server_cannot_read_gets_a_chinese_400(server):
    port, _ = server
    answer = raw_exchange(port, b"NOT A REQUEST\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400")
    assert "请求格式有误" in answer.decode("utf-8", "replace")


def test_a_connection_that_never_sends_its_head_is_closed(monkeypatch):
    """No request ever arrives: uvicorn alone would keep the connection open for ever."""
    import asyncio

    from uvicorn.config import Config
    from uvicorn.server import ServerState

    from gongkai.config import worker

    class Transport:
        closed = False

        def get_extra_info(self, name, default=None):
            return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name)

        def is_closing(self):
            return self.closed

        def close(self):
            self.closed = True

        def write(self, data):
            pass

    async def app(scope, receive, send):  # never reached
        raise AssertionError

    monkeypatch.setattr(worker, "HEAD_TIMEOUT", 0.05)

    async def scenario():
        config = Config(app=app, http=worker.GuardedHttpToolsProtocol, lifespan="off")
        protocol = worker.GuardedHttpToolsProtocol(config=config, server_state=ServerState(),
                                                   app_state={})  # fmt: skip
        silent, slow = Transport(), Transport()
        protocol.connection_made(silent)
        other = worker.GuardedHttpToolsProtocol(config=config, server_state=ServerState(),
                                                app_state={})  # fmt: skip
        other.connection_made(slow)
        other.data_received(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and then nothing
        while not (silent.closed and slow.closed):
            await asyncio.sleep(0.01)

    asyncio.run(asyncio.wait_for(scenario(), 30))
