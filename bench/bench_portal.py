"""Benchmark: the public portal under the real server, against nginx serving the same pages.

1. A data dir with N published items (default 200,000) across 300 agencies, made by bench_search's
   generator and indexed with `reindex_all` (timed; target < 5 minutes). GONGKAI_BENCH_DATA_DIR=<dir>
   keeps it, and a later run with the same variable reuses it (no generating, no indexing).
2. gunicorn as `make run` starts it: gongkai.config.asgi with gongkai/config/gunicorn.py, 2 workers,
   the local settings (SQLite, file cache), GONGKAI_RATELIMIT=off.
3. nginx (Debian's package; `apt-get install -y nginx` where missing) on a loopback port with a temp
   config, run as the current user, serving saved copies of the same pages as static files; and, on a
   second port, the production set-up: nginx in front of gunicorn with `proxy_cache`, which keeps a
   public page as long as its `Cache-Control: public, max-age=60` allows.
4. `wrk` (Debian's package, installed the same way) with C concurrent connections for D seconds per
   target: the home page, item pages (20 different ones) and the search page (a mix of queries:
   two-character words, broad phrases, 文号 in two bracket styles, filters, pages 1 and 5).
   Printed: requests/s, p50/p95, and CPU time per request of the server's processes.

Targets: cached pages (home, item) ≥ 25% of nginx's requests/s; search p95 < 100 ms.
Run: .venv/bin/python bench/bench_portal.py [N_ITEMS] [CONNECTIONS] [SECONDS]
"""

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))

SEARCHES = [
    ({"q": "低保"}, 1),
    ({"q": "医保"}, 1),
    ({"q": "补贴"}, 5),
    ({"q": "乡村振兴"}, 1),
    ({"q": "政府信息公开"}, 1),
    ({"q": "政府信息公开"}, 5),
    ({"q": "森林防火 通知"}, 1),
    ({"q": "耕地地力保护补贴"}, 1),
    ({"q": "招聘", "year": "2025"}, 1),
    ({"q": "低保", "agency": "TOWN"}, 1),
    ({"q": "补贴", "column": "财政资金"}, 1),
    ({"q": "卢政〔2024〕15号"}, 1),
    ({"q": "卢政[2024]15号"}, 1),
    ({"q": "朱阳关 医保"}, 1),
    ({"q": "不动产登记收费标准"}, 1),
]

WRK_SCRIPT = """
local paths = {%s}
local i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50),
    latency:percentile(95)))
end
"""


