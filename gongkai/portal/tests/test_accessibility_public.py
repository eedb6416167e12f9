"""Issue 11 item 7, "Done when": axe-core on every public page type (colour contrast included), no
sideways scrolling at 360 px (with screenshots of the item and the report page under /tmp/), the error
summary of every public form taking the focus and linking to its fields, and the 大字号·高对比 mode
persisting across pages. Waits with `expect` only; Debian chromium."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from gongkai.browser import chromium_page

from .test_accessibility import publish_ziran_2025

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
VALID_ID = "410122199001011184"  # check digit 4 per GB 11643 (see core/tests/test_ratelimit.py)
UNDECIDABLE = {
    "color-contrast",
    "color-contrast-enhanced",
}  # checked by hand: docs/accessibility.md
LIMITS = {"apply": "50/h", "lookup": "50/h", "check": "50/h", "consult": "1/h"}


def axe_findings(page) -> list[str]:
    """Every violation, whatever its impact, and serious/critical items axe could not decide
    except colour contrast over images, rowspans and SVG (checked by hand)."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
    found = list(response["violations"])
    found += [
        v
        for v in response["incomplete"]
        if v["id"] not in UNDECIDABLE and v["impact"] in {"serious", "critical"}
    ]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[' '.join(map(str, n['target'])) for n in v['nodes']][:5]}"
        for v in found
    ]


