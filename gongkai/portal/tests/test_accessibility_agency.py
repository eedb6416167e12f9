"""axe-core on the agency pages, the guide, the 制度 page and the 公众号 copy page (after the demo), and
no sideways scrolling at 360 px: wide tables scroll inside their own box."""

import pytest
from django.core.management import call_command

from gongkai.browser import chromium_page

from .test_accessibility import axe_violations, check_pages, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def agency_paths():
    from gongkai.core.models import Agency
    from gongkai.publications.selectors import published_publications

    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    item = published_publications(zyg.pk).order_by("pk").first()
    return [
        f"/agencies/{zyg.pk}/",
        f"/agencies/{zyg.pk}/?year=2025&page=2",
        f"/agencies/{zyg.pk}/columns/{item.column_id}/",
        f"/agencies/{zyg.pk}/guide/",
        f"/agencies/{zyg.pk}/system/",
        f"/agencies/{zyg.pk}/items/{item.pk}/wechat/",
    ]


def test_agency_pages_have_no_serious_violations(live_server):
    call_command("demo")
    with chromium_page() as page:
        found = check_pages(page, live_server.url, agency_paths())
    assert not found, report(found)


def test_staff_guide_form_has_no_serious_violations(live_server):
    from .test_accessibility import log_in

    call_command("demo")
    with chromium_page() as page:
        log_in(page, live_server.url, "zyg_xxy")
        page.goto(f"{live_server.url}/staff/guide/")
        page.get_by_label("邮政编码").fill("12")
        page.get_by_role("button", name="保存公开指南").click()
        page.wait_for_selector(".errors")
        found = {"/staff/guide/ (with errors)": axe_violations(page)}
    assert not any(found.values()), report(found)


def test_no_sideways_scroll_at_360px(live_server):
    call_command("demo")
    with chromium_page(viewport={"width": 360, "height": 740}) as page:
        wide = {}
        for path in agency_paths():
            page.goto(live_server.url + path)
            page.wait_for_selector("main h1")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide[path] = overflow
    assert wide == {}
