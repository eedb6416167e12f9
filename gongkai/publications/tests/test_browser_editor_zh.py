"""The 信息员's rich-text editor speaks Chinese: toolbar titles and aria-labels, the block-type menu
and the link dialog (the editor's own strings are English). Waiting assertions only."""

import re

import pytest
from playwright.sync_api import expect

from gongkai.browser import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_toolbar_menu_and_dialog_are_chinese(live_server, county, personas):
    clerk = personas["clerk"]
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/?next=/publications/staff/new/")
        page.get_by_label("用户名").fill(clerk.username)
        page.get_by_label("密码").fill("Gongkai-test-2025")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/publications/staff/new/")
        bar = page.locator(".prose-menubar")
        expect(bar.locator('button[title="加粗"][aria-label="加粗"]')).to_have_count(1)
        expect(bar.locator('button[title="插入表格"]')).to_have_count(1)
        # no toolbar control is named in English, and the block-type menu lists 二级标题
        expect(bar.get_by_text(re.compile(r"^(Heading \d|Paragraph)$"))).to_have_count(0)
        expect(bar.get_by_text("二级标题")).to_have_count(1)
        for el in bar.locator("[title]").all():
            expect(el).not_to_have_attribute("title", re.compile(r"[A-Za-z]"))
        # the link dialog (gettext) is Chinese too
        editor = page.locator(".ProseMirror[contenteditable=true]").first
        editor.click()
        page.keyboard.type("卢氏县人民政府网站")
        page.keyboard.press("Shift+Home")
        bar.locator('button[title="插入链接"]').click()
        dialog = page.locator("dialog[open]")
        expect(dialog).to_contain_text("网址")
        expect(dialog).to_contain_text("在新窗口打开")
        expect(dialog).not_to_contain_text("Open in new window")
