"""axe-core on every public page and the main staff pages, after the demo: no serious or critical
violations (WCAG 2.x A/AA rules and axe's best practices as axe rates them).

Items axe cannot decide ("incomplete", needs review) fail too, except colour contrast: axe cannot find
the background of a cell under a rowspan or of SVG text, and reports those as "incomplete" every time.
Such an item is how a dangling aria-describedby (a help text without its id) shows up, so it counts.
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
UNDECIDABLE = {"color-contrast", "color-contrast-enhanced"}


def axe_violations(page) -> list[str]:
    """The serious and critical findings on the page, one line per rule with its target selectors."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
    found = [("violation", v) for v in response["violations"]]
    found += [("needs review", v) for v in response["incomplete"] if v["id"] not in UNDECIDABLE]
    lines = []
    for kind, v in found:
        if v["impact"] in BLOCKING:
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"]]
            lines.append(f"{v['id']} ({v['impact']}, {kind}): {v['help']} — {targets}")
    return lines


def check_pages(page, base, paths) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, path
        if lines := axe_violations(page):
            found[path] = lines
    return found


def report(found) -> str:
    return "\n".join(f"{p}:\n  " + "\n  ".join(lines) for p, lines in found.items())


def publish_ziran_2025():
    """The demo leaves 卢氏县自然资源局's 2025 report at 初审; review and publish it as its staff would."""
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.annual_reports.services import report_publish, report_review
    from gongkai.core.models import User

    report = AnnualReport.objects.get(agency__name="卢氏县自然资源局", year=2025)
    if report.status == "published":  # the demo publishes it now (units: every body on record)
        return report.agency
    head, leader, clerk = (User.objects.get(username=u) for u in ("zrj_bgs", "zrj_ld", "zrj_xxy"))
    at = timezone.make_aware(datetime.datetime(2026, 1, 21, 10))
    report = report_review(actor=head, report=report, stage="first", approve=True, at=at)
    report = report_review(actor=leader, report=report, stage="final", approve=True, at=at)
    report_publish(actor=clerk, report=report, at=at)
    return report.agency


def public_paths():
    from gongkai.core.models import Agency
    from gongkai.publications.selectors import published_publications

    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    ziran = publish_ziran_2025()
    item = published_publications(zyg.pk).order_by("pk").first()
    return [
        "/",
        "/publications/",
        f"/publications/{zyg.pk}/",
        f"/publications/{zyg.pk}/{item.pk}/",
        f"/reports/{zyg.pk}/",
        f"/reports/{zyg.pk}/2025/",
        f"/reports/{ziran.pk}/2025/",
        f"/reports/{zyg.pk}/2025/tujie/",
        "/requests/apply/",
        "/requests/lookup/",
    ]


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/admin/")


def test_public_pages_have_no_serious_violations(live_server):
    call_command("demo")
    paths = public_paths()
    with chromium_page() as page:
        found = check_pages(page, live_server.url, paths)
        # The apply form as it comes back with errors (aria-invalid, error messages tied to fields).
        page.goto(f"{live_server.url}/requests/apply/")
        with page.expect_navigation():
            page.get_by_role("button", name="提交申请").click()
        expect(page.locator(".errors").first).to_be_visible()
        if lines := axe_violations(page):
            found["/requests/apply/ (with errors)"] = lines
    assert not found, report(found)


def test_staff_pages_have_no_serious_violations(live_server):
    from gongkai.applications.models import Application

    call_command("demo")
    case = Application.objects.filter(agency__name="官道口镇人民政府").order_by("-pk").first()
    paths = [
        "/requests/staff/",
        f"/requests/staff/{case.pk}/",
        "/requests/staff/register/",
        "/reports/check/",
    ]
    with chromium_page() as page:
        log_in(page, live_server.url, "gdk_xxy")
        found = check_pages(page, live_server.url, paths)
    assert not found, report(found)


def test_tujie_print_button_works_under_the_csp(live_server):
    """The 打印 control is a button wired by a static script (a javascript: link is blocked by CSP)."""
    from gongkai.core.models import Agency

    call_command("demo")
    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    with chromium_page() as page:
        blocked = []
        page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
        page.goto(f"{live_server.url}/reports/{zyg.pk}/2025/tujie/")
        page.evaluate("window.print = () => { window.printed = true; }")
        page.get_by_role("button", name="打印").click()
        page.wait_for_function("window.printed === true")
        assert blocked == []
