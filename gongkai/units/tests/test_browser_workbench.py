"""The 工作台's 报送提醒 fits a phone (375 px): its cells wrap instead of pushing the page sideways.
Waiting assertions only."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.units.services import reporting_task_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 812}


def test_unit_reminders_fit_a_phone(live_server, county, personas):
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2026).exists():  # flushed by an earlier live test
        calendar_seed_from_package()
    clerk = personas["clerk"]
    # 26 March 2026: January and February are overdue, March is due in 3 working days.
    with time_machine.travel(datetime.datetime(2026, 3, 26, 2, tzinfo=datetime.UTC), tick=True):
        reporting_task_create(
            actor=clerk, unit=county["unit"], title="报送本站所工作动态",
            rhythm="monthly", starts_on=datetime.date(2026, 1, 1),
        )  # fmt: skip
        with chromium_page(viewport=PHONE) as page:
            page.goto(f"{live_server.url}/admin/login/?next=/admin/")
            page.get_by_label("用户名").fill(clerk.username)
            page.get_by_label("密码").fill("Gongkai-test-2025")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{live_server.url}/admin/")
            reminders = page.locator("#unit-reminders")
            expect(reminders).to_contain_text("2026年3月")
            right = reminders.locator("table").evaluate("t => t.getBoundingClientRect().right")
            assert right <= PHONE["width"]
