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
