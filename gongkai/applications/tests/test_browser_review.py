"""On a phone (375×812) in a real browser: a 信息员 drafts an Art. 36(五) reply (refused without the
responsible agency, named next to the field), and a 分管领导 approves at 终审 the letter text with
the agency and its contact in it."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.applications import letters, services
from gongkai.applications.models import Application
from gongkai.browser import chromium_page

from .factories import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_leader_approves_final_review_on_a_phone(live_server, county, personas):
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():  # flushed by an earlier live test
        calendar_seed_from_package()
    letters.request_settings_set(
        actor=None,
        agency=county["town"],
        reconsideration_body="卢氏县人民政府",
        court="卢氏县人民法院",
    )
    clerk, head = personas["clerk"], personas["office_head"]
    # tick=True: the clock moves on from 10:00 on Wed 2025-12-10, so the browser's timers work.
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=True):
        app = register(clerk, county["town"], received="2025-12-01", number="2025-017")
        services.application_draft_reply(
            actor=clerk,
            application=app,
            outcome="unable_not_held",
            reply_letter="reply_not_responsible",
            note="该信息由县自然资源局制作并保存",
            responsible_agency="卢氏县自然资源局",
            responsible_contact="0398-7000000",
        )
        services.application_review(actor=head, application=app, stage="first", approve=True)
        with chromium_page(viewport=PHONE) as page:
            page.goto(f"{live_server.url}/admin/login/?next=/requests/staff/reviews/")
            page.get_by_label("用户名").fill(personas["leader"].username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/requests/staff/reviews/")
            assert no_horizontal_scroll(page)
            page.get_by_role("link", name="2025-017").click()
            page.wait_for_url(f"{live_server.url}/requests/staff/{app.pk}/")
            expect(page.locator("[data-clock=due]")).to_have_text("2025-12-29")
            draft = page.locator("#reply-draft")
            expect(draft.locator("[data-draft=responsible-agency]")).to_have_text(
                "卢氏县自然资源局"
            )
            expect(draft.locator("[data-draft=text]")).to_contain_text("第三十六条第（五）项")
            expect(draft.locator("[data-draft=text]")).to_contain_text("0398-7000000")
            assert no_horizontal_scroll(page)
            step = page.locator("#step-review_final")
            step.get_by_label("审核意见（退回时必填）").fill("同意答复")
            with page.expect_navigation():
                step.get_by_role("button", name="同意").click()
            page.wait_for_url(f"{live_server.url}/requests/staff/{app.pk}/#clock")
            expect(page.locator("h1 .status")).to_have_text("已审定待出具")
            expect(page.locator(".flash")).to_contain_text("已办理：终审（分管领导）。")
            expect(page.locator("#step-review_final")).to_have_count(0)
            assert no_horizontal_scroll(page)
            page.screenshot(path="/tmp/gongkai-leader-approved.png", full_page=True)
    assert Application.objects.get(pk=app.pk).status == "approved"


def test_clerk_drafts_a_36_5_reply_on_a_phone(live_server, county, personas):
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():
        calendar_seed_from_package()
    letters.request_settings_set(
        actor=None,
        agency=county["town"],
        reconsideration_body="卢氏县人民政府",
        court="卢氏县人民法院",
    )
    clerk = personas["clerk"]
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=True):
        app = register(clerk, county["town"], received="2025-12-01", number="2025-018")
        with chromium_page(viewport=PHONE) as page:
            page.goto(f"{live_server.url}/admin/login/?next=/requests/staff/{app.pk}/")
            page.get_by_label("用户名").fill(clerk.username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/requests/staff/{app.pk}/")
            step = page.locator("#step-draft_reply")
            if step.get_attribute("open") is None:
                step.locator("summary").click()
            step.get_by_label("办理结果").select_option("unable_not_held")
            step.get_by_label("答复书类型").select_option("reply_not_responsible")
            step.get_by_label("负责公开的行政机关联系方式").fill("0398-7000000")
            with page.expect_navigation():
                step.get_by_role("button", name="拟答复").click()
            step = page.locator("#step-draft_reply")
            expect(step.locator(".field-error")).to_contain_text("必填")
            expect(step.locator(".has-error label")).to_contain_text("负责公开的行政机关名称")
            expect(page.locator("h1 .status")).to_have_text("登记")  # nothing written
            step.get_by_label("负责公开的行政机关名称").fill("卢氏县自然资源局")
            with page.expect_navigation():
                step.get_by_role("button", name="拟答复").click()
            page.wait_for_url(f"{live_server.url}/requests/staff/{app.pk}/#clock")
            expect(page.locator("h1 .status")).to_have_text("待初审")
            expect(page.locator("[data-draft=text]")).to_contain_text("卢氏县自然资源局")
            assert no_horizontal_scroll(page)
    app.refresh_from_db()
    assert (app.status, app.responsible_agency) == ("first_review", "卢氏县自然资源局")
