"""A 信息员 tries the admin's side doors on a published item and on an open request, in a real browser,
and is refused: no edit form, no delete, and the public page is unchanged."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from gongkai.browser import chromium_page
from gongkai.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_cannot_edit_or_delete_through_the_admin(live_server):
    from gongkai.applications.models import Application
    from gongkai.publications.models import Publication

    call_command("demo")
    item = Publication.objects.filter(agency__name="朱阳关镇人民政府", status="published").first()
    request = Application.objects.filter(
        agency__name="朱阳关镇人民政府", status="processing"
    ).first()
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("用户名").fill("zyg_xxy")
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/admin/")

        # edit: the page is a read-only view, without a save button or a title field
        page.goto(f"{live_server.url}/admin/publications/publication/{item.pk}/change/")
        expect(page.locator("#content")).to_contain_text(item.title)
        expect(page.locator('input[name="_save"]')).to_have_count(0)
        expect(page.locator('input[name="title"]')).to_have_count(0)
        expect(page.locator(".deletelink")).to_have_count(0)

        # delete: the URL is refused
        response = page.goto(f"{live_server.url}/admin/publications/publication/{item.pk}/delete/")
        assert response.status == 403
        response = page.goto(
            f"{live_server.url}/admin/applications/application/{request.pk}/delete/"
        )
        assert response.status == 403

        # the public page still shows the published text
        page.goto(f"{live_server.url}/publications/{item.agency_id}/{item.pk}/")
        expect(page.locator("h1")).to_have_text(item.title)
    assert Publication.objects.filter(pk=item.pk, status="published").exists()
    assert Application.objects.filter(pk=request.pk).exists()


def test_clerk_cannot_issue_a_reply_before_final_review_nor_import_over_an_open_request(
    live_server, tmp_path
):
    """The other two side doors of the last round: 出具文书 with a reply letter while the reply has
    not passed 终审, and a ledger import that would rewrite a request inside the workflow."""
    from gongkai.applications.models import Application, Letter

    call_command("demo")
    request = Application.objects.filter(
        agency__name="朱阳关镇人民政府", status="processing"
    ).first()
    letters_before = Letter.objects.filter(application=request).count()
    ledger = tmp_path / "依申请公开台账.csv"
    ledger.write_text(
        "编号,申请人类型,收到日期,申请内容\n"
        f"{request.number},{request.get_applicant_type_display()},"
        f"{request.received_on:%Y-%m-%d},改写后的申请内容\n",
        encoding="utf-8",
    )
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("用户名").fill("zyg_xxy")
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/admin/")

        # a reply letter (答复书) before 终审: the service refuses, the page says why
        page.goto(f"{live_server.url}/requests/staff/{request.pk}/")
        step = page.locator("#step-issue_letter")
        step.locator("summary").click()
        step.get_by_label("文书类型").select_option("reply_granted")
        with page.expect_navigation():
            step.get_by_role("button", name="出具文书").click()
        expect(page.locator(".errors, .flash, [role=alert]").first).to_contain_text("终审")

        # a ledger row over the open request: refused as 第2行, nothing imported
        page.goto(f"{live_server.url}/staff/ledgers/")
        box = page.get_by_role("region", name="导入台账")
        box.get_by_label("台账种类").select_option("applications")
        box.get_by_label("台账文件").set_input_files(str(ledger))
        with page.expect_navigation():
            box.get_by_role("button", name="上传并导入").click()
        expect(page.locator("main")).to_contain_text("第2行")
        expect(page.locator("main")).to_contain_text("未导入任何数据")
    request.refresh_from_db()
    assert request.content != "改写后的申请内容"
    assert request.status == "processing"
    assert Letter.objects.filter(application=request).count() == letters_before
