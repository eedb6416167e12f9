"""The admin's 工作台: every role gets links to its work pages, and every link answers 200."""

import re

import pytest
from django.core.management import call_command

from gongkai.core.models import User

ROLES = ["zyg_xxy", "zyg_bgs", "zyg_ld", "xian_gkb", "xian_admin", "zyg_nf"]  # zyg_nf: a 站所


@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_workbench_links_work_for_each_role(client, username):
    call_command("demo")
    client.force_login(User.objects.get(username=username))
    body = client.get("/admin/").content.decode()
    block = body[
        body.index('id="workbench"') : body.index("</table>", body.index('id="workbench"'))
    ]
    links = re.findall(r'href="([^"]+)"', block)
    assert "/reports/check/" in links
    codes = {link: client.get(link, follow=True).status_code for link in links}
    assert {link: code for link, code in codes.items() if code != 200} == {}


@pytest.mark.django_db
def test_county_links_only_for_county_roles(client):
    call_command("demo")
    client.force_login(User.objects.get(username="zyg_xxy"))
    assert "/requests/staff/county/" not in client.get("/admin/").content.decode()
    client.force_login(User.objects.get(username="xian_gkb"))
    assert "/requests/staff/county/" in client.get("/admin/").content.decode()


def workbench_links(client) -> list[str]:
    body = client.get("/admin/").content.decode()
    start = body.index('id="workbench"')
    return re.findall(r'href="([^"]+)"', body[start : body.index("</table>", start)])


@pytest.mark.django_db
def test_a_unit_clerk_gets_a_menu_of_a_units_work(client):
    """A 站所 (zyg_nf, 朱阳关镇农业服务中心) discloses nothing in its own name: its 工作台 offers 报送 and
    what it may read, not the office's menu (复议诉讼登记, 公开指南, 行政执法统计, 考核…)."""
    call_command("demo")
    clerk = User.objects.get(username="zyg_nf")
    assert not clerk.agency.is_disclosure_body
    client.force_login(clerk)
    links = workbench_links(client)
    office = clerk.agency.disclosure_office()
    assert "/units/staff/" in links and f"/agencies/{office.pk}/" in links
    office_menu = {
        "/appeals/staff/register/",
        "/staff/guide/",
        "/reports/staff/enforcement/",
        "/staff/county/assessment/",
        "/requests/staff/register/",
        "/publications/staff/new/",
    }
    assert office_menu & set(links) == set()
    client.force_login(User.objects.get(username="zyg_xxy"))  # the township's own clerk keeps them
    assert office_menu <= set(workbench_links(client))
