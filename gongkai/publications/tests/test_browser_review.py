"""A 分管领导 does 终审 of a publication on a phone (375×812) in a real browser, with no horizontal
scroll on the review queue, the item page or after the step."""

import datetime
import re

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.publications import services
from gongkai.publications.models import Publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_leader_does_final_review_on_a_phone(live_server, county, personas):
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():  # flushed by an earlier live test
        calendar_seed_from_package()
    clerk, head = personas["clerk"], personas["office_head"]
    with time_machine.travel(datetime.datetime(2025, 12, 10, 2, tzinfo=datetime.UTC), tick=True):
        item = services.publication_create(
            actor=clerk,
            agency=county["town"],
            column="通知公告",
            title="朱阳关镇关于做好2025年冬季森林防火工作的通知",
            body="各村（社区）、镇直各单位：" + "冬季森林防火形势严峻，" * 20,
            doc_number="朱政〔2025〕31号",
            formed_on=datetime.date(2025, 12, 1),
        )
        services.publication_submit(actor=clerk, publication=item)
        services.publication_review(
            actor=head, publication=item, stage="first", approve=True, secrecy_checked=True
        )
        with chromium_page(viewport=PHONE) as page:
            page.goto(f"{live_server.url}/admin/login/?next=/publications/staff/reviews/")
            page.get_by_label("用户名").fill(personas["leader"].username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/publications/staff/reviews/")
            assert no_horizontal_scroll(page)
            page.get_by_role("link", name=item.title).click()
            page.wait_for_url(f"{live_server.url}/publications/staff/{item.pk}/")
            expect(page.locator("[data-field=deadline]")).to_have_text(
                re.compile(r"^\s*2025-12-29")
            )
            assert no_horizontal_scroll(page)
            step = page.locator("#step-final")
            step.get_by_label("审核意见（退回时必填）").fill("同意发布")
            with page.expect_navigation():  # back to the same URL: wait for the new page
                step.get_by_role("button", name="终审通过").click()
            page.wait_for_url(f"{live_server.url}/publications/staff/{item.pk}/")
            expect(page.locator("h1 .status")).to_have_text("已审定待发布")
            expect(page.locator(".flash")).to_contain_text("已办理：终审（分管领导）。")
            expect(page.locator("#step-final")).to_have_count(0)
            expect(page.locator("#history")).to_contain_text("同意发布")
            assert no_horizontal_scroll(page)
            page.screenshot(path="/tmp/gongkai-leader-final-publication.png", full_page=True)
    item = Publication.objects.get(pk=item.pk)
    assert item.status == "approved"
    assert item.reviews.filter(stage="final", decision="approve", note="同意发布").exists()


def test_annual_report_page_fits_a_phone(live_server, county, personas):
    """The wide statutory tables scroll inside their box; the page itself does not."""
    with time_machine.travel(datetime.datetime(2026, 1, 10, 2, tzinfo=datetime.UTC), tick=True):
        with chromium_page(viewport=PHONE) as page:
            page.goto(f"{live_server.url}/admin/login/?next=/reports/staff/2025/")
            page.get_by_label("用户名").fill(personas["clerk"].username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/reports/staff/2025/")
            expect(page.locator("textarea[name=save-section1]")).to_have_count(1)
            expect(page.locator(".table-scroll table.t3")).to_have_count(1)
            assert no_horizontal_scroll(page)
            page.screenshot(path="/tmp/gongkai-report-phone.png", full_page=True)


def test_staff_pages_pass_axe(live_server, county, personas):
    """axe-core on the publication and annual-report staff pages: no serious or critical findings."""
    from gongkai.portal.tests.test_accessibility import axe_violations

    clerk, head = personas["clerk"], personas["office_head"]
    with time_machine.travel(datetime.datetime(2026, 1, 10, 2, tzinfo=datetime.UTC), tick=True):
        item = services.publication_create(
            actor=clerk,
            agency=county["town"],
            column="通知公告",
            title="朱阳关镇防汛通知",
            formed_on=datetime.date(2025, 12, 1),
        )
        services.publication_submit(actor=clerk, publication=item)
        with chromium_page() as page:
            page.goto(f"{live_server.url}/admin/login/?next=/publications/staff/")
            page.get_by_label("用户名").fill(head.username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/publications/staff/")
            found = {}
            for path in (
                "/publications/staff/",
                "/publications/staff/new/",
                f"/publications/staff/{item.pk}/",
                "/publications/staff/reviews/",
                "/reports/staff/2025/",
            ):
                assert page.goto(live_server.url + path).status == 200, path
                if path.endswith("/new/"):
                    # A fresh editor has nothing to undo: the button is announced as unavailable and stays
                    # legible (no faded, animated state for axe to catch half-way).
                    undo = page.locator('.prose-menubar__button[title="撤销"]')
                    expect(undo).to_have_attribute("aria-disabled", "true")
                    expect(undo).to_have_css("opacity", "1")
                if lines := axe_violations(page):
                    found[path] = lines
            assert not found, found
