"""Issue 12's walk in a real browser: a 站所 submits an item to its township, the office publishes it
late (after the 20 working days of 条例第二十六条), and the county's assessment and dashboard change
accordingly: the unit's 站所报送信息数 goes from 0 to 1 件, the township's on-time rate from 无数据 to
0/1, and its 超期发布信息 from 0 to 1."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.browser import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Gongkai-test-2025"


def log_in(page, base, username, next_url):
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}{next_url}")


def test_unit_submits_office_publishes_late_and_the_county_sees_it(live_server, county, personas):
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package
    from gongkai.core.services import person_add
    from gongkai.publications import services as pub
    from gongkai.units.models import UnitSubmission

    if not CalendarYear.objects.filter(year=2026).exists():  # flushed by an earlier live test
        calendar_seed_from_package()
    unit, town = county["unit"], county["town"]
    person_add(actor=None, username="nongfu", agency=unit, role="clerk", password=PASSWORD)
    base = live_server.url
    # 2026-03-02: the item was formed on 2026-01-05; 20 working days ended on 2026-02-02.
    with time_machine.travel(datetime.datetime(2026, 3, 2, 2, tzinfo=datetime.UTC), tick=True):
        with chromium_page() as page:
            log_in(
                page,
                base,
                personas["county_office"].username,
                "/staff/county/assessment/?year=2026",
            )
            unit_row = page.locator(f"#a{unit.pk}")
            town_row = page.locator(f"#a{town.pk}")
            expect(unit_row).to_contain_text("0 件")
            expect(town_row).not_to_contain_text("0/1")
            page.goto(f"{base}/staff/county/?year=2026")
            late = page.get_by_role("link", name="朱阳关镇人民政府 超期发布信息明细")
            expect(late).to_have_text("0")
            page.context.clear_cookies()

            # the 站所's 信息员 reports an item to the township
            log_in(page, base, "nongfu", "/units/staff/")
            page.get_by_label("标题").fill("农业服务中心2026年春耕备耕工作动态")
            page.get_by_label("正文").fill("中心组织农技人员下村指导春耕备耕。")
            page.get_by_label("成文日期").fill("2026-01-05")
            with page.expect_navigation():
                page.get_by_role("button", name="报送").click()
            expect(page.locator("main")).to_contain_text("农业服务中心2026年春耕备耕工作动态")
            page.context.clear_cookies()

            # the office reviews and publishes it, late (through the same services as its pages)
            item = UnitSubmission.objects.get(unit=unit).publication
            assert item.agency_id == town.pk
            pub.publication_submit(actor=personas["clerk"], publication=item)
            pub.publication_review(
                actor=personas["office_head"],
                publication=item,
                stage="first",
                approve=True,
                secrecy_checked=True,
            )
            pub.publication_review(
                actor=personas["leader"], publication=item, stage="final", approve=True
            )
            pub.publication_publish(actor=personas["clerk"], publication=item)

            log_in(
                page,
                base,
                personas["county_office"].username,
                "/staff/county/assessment/?year=2026",
            )
            expect(page.locator(f"#a{unit.pk}")).to_contain_text("1 件")
            expect(page.locator(f"#a{town.pk}")).to_contain_text("0/1")
            page.goto(f"{base}/staff/county/?year=2026")
            expect(page.get_by_role("link", name="朱阳关镇人民政府 超期发布信息明细")).to_have_text(
                "1"
            )
