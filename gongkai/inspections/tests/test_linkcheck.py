"""The link checker against a local HTTP server (200 / 404 / too slow) and planted broken links."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from gongkai.inspections import services
from gongkai.inspections.choices import CheckKind, LinkOrigin
from gongkai.inspections.linkcheck import Polite, links_in
from gongkai.inspections.models import BrokenLink, Finding


class Handler(BaseHTTPRequestHandler):
    seen_agents: list = []

    def _answer(self, body: bool):
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path.startswith("/slow"):
            time.sleep(1.5)
        code = 200 if self.path.startswith(("/ok", "/slow")) else 404
        if self.path.startswith("/nohead") and self.command == "HEAD":
            code = 405
        elif self.path.startswith("/nohead"):
            code = 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "budget.pdf").write_bytes(b"%PDF-1.4")
    return tmp_path


def run_check(**kw):
    return services.linkcheck_run(actor="测试", per_host_interval=0, timeout=0.5, **kw)


def test_healthy_site_reports_nothing(county, publish, server, media):
    publish(
        county["town"],
        "预算公开",
        body=f'<p><a href="/media/2025/budget.pdf">附件</a> <a href="{server}/ok">省厅</a>'
        f' <a href="{server}/nohead">只认GET</a> <a href="/">首页</a></p>',
    )
    run = run_check()
    assert list(run.results.values_list("url", "status_code", "error")) == []
    assert run.checked >= 5
    assert all(a.startswith("Gongkai-linkcheck/") for a in Handler.seen_agents)


def test_broken_attachment_internal_link_and_dead_outside_links_are_found(
    county, personas, publish, server, media
):
    item = publish(
        county["town"],
        "预算公开",
        body=f'<p><a href="/media/2025/missing.pdf">附件</a> <a href="/publications/staff/nope/">坏链</a>'
        f' <a href="{server}/gone">省厅</a> {server}/slow <a href="{server}/ok">好的</a></p>',
    )
    run = run_check()
    found = {(b.url, b.origin) for b in BrokenLink.objects.filter(run=run)}
    assert found == {
        ("/media/2025/missing.pdf", LinkOrigin.ATTACHMENT),
        ("/publications/staff/nope/", LinkOrigin.INTERNAL),
        (f"{server}/gone", LinkOrigin.EXTERNAL),
        (f"{server}/slow", LinkOrigin.EXTERNAL),
    }
    gone = BrokenLink.objects.get(run=run, url=f"{server}/gone")
    assert gone.status_code == 404 and gone.publication_id == item.pk
    assert "无响应" in BrokenLink.objects.get(run=run, url=f"{server}/slow").error
    # The checklist item turns them into findings of the agency.
    inspection = services.inspection_run(actor=personas["clerk"], agency=county["town"])
    titles = list(
        Finding.objects.filter(run=inspection, kind=CheckKind.BROKEN_LINKS).values_list(
            "title", flat=True
        )
    )
    assert len(titles) == 4 and any("missing.pdf" in t for t in titles)


def test_outside_link_limit_and_command_exit_status(county, publish, server, media, capsys):
    publish(
        county["town"], "链接", body=f"<a href='{server}/a404'>1</a> <a href='{server}/b404'>2</a>"
    )
    run = run_check(external_limit=1)
    assert run.broken == 1 and run.skipped_external == 1
    with pytest.raises(SystemExit) as exit_info:
        call_command("linkcheck", "--per-host-interval", "0", "--timeout", "0.5")
    assert exit_info.value.code == 1
    assert f"{server}/a404" in capsys.readouterr().out


def test_polite_spacing_per_host():
    now = [0.0]
    slept = []
    polite = Polite(
        2.0, sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)), clock=lambda: now[0]
    )
    polite.wait("a.gov.cn")
    polite.wait("b.gov.cn")
    now[0] += 0.5
    polite.wait("a.gov.cn")
    assert slept == [1.5]


def test_links_in_html_and_text():
    body = '<p><a href="/x/">站内</a><img src="/media/a.png">见 https://www.gov.cn/zhengce/ 。<a href="#top">顶部</a></p>'
    assert links_in(body) == ["/x/", "/media/a.png", "https://www.gov.cn/zhengce/"]
