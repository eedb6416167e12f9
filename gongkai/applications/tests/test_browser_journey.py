"""Issue 11, "Done when": an application with a bad ID rejected (focus on the error summary), then a
good one filed, looked up, corrected online, and its reply letter read after the office answers.
The office's side goes through the services. On a 360 px phone; waits with `expect` only."""

import datetime
import io
import re

import pytest
import time_machine

from gongkai.browser import chromium_page

from .test_journey_intake import ID_SECOND
from .test_journey_lookup import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
D = datetime.date.fromisoformat


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T02:00:00+00:00"), tick=True)


def no_sideways_scroll(page):
    page.wait_for_function(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_bad_id_then_filed_looked_up_corrected_and_answered(live_server, county, personas):
    from playwright.sync_api import expect
    from pypdf import PdfReader

    from gongkai.applications import services
    from gongkai.applications.models import Application
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2026).exists():  # flushed by an earlier live test
        calendar_seed_from_package()
    base = live_server.url
    with at("2025-12-29"), chromium_page(viewport=PHONE) as page:
        page.goto(f"{base}/requests/apply/")
        page.get_by_label("受理机关").select_option(label="朱阳关镇人民政府")
        page.get_by_label("姓名或名称").fill("王秀兰")
        page.get_by_label("身份证明").fill(ID_SECOND[:-1] + "5")  # wrong check digit
        page.get_by_label("联系电话或电子邮箱").fill("13839800123")
        page.get_by_label("所需信息的名称、文号或特征性描述").fill(
            "朱阳关镇2025年杜店村道路硬化工程的招标文件和验收报告"
        )
        page.get_by_label("我已阅读上面的个人信息处理说明").check()
        page.get_by_role("button", name="提交申请").click()
        summary = page.locator("#error-summary")
        expect(summary).to_be_focused()
        expect(
            summary.get_by_role("link", name=re.compile("身份证号码的校验码"))
        ).to_have_attribute("href", "#id_id_number")
        expect(page.locator("#id_number-error")).to_contain_text("校验码")
        no_sideways_scroll(page)
        summary.get_by_role("link", name=re.compile("身份证号码的校验码")).click()
        expect(page.get_by_label("身份证明")).to_be_focused()

        page.get_by_label("身份证明").fill(ID_SECOND)
        page.get_by_role("button", name="提交申请").click()
        page.wait_for_url(re.compile(r"/requests/apply/receipt/[\w-]+/$"))  # Post/Redirect/Get
        expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
        expect(page.locator("#secret")).to_have_text(re.compile(r"^(\w{5} ){2}\w{5}$"))
        no_sideways_scroll(page)
        code = page.locator("#query-code").inner_text()
        secret = page.locator("#secret").inner_text()
        # A refresh shows the receipt again without the secret and files nothing.
        page.reload()
        expect(page.locator("#secret-shown")).to_be_visible()
        expect(page.locator("#secret")).to_have_count(0)
        expect(page.locator("#query-code")).to_have_text(code)
    app = Application.objects.get(query_code=code)
    assert Application.objects.count() == 1

    with at("2025-12-30"):
        services.application_request_correction(
            actor=personas["clerk"],
            application=app,
            date=D("2025-12-30"),
            note="请写明验收报告的年份",
            days=10,
        )

    with at("2025-12-31"), chromium_page(viewport=PHONE) as page:
        page.goto(f"{base}/requests/lookup/")
        page.get_by_label("查询码").fill(code)
        page.get_by_label("查询密码").fill(secret)
        page.get_by_role("button", name="查询").click()
        expect(page.locator("#status")).to_have_text("待补正")
        expect(page.get_by_text("请写明验收报告的年份")).to_be_visible()
        expect(page.locator("#correction-deadline")).to_be_visible()
        no_sideways_scroll(page)
        page.get_by_label("补正内容").fill("需要2025年12月验收的杜店村道路硬化工程验收报告")
        page.get_by_role("button", name="提交补正").click()
        page.wait_for_url(re.compile(r"/requests/lookup/correct/[\w-]+/$"))
        expect(page.get_by_role("status")).to_contain_text("已收到您的补正")
        # Spec §2: received 2025-12-31 → due 2026-01-29; the period restarted from the correction.
        expect(page.locator("#due")).to_have_text("2026-01-29")
        page.reload()  # a refresh receives nothing a second time
        expect(page.get_by_role("status")).to_contain_text("已收到您的补正")
        expect(page.locator("#due")).to_have_text("2026-01-29")
    assert app.events.filter(kind="correction_received").count() == 1

    with at("2026-01-15"):
        letter = answer(personas, Application.objects.get(pk=app.pk), on="2026-01-15")

    with at("2026-01-16"), chromium_page(viewport=PHONE) as page:
        page.goto(f"{base}/requests/lookup/")
        page.get_by_label("查询码").fill(code)
        page.get_by_label("查询密码").fill(secret)
        page.get_by_role("button", name="查询").click()
        expect(page.locator("#status")).to_have_text("答复送达")
        expect(page.get_by_text(letter.number_text)).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="下载答复书（PDF）").click()
        data = open(download.value.path(), "rb").read()
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert letter.number_text in text and "朱阳关镇人民政府" in text
