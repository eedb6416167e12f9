"""Follow every same-site link the demo offers, as the public and as each role: no page may fail."""

import re
from collections import Counter, deque

import pytest
from django.core.management import call_command

from gongkai.core.models import User

SKIP = ("/admin/logout/", "/static/", "/admin/jsi18n/")
LIMIT = 300
PER_SHAPE = 3  # pages that differ only in their numbers run the same code: a few of each suffice


def crawl(client, start: str = "/", bodies: dict | None = None) -> dict[str, int]:
    seen: dict[str, int] = {}
    shapes: Counter = Counter()
    queue = deque([start, "/admin/", "/staff/reviews/"])
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        shape = re.sub(r"\d+", "N", url)
        if url in seen or url.startswith(SKIP) or shapes[shape] >= PER_SHAPE:
            continue
        if url.split("?")[0].endswith((".pdf", ".docx")):  # rendered in their own tests; slow here
            continue
        shapes[shape] += 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            body = response.content.decode()
            if bodies is not None:
                bodies[url] = body
            for link in re.findall(r'href="(/[^"#]*)"', body):
                link = link.replace("&amp;", "&")
                # The admin's own filters and sort orders multiply pages without new code paths.
                if "?" in link and link.startswith("/admin/"):
                    continue
                if link not in seen:
                    queue.append(link)
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username", [None, "zyg_xxy", "zyg_ld", "zrj_bgs", "xian_gkb", "xian_admin", "superuser"]
)
def test_no_page_fails(client, username):
    call_command("demo")
    if username == "superuser":  # made by `gongkai createsuperuser`: no agency, no role of its own
        client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    elif username:
        client.force_login(User.objects.get(username=username))
    seen = crawl(client)
    assert len(seen) > 20
    assert {url: code for url, code in seen.items() if code >= 500} == {}


def private_texts() -> dict[str, set[str]]:
    """What the demo holds that the public must never see."""
    from gongkai.applications.models import Application, ApplicationEvent
    from gongkai.publications.models import Publication
    from gongkai.reviews.models import ReviewRecord

    def texts(values) -> set[str]:
        return {v for v in values if v and len(v) >= 2}

    return {
        "applicant name": texts(Application.objects.values_list("applicant_name", flat=True)),
        "masked ID number": texts(Application.objects.values_list("id_number_masked", flat=True)),
        "request content": texts(Application.objects.values_list("content", flat=True)),
        "case note": texts(ApplicationEvent.objects.values_list("note", flat=True)) - {"演示数据"},
        "draft title": texts(
            Publication.objects.exclude(status="published").values_list("title", flat=True)
        ),
        # The note of a published correction (更正说明) and a withdrawal's reason are public by
        # design; review opinions are not.
        "review note": texts(
            ReviewRecord.objects.filter(stage__in=["submit", "first", "final"]).values_list(
                "note", flat=True
            )
        ),
    }


@pytest.mark.django_db
def test_the_public_never_sees_private_data(client):
    call_command("demo")
    bodies: dict[str, str] = {}
    crawl(client, bodies=bodies)
    private = private_texts()
    assert private["applicant name"] and private["draft title"] and private["case note"]
    leaks = [
        (kind, text, url)
        for kind, values in private.items()
        for text in values
        for url, body in bodies.items()
        if text in body
    ]
    assert leaks == []
