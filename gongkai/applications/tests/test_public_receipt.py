"""The online application is Post/Redirect/Get: the POST files the request and answers 303 to a
receipt whose URL is a random token known only to the filing session (applications/receipts.py).
The receipt shows the secret once; a refresh files nothing and shows it without the secret; any
other visitor — also through the public page cache and the ASGI front — gets a 404 that tells
nothing. Expected dates: shared/spec/requests-deadlines-fees.md §2."""

import re

import pytest
from django.test import Client

from gongkai.applications.models import Application
from gongkai.core.audit_models import AuditEvent
from gongkai.portal.tests.test_front import Front

from .test_journey_intake import ID_SECOND
from .test_journey_lookup import REQUEST_TEXT, at, text_of

NAME = "王秀兰"


def form(county, **over):
    return {
        "agency": county["town"].pk,
        "applicant_type": "natural_person",
        "applicant_name": NAME,
        "id_number": ID_SECOND,
        "contact": "13839800123",
        "content": REQUEST_TEXT,
        "form_requested": "electronic",
        "privacy_acknowledged": "on",
        **over,
    }


def private(response) -> bool:
    control = response["Cache-Control"]
    return "private" in control and "no-store" in control


@pytest.mark.django_db
def test_the_secret_once_then_the_receipt_without_it_and_one_request(client, county):
    with at("2025-09-25"):
        posted = client.post("/requests/apply/", form(county))
        assert posted.status_code == 303
        url = posted["Location"]
        app = Application.objects.get()
        assert re.fullmatch(r"/requests/apply/receipt/[\w-]{20,}/", url)
        assert str(app.pk) not in url.split("/") and app.query_code not in url
        audit_rows = AuditEvent.objects.count()

        first = client.get(url)
        html = first.content.decode()
        assert first.status_code == 200 and private(first)
        shown = text_of(html, "secret")
        assert shown and shown.replace(" ", "") == first.context["secret"]
        assert text_of(html, "query-code") == app.query_code
        assert text_of(html, "receipt-due") == "2025年10月29日"  # spec §2: received 2025-09-25
        assert "查询密码只显示这一次" in html and "接下来" in html and "data-print" in html

        again = client.get(url)  # a refresh, or Back and Forward
        html = again.content.decode()
        assert again.status_code == 200 and private(again)
        assert shown not in html and shown.replace(" ", "") not in html
        assert 'id="secret"' not in html
        assert text_of(html, "query-code") == app.query_code
        assert text_of(html, "receipt-due") == "2025年10月29日"
        assert "查询密码已在提交申请后显示过一次" in html
        assert 'href="/requests/lookup/"' in html  # where to look it up
    assert Application.objects.count() == 1
    assert AuditEvent.objects.count() == audit_rows  # the receipt records nothing


@pytest.mark.django_db
def test_another_visitor_gets_a_404_that_tells_nothing(client, county):
    with at("2025-09-25"):
        url = client.post("/requests/apply/", form(county))["Location"]
        app = Application.objects.get()
        stranger = Client()
        theirs = stranger.get(url)
        made_up = "/requests/apply/receipt/AAAAAAAAAAAAAAAAAAAAAA/"
        missing = stranger.get(made_up)
        assert theirs.status_code == missing.status_code == 404
        assert theirs.content.decode().replace(url, made_up) == missing.content.decode()
        page = theirs.content.decode()
        for private_data in (NAME, ID_SECOND, "13839800123", REQUEST_TEXT, app.query_code):
            assert private_data not in page
        # The stranger's visit did not use up the secret: the filer still sees it once.
        assert client.get(url).context["secret"]
        # Guessing by id finds no page at all.
        assert stranger.get(f"/requests/apply/receipt/{app.pk}/").status_code == 404


@pytest.mark.django_db
def test_each_application_of_a_session_has_its_own_receipt(client, county):
    with at("2025-09-25"):
        first = client.post("/requests/apply/", form(county))["Location"]
        second = client.post("/requests/apply/", form(county, content="2024年的同类招标文件"))[
            "Location"
        ]
        assert first != second and Application.objects.count() == 2
        one, two = client.get(first), client.get(second)
    assert one.context["app"].pk != two.context["app"].pk
    assert one.context["secret"] and two.context["secret"]
    assert one.context["secret"] != two.context["secret"]


@pytest.mark.django_db
def test_a_form_with_errors_is_shown_again_not_redirected(client, county):
    with at("2025-09-25"):
        response = client.post("/requests/apply/", form(county, id_number="410122199001011185"))
    assert response.status_code == 400 and "Location" not in response
    assert 'class="errors error-summary"' in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # the front answers in a2wsgi's threads
def test_the_receipt_never_reaches_the_public_cache_or_the_front(county):
    filer = Client()
    front = Front()
    with at("2025-09-25"):
        url = filer.post("/requests/apply/", form(county))["Location"]
        session = {"cookie": f"sessionid={filer.cookies['sessionid'].value}"}
        # Anonymous visitors before and after the filer, straight to Django and through the front.
        assert Client().get(url).status_code == 404
        assert front.request(url).status == 404
        first = front.request(url, headers=session)
        assert first.status == 200 and 'id="secret"' in first.text
        assert "private" in first.headers["cache-control"]
        assert "no-store" in first.headers["cache-control"]
        app = Application.objects.get()
        for _ in range(2):
            stranger = front.request(url)
            assert stranger.status == 404 and app.query_code not in stranger.text
            assert NAME not in stranger.text and REQUEST_TEXT not in stranger.text
            assert Client().get(url).status_code == 404
        again = front.request(url, headers=session)
        assert again.status == 200 and 'id="secret"' not in again.text
        assert app.query_code in again.text
    assert front.reached == [url] * 5  # every request reached Django: none was a kept copy
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_the_same_browser_no_longer_shows_the_receipt_hours_later(client, county):
    """A shared computer in a service hall: the next visitor must not find the request there."""
    import datetime

    import time_machine

    from gongkai.applications.receipts import MARK_SECONDS

    start = datetime.datetime(2025, 9, 25, 2, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        url = client.post("/requests/apply/", form(county))["Location"]
        assert client.get(url).status_code == 200
    with time_machine.travel(start + datetime.timedelta(seconds=MARK_SECONDS - 60), tick=False):
        assert client.get(url).status_code == 200  # still there to print it
    with time_machine.travel(start + datetime.timedelta(seconds=MARK_SECONDS + 60), tick=False):
        late = client.get(url)
        assert late.status_code == 404 and NAME not in late.content.decode()
