"""Load benchmark of the public portal on the real server, as `make run` starts it.

Starts gunicorn (2 workers, SQLite, `gongkai.config.gunicorn`) on a free port with a fresh data
directory holding the demo county, and `GONGKAI_RATELIMIT=off` (the rate limits would otherwise
refuse a flood from one address — that is their job). Then:

1. 200 online applications from 20 concurrent clients (each fetches the form for its CSRF token,
   posts it, and — the form is Post/Redirect/Get — follows the 303 to the receipt page with its
   session cookie, where it reads the query code and the secret shown once; an application counts
   as a success only when that receipt showed both, and its time is the POST and the GET together);
2. 2,000 status lookups from 20 clients with the query codes and secrets just received;
3. 100 more applications while one gunicorn worker is killed with SIGKILL part-way through.

Prints throughput, p50, p95 and errors for each phase; checks that the rows in the database equal
the successes, that every application whose receipt was shown is in the database after the kill,
and that `PRAGMA integrity_check` and `gongkai audit verify` pass. Exits 1 when a check fails.
Targets: errors 0, rows == successes, apply p95 < 1 s, lookups >= 200/s.

    .venv/bin/python bench/bench_apply.py [--applications 200] [--lookups 2000] [--clients 20]
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
AGENCY_OPTION = re.compile(r'<option value="(\d+)"')
RECEIPT = re.compile(r'id="query-code">([^<]+)</span>.*?id="secret"[^>]*>([^<]+)</span>', re.S)


@dataclass
class Phase:
    name: str
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    receipts: list[tuple[str, str]] = field(default_factory=list)
    wall: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, seconds: float, receipt: tuple[str, str] | None = None) -> None:
        with self.lock:
            self.times.append(seconds)
            if receipt:
                self.receipts.append(receipt)

    def fail(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)

    def report(self) -> str:
        n = len(self.times)
        if not n:
            return f"{self.name}: no successes, {len(self.errors)} errors"
        q = statistics.quantiles(self.times, n=20) if n > 1 else [self.times[0]] * 19
        return (
            f"{self.name}: {n} ok, {len(self.errors)} errors, {n / self.wall:.1f}/s, "
            f"p50 {statistics.median(self.times) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Answer(NamedTuple):
    status: int
    text: str
    cookie: str  # the cookies the response set, as a Cookie header
    location: str  # the path of a redirect, else ""


def with_cookies(cookie: str, more: str) -> str:
    """`cookie` with the cookies of `more` added or replaced (name=value; …)."""
    jar = dict(c.split("=", 1) for c in f"{cookie}; {more}".split("; ") if "=" in c)
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def request(port: int, method: str, path: str, body: dict | None = None, cookie: str = ""):
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://{HOST}:{port}{path}"
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookies = [
            v.split(";", 1)[0] for k, v in response.getheaders() if k.lower() == "set-cookie"
        ]
        location = urllib.parse.urlsplit(response.getheader("Location", "")).path
        return Answer(response.status, text, "; ".join(cookies), location)
    finally:
        conn.close()


def csrf(port: int, path: str) -> tuple[str, str, str]:
    status, text, cookie, _ = request(port, "GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path} → HTTP {status}")
    return CSRF_INPUT.search(text).group(1), cookie, text


def application_form(n: int, agency: str, token: str) -> dict:
    # A valid 18-character ID number (check digit computed per GB 11643).
    body17 = f"11010119900101{n % 1000:03d}"  # born 1990-01-01, sequence n
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights, strict=True)) % 11]
    return {
        "csrfmiddlewaretoken": token,
        "agency": agency,
        "applicant_type": "natural_person",
        "applicant_name": f"压测申请人{n}",
        "id_number": body17 + check,
        "contact": f"1380000{n % 10000:04d}",
        "address": "某县某镇某路1号",
        "content": f"请公开2025年本镇道路硬化项目的招标文件和验收报告（压测第{n}份）。",
        "form_requested": "electronic",
        "privacy_acknowledged": "on",
    }


def apply_one(port: int, n: int, phase: Phase) -> None:
    try:
        start = time.perf_counter()
        token, cookie, text = csrf(port, "/requests/apply/")
        agency = AGENCY_OPTION.search(text).group(1)
        posted = request(
            port, "POST", "/requests/apply/", application_form(n, agency, token), cookie
        )
        if posted.status != 303 or not posted.location.startswith("/requests/apply/receipt/"):
            phase.fail(f"#{n}: HTTP {posted.status} (expected 303 to the receipt)")
            return
        # The receipt belongs to the session that filed: send its cookie with the GET.
        receipt = request(port, "GET", posted.location, cookie=with_cookies(cookie, posted.cookie))
        elapsed = time.perf_counter() - start
    except Exception as exc:  # connection reset by a killed worker, timeouts…
        phase.fail(f"#{n}: {exc.__class__.__name__}: {exc}")
        return
    found = RECEIPT.search(receipt.text)
    if receipt.status == 200 and found:
        code, secret = (html.unescape(g).strip() for g in found.groups())
        phase.ok(elapsed, (code, secret.replace(" ", "")))
    else:
        phase.fail(f"#{n}: receipt HTTP {receipt.status}, no query code and secret")


def run_phase(phase: Phase, clients: int, jobs) -> Phase:
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for job in jobs:
            pool.submit(job)
    phase.wall = time.perf_counter() - start
    print(phase.report(), flush=True)
    for error in phase.errors[:5]:
        print("   ", error)
    return phase


def lookups(port: int, receipts, count: int, clients: int) -> Phase:
    phase = Phase("lookups")
    per_client = [csrf(port, "/requests/lookup/")[:2] for _ in range(clients)]

    def one(i: int) -> None:
        token, cookie = per_client[i % clients]
        code, secret = receipts[i % len(receipts)]
        body = {"csrfmiddlewaretoken": token, "query_code": code, "secret": secret}
        try:
            start = time.perf_counter()
            status, text, _, _ = request(port, "POST", "/requests/lookup/", body, cookie)
            elapsed = time.perf_counter() - start
        except Exception as exc:
            phase.fail(f"lookup {i}: {exc}")
            return
        if status == 200 and "<h2>查询结果</h2>" in text:
            phase.ok(elapsed)
        else:
            phase.fail(f"lookup {i}: HTTP {status}")

    return run_phase(phase, clients, (lambda i=i: one(i) for i in range(count)))


def worker_pids(master: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def db_codes(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT query_code FROM applications_application WHERE applicant_name LIKE '压测申请人%'"
        )
        return {r[0] for r in rows}


def start_server(data: Path, port: int, env: dict) -> subprocess.Popen:
    gongkai = str(VENV_BIN / "gongkai")
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([gongkai, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    log = open(data / "gunicorn.log", "wb")  # noqa: SIM115 (lives as long as the server)
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "gongkai.config.asgi",
            "-c",
            "python:gongkai.config.gunicorn",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        try:
            if (
                request(port, "GET", "/requests/apply/")[0] == 200
                and len(worker_pids(server.pid)) == 2
            ):
                return server
        except OSError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit(f"服务器未能启动，见 {data / 'gunicorn.log'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--kill-applications", type=int, default=100)
    parser.add_argument(
        "--settings",
        default="gongkai.config.settings.local",
        help="settings module, as `make run` uses (another one only for comparisons)",
    )
    options = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="gongkai-bench-apply-"))
    db = data / "gongkai.sqlite3"
    port = free_port()
    env = {
        **os.environ,
        "GONGKAI_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": options.settings,
        "GONGKAI_RATELIMIT": "off",
    }
    env.pop("DATABASE_URL", None)
    server = start_server(data, port, env)
    failures: list[str] = []
    try:
        print(f"server: gunicorn, 2 workers, SQLite {db}")
        apply = Phase("apply")
        run_phase(
            apply,
            options.clients,
            (lambda n=n: apply_one(port, n, apply) for n in range(options.applications)),
        )
        rows = len(db_codes(db))
        print(f"rows in the database: {rows} (successes: {len(apply.times)})")
        if rows != len(apply.times):
            failures.append("rows ≠ successes after the apply phase")
        if apply.errors:
            failures.append(f"apply errors: {len(apply.errors)}")
        if apply.times and statistics.quantiles(apply.times, n=20)[18] >= 1.0:
            failures.append("apply p95 ≥ 1 s")

        look = lookups(
            port, apply.receipts or [("GK0000000000", "x")], options.lookups, options.clients
        )
        if look.errors:
            failures.append(f"lookup errors: {len(look.errors)}")
        if look.wall and len(look.times) / look.wall < 200:
            failures.append("lookups < 200/s")

        killed = Phase("apply while a worker is killed")
        first = options.applications
        victim = worker_pids(server.pid)[0]

        def kill_later() -> None:
            while len(killed.times) + len(killed.errors) < options.kill_applications // 3:
                time.sleep(0.01)
            os.kill(victim, signal.SIGKILL)
            print(f"   SIGKILL → worker {victim}", flush=True)

        killer = threading.Thread(target=kill_later)
        killer.start()
        run_phase(
            killed,
            options.clients,
            (
                lambda n=n: apply_one(port, n, killed)
                for n in range(first, first + options.kill_applications)
            ),
        )
        killer.join()
        codes = db_codes(db)
        shown = {code for code, _ in apply.receipts + killed.receipts}
        lost = shown - codes
        print(
            f"after the kill: {len(codes)} rows, {len(shown)} receipts shown, {len(lost)} lost, "
            f"{len(codes) - len(shown)} committed whose response died with the worker"
        )
        if lost:
            failures.append(f"{len(lost)} committed applications lost")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    with sqlite3.connect(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    print(f"PRAGMA integrity_check: {integrity}")
    if integrity != "ok":
        failures.append("integrity_check failed")
    audit = subprocess.run(
        [str(VENV_BIN / "gongkai"), "audit", "verify"], env=env, capture_output=True, text=True
    )
    print(f"gongkai audit verify: {(audit.stdout + audit.stderr).strip()}")
    if audit.returncode:
        failures.append("audit chain broken")
    for failure in failures:
        print("MISSED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
