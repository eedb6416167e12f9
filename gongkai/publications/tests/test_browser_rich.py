"""A 图文 item and a 问答 解读 drafted by the 信息员 in the browser (rich-text editor, image with alt
text, attachment, questions), 初审 by the 办公室主任, 终审 by the 分管领导, published, and read on
the public pages with the attachment and the 解读 link both ways. Waiting assertions only."""

import io
import re

import pytest
from playwright.sync_api import expect

from gongkai.browser import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Gongkai-test-2025"


def login(page, base, user, next_path):
    page.goto(f"{base}/admin/login/?next={next_path}")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}{next_path}")


def draft(page, base, *, title, kind, body, interprets=""):
    page.goto(f"{base}/publications/staff/new/")
    page.get_by_label("或新建栏目").fill("政策解读" if interprets else "图片新闻")
    page.get_by_label("标题").fill(title)
    page.get_by_label("信息形式").select_option(label=kind)
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type(body)
    if interprets:
        page.get_by_label("解读的政策文件").select_option(label=interprets)
    page.get_by_role("button", name="保存拟稿").click()
    page.wait_for_url(re.compile(r".*/publications/staff/\d+/$"))
    expect(page.locator("h1 .status")).to_have_text("拟稿")
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def step(page, base, pk, key, button, **fields):
    page.goto(f"{base}/publications/staff/{pk}/")
    box = page.locator(f"#step-{key}")
    for label, value in fields.items():
        if value is True:
            box.get_by_label(label).check()
        else:
            box.get_by_label(label).fill(value)
    with page.expect_navigation():
        box.get_by_role("button", name=button).click()
    expect(page.locator(".flash")).to_contain_text("已办理")


def test_images_and_qa_items_through_the_review(live_server, county, personas, settings, tmp_path):
    from PIL import Image

    settings.DATA_DIR = tmp_path
    png = tmp_path / "photo.png"
    Image.new("RGB", (8, 8), "green").save(png, "PNG")
    pdf = tmp_path / "附件：补贴标准表.pdf"
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf.write_bytes(buffer.getvalue())
    base = live_server.url
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]

    with chromium_page() as page:
        login(page, base, clerk, "/publications/staff/")
        policy = draft(
            page, base, title="朱阳关镇春耕补贴发放工作图文", kind="图文", body="补贴已发放到户。"
        )
        form = page.locator("#attach-form")
        form.get_by_label("用途").select_option(label="图片")
        form.get_by_label("文件").set_input_files(str(png))
        form.get_by_label("替代文字（图片必填）").fill("村干部向农户讲解补贴政策")
        form.get_by_role("button", name="上传").click()
        expect(page.locator(".flash")).to_contain_text("已上传")
        form = page.locator("#attach-form")
        form.get_by_label("用途").select_option(label="附件")
        form.get_by_label("文件").set_input_files(str(pdf))
        form.get_by_role("button", name="上传").click()
        expect(page.locator(".flash")).to_contain_text("附件：补贴标准表.pdf")
        step(page, base, policy, "submit", "提交初审")

        reading = draft(
            page, base, title="春耕补贴政策问答", kind="问答", body="以下是常见问题。",
            interprets="朱阳关镇春耕补贴发放工作图文",
        )  # fmt: skip
        qa = page.locator("#qa-form")
        qa.get_by_role("textbox").fill("问：补贴发给谁？\n答：实际种粮的农户。")
        qa.get_by_role("button", name="保存问答").click()
        expect(page.locator(".flash")).to_contain_text("已保存 1 组问答")
        step(page, base, reading, "submit", "提交初审")

    with chromium_page() as page:
        login(page, base, head, "/publications/staff/reviews/")
        for pk in (policy, reading):
            step(page, base, pk, "first", "初审通过", **{
                "已完成保密审查（条例第十七条：先审查、后公开）": True
            })  # fmt: skip
    with chromium_page() as page:
        login(page, base, leader, "/publications/staff/reviews/")
        for pk in (policy, reading):
            step(page, base, pk, "final", "终审通过")
    with chromium_page() as page:
        login(page, base, clerk, "/publications/staff/")
        for pk in (policy, reading):
            step(page, base, pk, "publish", "发布")
            expect(page.locator("h1 .status")).to_have_text("已发布")

    agency = county["town"].pk
    with chromium_page() as page:
        page.goto(f"{base}/publications/{agency}/{policy}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("朱阳关镇春耕补贴发放工作图文")
        expect(page.get_by_alt_text("村干部向农户讲解补贴政策")).to_be_visible()
        expect(page.get_by_role("link", name="附件：补贴标准表.pdf")).to_be_visible()
        expect(page.locator(".meta")).to_contain_text("索引号")
        page.get_by_role("link", name="春耕补贴政策问答").click()
        page.wait_for_url(f"{base}/publications/{agency}/{reading}/")
        expect(page.locator(".qa")).to_contain_text("补贴发给谁？")
        expect(page.locator(".link-interprets")).to_contain_text("朱阳关镇春耕补贴发放工作图文")