def no_sideways_scroll(page):
    page.wait_for_function(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def build_world():
    """The demo, plus what it lacks: a withdrawn item, a published report, an answered 咨询 whose
    asker agreed to publication."""
    from gongkai.consultations import services as consult
    from gongkai.core.models import Agency
    from gongkai.publications import services as pubs
    from gongkai.publications.selectors import published_publications
    from gongkai.reviews.factories import reviewers

    call_command("demo")
    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    ziran = publish_ziran_2025()
    clerk, head, leader = reviewers(zyg)
    items = list(published_publications(zyg.pk).order_by("pk")[:2])
    item, gone = items[0], items[1]
    pubs.publication_withdraw_request(actor=clerk, publication=gone, reason="内容已过时")
    pubs.publication_review(actor=head, publication=gone, stage="first", approve=True)
    pubs.publication_review(actor=leader, publication=gone, stage="final", approve=True)
    c, _ = consult.consultation_submit_online(
        agency=zyg, kind="consult", question="杜店村道路硬化工程什么时候开工？",
        name="王秀英", contact="13937812345", consent_publish=True,
    )  # fmt: skip
    consult.consultation_answer_save(actor=clerk, consultation=c, answer="计划于2026年3月开工。")
    consult.consultation_submit(actor=clerk, consultation=c)
    consult.consultation_review(actor=head, consultation=c, stage="first", approve=True)
    consult.consultation_review(actor=leader, consultation=c, stage="final", approve=True)
    consult.consultation_answer(actor=clerk, consultation=c)
    return {
        "home": "/",
        "agency": f"/agencies/{zyg.pk}/",
        "column": f"/agencies/{zyg.pk}/columns/{item.column_id}/",
        "guide": f"/agencies/{zyg.pk}/guide/",
        "item": f"/publications/{zyg.pk}/{item.pk}/",
        "withdrawn item": f"/publications/{zyg.pk}/{gone.pk}/",
        "report": f"/reports/{ziran.pk}/2025/",
        "report 图解": f"/reports/{ziran.pk}/2025/tujie/",
        "search": "/search/?q=" + "公开",
        "search, no hits": "/search/?q=" + "无此词语甲乙丙",
        "apply": "/requests/apply/",
        "lookup": "/requests/lookup/",
        "consultation form": "/consult/",
        "consultation lookup": "/consult/lookup/",
        "Q&A list": f"/consult/answers/{zyg.pk}/",
    }


def fill_apply(page):
    page.get_by_label("受理机关").select_option(label="朱阳关镇人民政府")
    page.get_by_label("姓名或名称").fill("王秀兰")
    page.get_by_label("身份证明").fill(VALID_ID)
    page.get_by_label("联系电话或电子邮箱").fill("13839800123")
    page.get_by_label("所需信息的名称、文号或特征性描述").fill(
        "朱阳关镇2025年杜店村道路硬化工程的招标文件"
    )
    page.get_by_label("我已阅读上面的个人信息处理说明").check()


def fill_consult(page):
    page.get_by_label("咨询", exact=True).check()
    page.get_by_label("受理机关").select_option(label="朱阳关镇人民政府")
    page.get_by_label("问题").fill("官坡村饮水工程什么时候完工？")
    page.get_by_label("姓名").fill("李建国")
    page.get_by_label("联系方式").fill("0398-7000000")
    page.get_by_label("同意在答复后公开本问答（不公开个人信息）").check()


def visit(page, base, found, name, path=None, *, status=200, check=None):
    if path is not None:
        response = page.goto(base + path)
        assert response.status == status, (name, response.status)
    if check:
        check()
    if lines := axe_findings(page):
        found[name] = lines


@override_settings(GONGKAI_RATELIMIT_ENABLED=True, GONGKAI_RATELIMITS=LIMITS)
def test_every_public_page_type_passes_axe_and_fits_360px(live_server):
    paths = build_world()
    base = live_server.url
    found: dict[str, list[str]] = {}
    wide: list[str] = []
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        with chromium_page(viewport=viewport) as page:
            phone = viewport is PHONE

            def fits(name, page=page, phone=phone):
                ok = page.evaluate(
                    "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
                )
                if phone and not ok:
                    wide.append(name)

            for name, path in paths.items():
                visit(
                    page,
                    base,
                    found,
                    f"{name} @{viewport['width']}",
                    path,
                    check=lambda n=name: fits(n),
                )
                if phone and name in ("item", "report"):
                    page.screenshot(path=f"/tmp/gongkai-360-{name}.png", full_page=True)
                    no_sideways_scroll(page)
            # 404
            visit(page, base, found, f"404 @{viewport['width']}", "/agencies/999999/", status=404)
            # receipt of an application
            page.goto(base + "/requests/apply/")
            fill_apply(page)
            page.get_by_role("button", name="提交申请").click()
            expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
            visit(
                page,
                base,
                found,
                f"apply receipt @{viewport['width']}",
                check=lambda: fits("apply receipt"),
            )
            # the 咨询 receipt, its lookup, then the 429 page (the limit is one per hour)
            page.goto(base + "/consult/")
            if phone:  # the hour's one 咨询 is used up: the 429 page at 360 px
                fill_consult(page)
                page.get_by_role("button", name="提交").click()
                expect(page.get_by_role("heading", name=re.compile("提交过于频繁"))).to_be_visible()
                visit(page, base, found, "429 @360", check=lambda: fits("429"))
            else:
                fill_consult(page)
                page.get_by_role("button", name="提交").click()
                expect(page.get_by_role("heading", name="咨询投诉已提交")).to_be_visible()
                visit(page, base, found, "consultation receipt", check=lambda: fits("receipt"))
                code = page.locator("#query-code").inner_text()
                secret = page.locator("#secret").inner_text()
                page.goto(base + "/consult/lookup/")
                page.get_by_label("查询码").fill(code)
                page.get_by_label("查询密码").fill(secret)
                page.get_by_role("button", name="查询").click()
                expect(page.locator("#status")).to_contain_text("拟答复")
                visit(page, base, found, "consultation lookup result")
                page.goto(base + "/consult/")
                fill_consult(page)
                page.get_by_role("button", name="提交").click()
                expect(page.get_by_role("heading", name=re.compile("提交过于频繁"))).to_be_visible()
                visit(page, base, found, "429")
    assert not found, "\n".join(f"{p}:\n  " + "\n  ".join(lines) for p, lines in found.items())
    assert wide == [], f"sideways scrolling at 360 px: {wide}"


@pytest.mark.parametrize(
    "path,button,first_field",
    [
        ("/requests/apply/", "提交申请", "#id_agency"),
        ("/requests/lookup/", "查询", "#id_query_code"),
        ("/consult/", "提交", "#id_kind_0"),
        ("/consult/lookup/", "查询", "#id_query_code"),
    ],
)
def test_error_summary_takes_focus_and_links_to_fields(
    live_server, county, path, button, first_field
):
    with chromium_page(viewport=PHONE) as page:
        page.goto(live_server.url + path)
        page.get_by_role("button", name=button, exact=True).click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_focused()
        link = summary.locator(f"a[href='{first_field}']")
        expect(link).to_have_count(1)
        link.click()
        expect(page.locator(first_field)).to_be_focused()


def test_large_text_mode_persists_across_pages_and_works_without_js(live_server, county):
    base = live_server.url
    town = county["town"].pk
    with chromium_page() as page:
        page.goto(f"{base}/agencies/{town}/")
        size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        page.get_by_role("link", name="大字号·高对比").click()
        expect(page.locator("html")).to_have_class(re.compile("large-contrast"))
        page.wait_for_url(f"{base}/agencies/{town}/")
        page.goto(f"{base}/consult/")
        expect(page.locator("html")).to_have_class(re.compile("large-contrast"))
        larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert larger > size
        page.get_by_role("link", name="标准显示").click()
        page.wait_for_url(f"{base}/consult/")
        expect(page.locator("html")).not_to_have_class(re.compile("large-contrast"))
    with chromium_page() as page:  # a plain link: the server sets the cookie and the class
        page.goto(f"{base}/display/?mode=large&next=/agencies/{town}/guide/")
        expect(page.locator("html")).to_have_class(re.compile("large-contrast"))
        page.goto(f"{base}/display/?mode=large&next=https://evil.example/")
        page.wait_for_url(f"{base}/")
