"""A 信息员 logs into the admin in a real browser and sees only her own agency."""

import pytest
from django.core.management import call_command

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
        assert "公开 · 政府信息公开工作平台" in page.content()
        page.goto(f"{live_server.url}/admin/core/agency/")
        rows = page.locator("#result_list tbody tr")
        names = [rows.nth(i).locator("th").inner_text() for i in range(rows.count())]
        assert names == ["朱阳关镇人民政府"]
        # A sibling township's record is not reachable by URL either.
        from gongkai.core.models import Agency

        sibling = Agency.objects.get(name="官道口镇人民政府")
        page.goto(f"{live_server.url}/admin/core/agency/{sibling.pk}/change/")
        assert "官道口镇人民政府" not in page.locator("#content").inner_text()


def test_county_office_sees_every_agency_of_the_county(live_server):
    call_command("demo")
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("用户名").fill("xian_gkb")
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/core/agency/")
        body = page.locator("#result_list").inner_text()
        for name in ["卢氏县人民政府", "朱阳关镇人民政府", "官道口镇人民政府", "卢氏县自然资源局"]:
            assert name in body
