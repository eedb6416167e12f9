import html
import re

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_link_on_the_home_page_works(client):
    """The portal's home page, after the demo, links only to pages that answer 200 (a link that
    sets a preference answers with a redirect back). Static files are not served by the test
    server; `collectstatic` in `make run` and the deployment check them."""
    call_command("demo")
    body = client.get("/").content.decode()
    links = sorted(
        {html.unescape(link) for link in re.findall(r'href="(/[^"]*)"', body)}
        - {link for link in re.findall(r'href="(/static/[^"]*)"', body)}
    )
    assert "/requests/apply/" in links and any(link.startswith("/reports/") for link in links)
    broken = {link: client.get(link).status_code for link in links}
    expected = {link: 302 if link.startswith("/display/") else 200 for link in links}
    assert {link: code for link, code in broken.items() if code != expected[link]} == {}


@pytest.mark.django_db
def test_home_page_shows_no_personal_data(client):
    call_command("demo")
    from gongkai.applications.models import Application

    body = client.get("/").content.decode()
    for name in Application.objects.exclude(applicant_name="").values_list(
        "applicant_name", flat=True
    ):
        assert name not in body


@pytest.mark.django_db
def test_error_pages_are_chinese(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_chinese():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/requests/lookup/", {"query_code": "x"})
    assert response.status_code == 403 and "页面已过期" in response.content.decode()


@pytest.mark.django_db
def test_home_lists_latest_published_items_and_reports_never_drafts(client):
    call_command("demo")
    from gongkai.publications.models import Publication

    body = client.get("/").content.decode()
    newest = Publication.objects.filter(status="published").order_by("-published_on", "-id").first()
    assert newest.title in body
    drafts = Publication.objects.exclude(status="published")
    assert drafts.exists()
    for title in drafts.values_list("title", flat=True):
        assert title not in body
    from gongkai.annual_reports.models import ReportSnapshot

    newest_report = ReportSnapshot.objects.order_by("-published_at").first().report
    assert f"{newest_report.agency.name} {newest_report.year} 年度报告" in body
