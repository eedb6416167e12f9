"""The citizen's path in a real browser: home → 申请公开 → the online form → the receipt (query code and
secret, shown once) → the office's 信息员 sees the request with its due date → the citizen looks it up.
The ID number is shown nowhere but masked. Also: the form on a phone, and by keyboard alone."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID_NUMBER = "411224199001011044"  # valid GB 11643 check digit
MASKED = "4****************4"  # first and last character only (issue 9)
PHONE = {"width": 375, "height": 812}
# Mon 2025-12-01, 10:00 in Shanghai: 20 working days later is Mon 2025-12-29 (no holiday in between).
FILED_AT = datetime.datetime(2025, 12, 1, 2, tzinfo=datetime.UTC)
DUE = "2025-12-29"
FORM_ORDER = [
    "agency",
    "applicant_type",
    "applicant_name",
    "id_number",
    "contact",
    "address",
    "content",
    "form_requested",
    "privacy_acknowledged",
]


def seed_calendar():
    from gongkai.calendars.models import CalendarYear
    from gongkai.calendars.services import calendar_seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():  # flushed by an earlier live test
        calendar_seed_from_package()


def apply_online(citizen, base, public_html) -> tuple[str, str]:
    """From the home page to the receipt; returns the query code and the secret shown once."""
    citizen.goto(f"{base}/")
    public_html.append(citizen.content())
    citizen.get_by_role("navigation", name="主导航").get_by_role("link", name="申请公开").click()
    citizen.wait_for_url(f"{base}/requests/apply/")
    public_html.append(citizen.content())
    citizen.get_by_label("受理机关").select_option(label="朱阳关镇人民政府")
    citizen.get_by_label("申请人类型").select_option(label="自然人")
    citizen.get_by_label("姓名或名称").fill("王秀兰")
    citizen.get_by_label("身份证明").fill(ID_NUMBER)
    citizen.get_by_label("联系电话或电子邮箱").fill("13839800123")
    citizen.get_by_label("通讯地址").fill("河南省卢氏县朱阳关镇杜店村")
    citizen.get_by_label("所需信息的名称、文号或特征性描述").fill(
        "朱阳关镇2025年杜店村道路硬化工程的招标文件和验收报告"
    )
    citizen.get_by_label("我已阅读上面的个人信息处理说明").check()
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交申请").click()
    expect(citizen.get_by_role("heading", name="申请已提交")).to_be_visible()
    code_cell = citizen.locator("#query-code")
    secret_cell = citizen.locator("#secret")
    expect(code_cell).to_have_text(re.compile(r"^\s*GK[A-Z2-9]{10}\s*$"))
    expect(secret_cell).to_have_text(re.compile(r"\S{4,}"))
    expect(citizen.locator("main")).to_contain_text("朱阳关镇人民政府")
    expect(citizen.locator("main")).to_contain_text("2025年12月1日")
    public_html.append(citizen.content())
    secret = secret_cell.inner_text().replace(" ", "")
    assert len(secret) >= 12
    return code_cell.inner_text().strip(), secret


def look_up(citizen, base, code, secret, app, public_html) -> None:
    # The status with the right secret …
    citizen.goto(f"{base}/requests/lookup/")
    public_html.append(citizen.content())
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_label("查询密码").fill(secret)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_role("heading", name="查询结果")).to_be_visible()
    result = citizen.locator("main")
    for text in ("朱阳关镇人民政府", "2025-12-01", app.get_status_display()):
        expect(result).to_contain_text(text)
    public_html.append(citizen.content())
    # … and "not found" with a wrong one.
    citizen.goto(f"{base}/requests/lookup/")
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_label("查询密码").fill(secret[::-1])
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_role("alert")).to_contain_text("未找到该申请")
    expect(citizen.get_by_role("heading", name="查询结果")).to_have_count(0)
    public_html.append(citizen.content())
    # The public pages of the agency show nothing of the request either.
    for path in ["/", "/publications/", f"/publications/{app.agency_id}/"]:
        citizen.goto(base + path)
        public_html.append(citizen.content())


def test_citizen_applies_and_looks_up_the_request(live_server):
    from gongkai.applications.models import Application

    call_command("demo")
    seed_calendar()
    base = live_server.url
    public_html = []  # every page the citizen or the public sees
    with time_machine.travel(FILED_AT, tick=True):
        with chromium_page() as citizen:
            code, secret = apply_online(citizen, base, public_html)
        app = Application.objects.get(query_code=code)
        assert (app.agency.name, app.applicant_name, app.received_on) == (
            "朱阳关镇人民政府",
            "王秀兰",
            datetime.date(2025, 12, 1),
        )
        assert app.id_number_masked == MASKED
        stored = [str(getattr(app, f.attname)) for f in Application._meta.concrete_fields]
        assert not any(ID_NUMBER in value for value in stored)

        # The office's 信息员 finds it in her list, with the due date the calendar gives.
        with chromium_page() as clerk:
            clerk.goto(f"{base}/admin/login/?next=/requests/staff/")
            clerk.get_by_label("用户名").fill("zyg_xxy")
            clerk.get_by_label("密码").fill(DEMO_PASSWORD)
            clerk.get_by_role("button", name="登录").click()
            clerk.wait_for_url(f"{base}/requests/staff/")
            row = clerk.locator("tbody tr", has=clerk.get_by_role("link", name=app.number))
            expect(row.locator("[data-label=答复期限]")).to_have_text(DUE)
            expect(row.locator("[data-label=收到日期]")).to_have_text("2025-12-01")
            row.get_by_role("link", name=app.number).click()
            clerk.wait_for_url(f"{base}/requests/staff/{app.pk}/")
            expect(clerk.locator("main")).to_contain_text(MASKED)
            assert ID_NUMBER not in clerk.content()

        # Later, in a fresh browser, the citizen looks the request up.
        with chromium_page() as citizen:
            look_up(citizen, base, code, secret, app, public_html)
    leaks = [i for i, html in enumerate(public_html) if ID_NUMBER in html]
    assert leaks == []
    # Not even the name, after the receipt.
    assert not any("王秀兰" in html for html in public_html[3:])


def test_apply_form_fits_a_phone(live_server):
    call_command("demo")
    with chromium_page(viewport=PHONE) as page:
        page.goto(f"{live_server.url}/requests/apply/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        with page.expect_navigation():  # and with the error messages shown
            page.get_by_role("button", name="提交申请").click()
        expect(page.locator(".errors").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.name || e.id || e.getAttribute('href') || e.textContent.trim(); })()"
    )


def tab(page) -> str:
    """Press Tab, wait until the focus has really moved, and name the newly focused element."""
    page.evaluate("window.gongkaiBeforeTab = document.activeElement")
    page.keyboard.press("Tab")
    page.wait_for_function("document.activeElement !== window.gongkaiBeforeTab")
    return focused(page)


def test_apply_form_by_keyboard(live_server):
    call_command("demo")
    with chromium_page() as page:
        page.goto(f"{live_server.url}/requests/apply/")
        # The first Tab lands on the skip link, which is then visible on screen.
        page.keyboard.press("Tab")
        skip = page.locator("a.skip")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"#main$"))
        # From the main content, Tab walks the fields in order, then the submit button.
        seen = [tab(page) for _ in range(len(FORM_ORDER) + 1)]
        assert seen == [*FORM_ORDER, "提交申请"]

        # From the top of the page, Tab passes the header and nav, then reaches the same fields.
        page.goto(f"{live_server.url}/requests/apply/")
        order = []
        for _ in range(30):
            order.append(tab(page))
            if order[-1] == "提交申请":
                break
        assert [name for name in order if name in FORM_ORDER] == FORM_ORDER
        assert order[-1] == "提交申请"
        assert order[0] == "#main"
