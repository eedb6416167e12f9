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
