"""The link checker: the portal's own pages, attachments and the links inside published items.

How each link is checked (see docs/supervision.md):
- the portal's own pages (home, each agency's catalogue, each published item, and any link in an
  item that points into the site) go through Django's test client inside the same process: no
  network, no nginx, the answer the site would give;
- attachments under MEDIA_URL (/media/…) are served by nginx, not Django, so the checker looks for
  the file under MEDIA_ROOT;
- outside links are fetched over HTTP politely: HEAD, then GET when HEAD fails; a timeout; at
  most one request per host every `per_host_interval` seconds; at most `external_limit` outside
  links per run; a User-Agent that names the checker and the site.

`check_links(targets, ...)` is the engine and `collect_targets()` reads what to check from the
database; services.linkcheck_run stores the result.
"""

from __future__ import annotations

import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings

from .choices import LinkOrigin

VERSION = "0.1"


def site_url() -> str:
    return getattr(settings, "GONGKAI_SITE_URL", "") or os.environ.get("GONGKAI_SITE_URL", "")


def user_agent() -> str:
    """ASCII only: HTTP headers are latin-1."""
    where = site_url() or "https://github.com/gongkai"
    return f"Gongkai-linkcheck/{VERSION} (government information disclosure link checker; +{where})"


@dataclass
class Target:
    """One link to check and where it was found (agency/publication for assigning the finding)."""

    url: str
    origin: str
    agency_id: int | None = None
    publication_id: int | None = None
    found_on_page: str = ""


@dataclass
class Result:
    target: Target
    status_code: int | None = None
    error: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.error) or (self.status_code is not None and self.status_code >= 400)


@dataclass
class Outcome:
    checked: int = 0
    skipped_external: int = 0
    broken: list[Result] = field(default_factory=list)


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value.strip())


_BARE_URL = re.compile(r"https?://[^\s\"'<>（）()，。、；]+")


def links_in(body: str) -> list[str]:
    """href/src values of HTML plus bare http(s) URLs in plain text, without repeats, in order."""
    parser = _LinkParser()
    parser.feed(body or "")
    found = parser.links + _BARE_URL.findall(body or "")
    seen, out = set(), []
    for link in found:
        if link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        if link not in seen:
            seen.add(link)
            out.append(link)
    return out


def local_path(url: str) -> str | None:
    """The path of a link into this site ('/x/' or the site URL + '/x/'), else None."""
    base = site_url().rstrip("/")
    if base and url.startswith(base + "/"):
        url = url[len(base) :]
    if url.startswith("/") and not url.startswith("//"):
        return url
    return None


def classify(url: str) -> str:
    path = local_path(url)
    if path is None:
        return LinkOrigin.EXTERNAL
    if path.startswith(settings.MEDIA_URL):
        return LinkOrigin.ATTACHMENT
    return LinkOrigin.INTERNAL


# -- the three ways of checking -------------------------------------------------------------------
def _client():
    from django.test import Client

    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    return Client(HTTP_HOST=hosts[0] if hosts else "localhost")


def check_page(client, path: str) -> tuple[int | None, str]:
    try:
        response = client.get(path, follow=True)
    except Exception as exc:  # a page that crashes is broken, whatever the exception
        return 500, f"页面出错：{type(exc).__name__}"
    return response.status_code, ""


def check_attachment(path: str) -> tuple[int | None, str]:
    relative = unquote(urlsplit(path).path)[len(settings.MEDIA_URL) :]
    root = Path(settings.MEDIA_ROOT).resolve()
    file = (root / relative).resolve()
    if root not in file.parents or not file.is_file():
        return 404, ""
    return 200, ""


class Polite:
    """Per-host spacing of outside requests."""

    def __init__(self, interval: float, sleep=time.sleep, clock=time.monotonic):
        self.interval = interval
        self.last: dict[str, float] = {}
        self.sleep = sleep
        self.clock = clock

    def wait(self, host: str) -> None:
        if host in self.last:
            remaining = self.last[host] + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent()})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def check_external(url: str, polite: Polite, timeout: float) -> tuple[int | None, str]:
    """HEAD first; GET when HEAD is refused or fails (many servers mishandle HEAD). A timeout is
    final: a second request would only make a slow server wait again."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None, "不是有效的网址"
    answer: tuple[int | None, str] = (None, "")
    for method in ("HEAD", "GET"):
        polite.wait(parts.hostname)
        try:
            status = _request(url, method, timeout)
        except TimeoutError:
            return None, f"{timeout:g} 秒内无响应"
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                return None, f"{timeout:g} 秒内无响应"
            answer = (None, f"无法连接（{exc.reason}）")
        except (OSError, ValueError) as exc:
            answer = (None, f"无法连接（{exc}）")
        else:
            if status < 400:
                return status, ""
            answer = (status, "")
    return answer


def check_links(
    targets: list[Target],
    *,
    external_limit: int = 200,
    per_host_interval: float = 2.0,
    timeout: float = 10.0,
    polite: Polite | None = None,
) -> Outcome:
    """Check each distinct URL once; every place a broken URL appears is reported."""
    polite = polite or Polite(per_host_interval)
    client = None
    answers: dict[str, tuple[int | None, str]] = {}
    outcome = Outcome()
    externals = 0
    for target in targets:
        if target.url not in answers:
            if target.origin == LinkOrigin.EXTERNAL:
                if externals >= external_limit:
                    outcome.skipped_external += 1
                    continue
                externals += 1
                answers[target.url] = check_external(target.url, polite, timeout)
            elif target.origin == LinkOrigin.ATTACHMENT:
                answers[target.url] = check_attachment(local_path(target.url) or target.url)
            else:
                client = client or _client()
                answers[target.url] = check_page(client, local_path(target.url) or target.url)
            outcome.checked += 1
        status, error = answers[target.url]
        result = Result(target, status, error)
        if result.broken:
            outcome.broken.append(result)
    return outcome


def collect_targets() -> list[Target]:
    """The home page, each agency's catalogue, each public item and every link inside it."""
    from django.urls import reverse

    from gongkai.core.models import Agency
    from gongkai.publications.choices import PUBLIC_STATUSES
    from gongkai.publications.models import Publication

    targets = [Target("/", LinkOrigin.PAGE, found_on_page="首页")]
    for agency_id in Agency.objects.values_list("pk", flat=True):
        page = reverse("publications:catalogue", args=[agency_id])
        targets.append(Target(page, LinkOrigin.PAGE, agency_id=agency_id, found_on_page=page))
    items = Publication.objects.filter(status__in=PUBLIC_STATUSES).values_list(
        "pk", "agency_id", "body"
    )
    for pk, agency_id, body in items.iterator(chunk_size=500):
        page = reverse("publications:item", args=[agency_id, pk])
        targets.append(Target(page, LinkOrigin.PAGE, agency_id, pk, page))
        for link in links_in(body):
            url = link if urlsplit(link).scheme or link.startswith("/") else urljoin(page, link)
            targets.append(Target(url, classify(url), agency_id, pk, page))
    return targets
