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