def ensure_tool(binary: str, package: str) -> str:
    found = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin")
    if found:
        return found
    print(f"{binary} missing: apt-get install -y {package}")
    subprocess.run(["apt-get", "install", "-y", package], check=True, capture_output=True)
    return shutil.which(binary, path="/usr/sbin:/usr/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_data(data_dir: Path, n_items: int) -> None:
    """Generate and index the items in a child process (bench_search sets up Django at import)."""
    if (data_dir / "gongkai.sqlite3").exists():
        print(f"reusing {data_dir}")
        return
    code = f"import bench_search; bench_search.prepare({n_items}, 300)"
    env = {**os.environ, "GONGKAI_BENCH_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT / "bench")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)


def server_env(data_dir: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.local",
        "GONGKAI_DATA_DIR": str(data_dir),
        "GONGKAI_RATELIMIT": "off",
        "GONGKAI_DEMO": "0",
    }


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no answer from {url}")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200, url
        return response.read()


def cpu_seconds(pids: list[int]) -> float:
    """utime + stime of these processes and their live children (gunicorn workers, nginx workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    seen = set()
    queue = list(pids)
    while queue:
        pid = queue.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        queue += [int(c) for c in children]
    return total


def run_wrk(wrk: str, base: str, paths: list[str], pids, connections: int, seconds: int, tmp: Path):
    script = tmp / f"wrk-{abs(hash((base, tuple(paths))))}.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths), encoding="utf-8")
    cpu0 = cpu_seconds(pids)
    out = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = cpu_seconds(pids) - cpu0
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    requests, duration_us, errors, p50_us, p95_us = (int(v) for v in line.split()[1:])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50_us / 1000,
        "p95": p95_us / 1000,
        "errors": errors,
        "cpu_ms": cpu / max(requests, 1) * 1000,
        "requests": requests,
    }


def nginx_config(root: Path, prefix: Path, port: int, proxy_port: int, upstream: int) -> Path:
    user = pwd.getpwuid(os.getuid()).pw_name
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""
{"user " + user + ";" if os.geteuid() == 0 else ""}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log {prefix}/access.log;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  default_type text/html;
  charset utf-8;
  sendfile on;
  server {{
    listen 127.0.0.1:{port};
    root {root};
  }}
  # nginx in front of gunicorn, keeping pages as long as their Cache-Control allows (max-age=60)
  proxy_cache_path {prefix}/pages keys_zone=pages:10m max_size=1g inactive=10m use_temp_path=off;
  server {{
    listen 127.0.0.1:{proxy_port};
    location / {{
      proxy_pass http://127.0.0.1:{upstream};
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_bypass $cookie_sessionid $cookie_messages;
      proxy_no_cache $cookie_sessionid $cookie_messages;
    }}
  }}
}}
""",
        encoding="utf-8",
    )
    return conf


def main(n_items: int = 200_000, connections: int = 8, seconds: int = 10) -> None:
    nginx = ensure_tool("nginx", "nginx")
    wrk = ensure_tool("wrk", "wrk")
    keep = os.environ.get("GONGKAI_BENCH_DATA_DIR")
    data_dir = Path(keep or tempfile.mkdtemp(prefix="gongkai-portal-bench-"))
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-portal-nginx-"))
    prepare_data(data_dir, n_items)
    env = server_env(data_dir)
    gongkai = str(VENV_BIN / "gongkai")
    subprocess.run([gongkai, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [gongkai, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT
    )

    import sqlite3

    db = sqlite3.connect(data_dir / "gongkai.sqlite3")
    items = db.execute(
        "SELECT agency_id, id FROM publications_publication WHERE status = 'published' "
        "ORDER BY id LIMIT 20 OFFSET 1000"
    ).fetchall()
    town = db.execute("SELECT id FROM core_agency ORDER BY id LIMIT 1 OFFSET 1").fetchone()[0]
    db.close()

    port, static_port, proxy_port = free_port(), free_port(), free_port()
    gunicorn = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "gongkai.config.asgi", "-c", "python:gongkai.config.gunicorn",
         "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    static = tmp / "root"
    nginx_proc = None
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/", gunicorn)
        pages = {"home": ["/"], "item": [f"/publications/{a}/{i}/" for a, i in items], "search": []}
        for params, page in SEARCHES:
            params = {k: (str(town) if v == "TOWN" else v) for k, v in params.items()}
            if page > 1:
                params["page"] = str(page)
            pages["search"].append("/search/?" + urlencode(params))
        static_paths = {}
        for name, paths in pages.items():  # warms the cache; saves the copies nginx serves
            static_paths[name] = []
            for number, path in enumerate(paths):
                for _ in range(2):
                    body = fetch(base + path)
                file = static / name / f"{number}.html"
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(body)
                static_paths[name].append(f"/{name}/{number}.html")

        prefix = tmp / "nginx"
        prefix.mkdir()
        conf = nginx_config(static, prefix, static_port, proxy_port, port)
        nginx_proc = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{static_port}/home/0.html", nginx_proc)

        load = os.getloadavg()
        print(
            f"\n{connections} connections, {seconds} s per target, load average "
            f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs)"
        )
        print(
            f"{'page':<8}{'clients':>8}  {'server':<16}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'CPU ms/req':>12}"
        )
        results = {}
        # search also with one client per gunicorn worker: its p95 without queueing behind others
        for name, clients in (("home", connections), ("item", connections), ("search", 2),
                              ("search", connections)):  # fmt: skip
            servers = [
                ("gunicorn", base, pages[name], [gunicorn.pid]),
                ("nginx", f"http://127.0.0.1:{static_port}", static_paths[name], [nginx_proc.pid]),
            ]
            if name != "search":  # the production set-up: nginx caching gunicorn's public pages
                proxied = f"http://127.0.0.1:{proxy_port}"
                servers.append(
                    ("nginx→gunicorn", proxied, pages[name], [nginx_proc.pid, gunicorn.pid])
                )
            for server, url, paths, pids in servers:
                r = run_wrk(wrk, url, paths, pids, clients, seconds, tmp)
                results[name, clients, server] = r
                errors = f"  {r['errors']} errors" if r["errors"] else ""
                print(
                    f"{name:<8}{clients:>8}  {server:<16}{r['rps']:>9,.0f}{r['p50']:>9.1f}"
                    f"{r['p95']:>9.1f}{r['cpu_ms']:>12.2f}{errors}"
                )
        print()
        for name in ("home", "item"):
            static_rps = results[name, connections, "nginx"]["rps"]
            for server in ("gunicorn", "nginx→gunicorn"):
                share = results[name, connections, server]["rps"] / static_rps
                print(
                    f"{name}: {server} at {share:.0%} of nginx's static throughput "
                    f"(target ≥ 25%) {'OK' if share >= 0.25 else 'SLOW'}"
                )
        for clients in (2, connections):
            p95 = results["search", clients, "gunicorn"]["p95"]
            print(
                f"search p95 with {clients} clients {p95:.0f} ms (target < 100 ms) "
                f"{'OK' if p95 < 100 else 'SLOW'}"
            )
    finally:
        for proc in (gunicorn, nginx_proc):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:4]])
