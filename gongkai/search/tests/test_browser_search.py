"""A citizen searches on a phone-sized screen (360 px): a two-character word from the header box, a
文号 typed with 〔〕 and with [], and a query that finds nothing. Waiting assertions only."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.portal.tests.test_accessibility import axe_violations

from .corpus import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 780}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_search_on_a_phone(live_server, county):
    items, hidden = build(county)
    with chromium_page(viewport=PHONE) as page:
        page.goto(live_server.url + "/")
        header = page.get_by_role("search", name="站内检索")
        header.get_by_label("站内检索").fill("医保")
        header.get_by_role("button", name="检索").click()
        page.wait_for_url(re.compile(r"/search/\?q=%E5%8C%BB%E4%BF%9D"))
        results = page.locator(".hits")
        expect(results.get_by_role("link", name=items["medical"].title)).to_be_visible()
        expect(results.locator("mark").first).to_have_text("医保")
        expect(page.get_by_role("heading", level=2)).to_contain_text("找到 1 条")
        assert no_sideways_scroll(page)
        assert axe_violations(page) == []

        for typed in ["卢政〔2025〕3号", "卢政[2025]3号"]:
            box = page.get_by_label("检索词")
            box.fill(typed)
            page.get_by_role("search", name="检索政府信息").get_by_role("button").click()
            expect(box).to_have_value(typed)
            expect(page.locator(".hits .hit")).to_have_count(1)
            expect(page.locator(".hits").get_by_role("link")).to_have_text(
                items["low_income"].title
            )
            expect(page.locator(".hit-meta mark")).to_have_text("卢政〔2025〕3号")

        page.get_by_label("检索词").fill("不动产登记收费标准")
        page.get_by_label("检索词").press("Enter")
        expect(page.get_by_role("heading", level=2)).to_have_text(
            "没有找到与“不动产登记收费标准”相关的信息"
        )
        expect(page.get_by_role("link", name="申请政府信息公开")).to_be_visible()
        assert no_sideways_scroll(page)
        assert axe_violations(page) == []
        page.screenshot(path="/tmp/gongkai-search-phone.png", full_page=True)
