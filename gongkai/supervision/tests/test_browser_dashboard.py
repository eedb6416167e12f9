"""The 县公开办 opens the county dashboard in a real browser, clicks 朱阳关镇's late-publication
figure and sees the late item; then sends a 督办 and sees it recorded."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.browser import chromium_page

from .world import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_drill_down_and_reminder(live_server, county, personas):
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():  # flushed by an earlier live test
        calendar_seed_from_package()
    build(county)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 2, tzinfo=datetime.UTC), tick=True):
        with chromium_page() as page:
            page.goto(f"{live_server.url}/admin/login/?next=/staff/county/%3Fyear%3D2025")
            page.get_by_label("用户名").fill(personas["county_office"].username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/staff/county/?year=2025")
            row = page.locator("#dashboard tr", has_text="朱阳关镇人民政府")
            expect(row).to_contain_text("缺失（未编制）")
            page.get_by_role("link", name="朱阳关镇人民政府 超期发布信息明细").click()
            page.wait_for_url("**/staff/county/records/**")
            expect(page.locator("#records")).to_contain_text("P2 超期")
            expect(page.locator("#records")).not_to_contain_text("P1 按时")
            page.go_back()
            row = page.locator("#dashboard tr", has_text="朱阳关镇人民政府")
            row.get_by_text("督办", exact=True).click()
            row.get_by_role("button", name="发送督办（朱阳关镇人民政府）").click()
            expect(page.locator(".flash")).to_contain_text("已向朱阳关镇人民政府发出督办")
            expect(page.locator("#reminders + ul")).to_contain_text("督办 朱阳关镇人民政府")
