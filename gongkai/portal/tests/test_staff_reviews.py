"""The one 待我审核 page gathers what waits for this person, from requests, publications and reports."""

import pytest
from django.core.management import call_command

from gongkai.core.models import User


@pytest.mark.django_db
def test_anonymous_goes_to_login(client):
    response = client.get("/staff/reviews/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_each_reviewer_sees_only_their_stage_of_their_agency(client):
    from gongkai.annual_reports.selectors import reports_awaiting_review
    from gongkai.applications.selectors import reviews_for_user
    from gongkai.publications.selectors import publications_awaiting_review

    call_command("demo")
    for username in ["zrj_bgs", "zrj_ld", "zyg_bgs", "zyg_xxy", "xian_gkb"]:
        user = User.objects.get(username=username)
        client.force_login(user)
        body = client.get("/staff/reviews/").content.decode()
        expected = [
            *(row.app.number for row in reviews_for_user(user)),
            *(p.title for p in publications_awaiting_review(user)),
            *(f"{r.agency.name} {r.year} 年度报告" for r in reports_awaiting_review(user)),
        ]
        for text in expected:
            assert text in body, (username, text)
    # The demo leaves the 自然资源所's submission to 卢氏县自然资源局 at 初审: the 局's 办公室主任 sees
    # it, its 分管领导 not yet.
    pending = "朱阳关自然资源所耕地保护专项检查情况"
    client.force_login(User.objects.get(username="zrj_bgs"))
    assert pending in client.get("/staff/reviews/").content.decode()
    client.force_login(User.objects.get(username="zrj_ld"))
    assert pending not in client.get("/staff/reviews/").content.decode()
    # A township's office head never sees the department's queue.
    client.force_login(User.objects.get(username="zyg_bgs"))
    assert pending not in client.get("/staff/reviews/").content.decode()
