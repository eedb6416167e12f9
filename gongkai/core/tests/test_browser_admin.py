"""A 信息员 logs into the admin in a real browser and sees only her own agency."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_sees_only_her_agency(live_server):
    call_command("demo")
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("用户名").fill("zyg_xxy")
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        expect(page.locator("#site-name")).to_contain_text("公开 · 政府信息公开工作平台")
        page.goto(f"{live_server.url}/admin/core/agency/")
        expect(page.locator("#result_list tbody tr th")).to_have_text(["朱阳关镇人民政府"])
        # A sibling township's record is not reachable by URL either.
        from gongkai.core.models import Agency

        sibling = Agency.objects.get(name="官道口镇人民政府")
        page.goto(f"{live_server.url}/admin/core/agency/{sibling.pk}/change/")
        expect(page.locator("#content")).to_be_visible()
        expect(page.locator("#content")).not_to_contain_text("官道口镇人民政府")


def test_county_office_sees_every_agency_of_the_county(live_server):
    call_command("demo")
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("用户名").fill("xian_gkb")
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/core/agency/")
        body = page.locator("#result_list")
        for name in ["卢氏县人民政府", "朱阳关镇人民政府", "官道口镇人民政府", "卢氏县自然资源局"]:
            expect(body).to_contain_text(name)
