"""The staff web workflow for proactive disclosure (/publications/staff/…) through the Django test
client: each page per role, scoping (a sibling's item is 404), read-only 403s with nothing written,
the full walk 拟稿 → 初审 (保密审查) → 终审 (returned with a note) → resubmit → 发布, and the public
pages never showing a note or a draft.

Dates: 2025-12-01 (Mon) + 20 working days = 2025-12-29 (no holidays in December 2025).
"""

import datetime
import re

import pytest
import time_machine

from gongkai.core.audit_models import AuditEvent
from gongkai.publications import services
from gongkai.publications.models import Publication
from gongkai.reviews.models import ReviewRecord

pytestmark = pytest.mark.django_db
NOTE = "标题应写明具体时间段，请修改后重新提交"


def at(day):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00:00+08:00"), tick=False)


def counts():
    return (Publication.objects.count(), ReviewRecord.objects.count(), AuditEvent.objects.count())


def make_draft(personas, agency_key="town", title="朱阳关镇关于做好冬季森林防火工作的通知"):
    who = personas["clerk"] if agency_key == "town" else personas["sibling_clerk"]
    return services.publication_create(
        actor=who,
        agency=who.agency,
        column="通知公告",
        title=title,
        body="各村（社区）：冬季森林防火形势严峻……",
        doc_number="朱政〔2025〕31号",
        formed_on=datetime.date(2025, 12, 1),
    )


def post_step(client, item, action, **fields):
    return client.post(
        f"/publications/staff/{item.pk}/{action}/", {f"{action}-{k}": v for k, v in fields.items()}
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# ---------------------------------------------------------------------------------------------
# Pages per role, scoping


def test_pages_render_for_each_role_and_404_for_a_sibling(client, county, personas):
    with at("2025-12-10"):
        own = make_draft(personas)
        sib = make_draft(personas, "sibling", title="官道口镇防汛通知")
        for role in ("clerk", "office_head", "leader", "county_office", "admin"):
            client.force_login(personas[role])
            for url in (
                "/publications/staff/",
                "/publications/staff/?status=draft",
                "/publications/staff/new/",
                "/publications/staff/reviews/",
                f"/publications/staff/{own.pk}/",
                f"/publications/staff/{own.pk}/edit/",
            ):
                assert client.get(url).status_code == 200, (role, url)
            listing = client.get("/publications/staff/").content.decode()
            assert own.title in listing
            assert (sib.title in listing) == (role in ("county_office", "admin"))
        client.force_login(personas["sibling_clerk"])
        for url in (f"/publications/staff/{own.pk}/", f"/publications/staff/{own.pk}/edit/"):
            assert client.get(url).status_code == 404
        assert client.get("/publications/staff/999999/").status_code == 404
        before = counts()
        assert post_step(client, own, "submit", note="").status_code == 404
        response = client.post(f"/publications/staff/{own.pk}/edit/", {"title": "改"})
        assert response.status_code == 404
        assert counts() == before
        assert client.get(f"/publications/staff/{sib.pk}/").status_code == 200
    client.logout()
    response = client.get("/publications/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_list_shows_status_filter_and_timeliness(client, county, personas):
    with at("2025-12-10"):
        draft = make_draft(personas)
        late = services.publication_create(
            actor=personas["clerk"],
            agency=county["town"],
            column="通知公告",
            title="迟发的公告",
            formed_on=datetime.date(2025, 10, 9),
        )
        client.force_login(personas["clerk"])
        html = text(client.get("/publications/staff/"))
        assert "2025-12-29" in html  # 20 working days from 2025-12-01
        row = re.search(r"<tr class=\"overdue\">.*?</tr>", html).group(0)
        assert late.title in row and "超期" in row
        services.publication_submit(actor=personas["clerk"], publication=draft)
        assert (
            draft.title in client.get("/publications/staff/?status=first_review").content.decode()
        )
        assert draft.title not in client.get("/publications/staff/?status=draft").content.decode()
        detail = text(client.get(f"/publications/staff/{draft.pk}/"))
        assert 'data-field="deadline">2025-12-29' in detail


def test_county_office_reads_everything_but_every_post_is_403(client, county, personas):
    with at("2025-12-10"):
        draft = make_draft(personas)
        first = make_draft(personas, title="待初审的信息")
        services.publication_submit(actor=personas["clerk"], publication=first)
        final = make_draft(personas, title="待终审的信息")
        services.publication_submit(actor=personas["clerk"], publication=final)
        services.publication_review(
            actor=personas["office_head"],
            publication=final,
            stage="first",
            approve=True,
            secrecy_checked=True,
        )
        client.force_login(personas["county_office"])
        for item in (draft, first, final):
            html = client.get(f"/publications/staff/{item.pk}/").content.decode()
            assert 'method="post"' not in html and "只读" in html
        assert 'method="post"' not in client.get("/publications/staff/new/").content.decode()
        before = counts()
        attempts = [
            (draft, "submit", {"note": ""}),
            (first, "first", {"decision": "approve", "secrecy_checked": "on"}),
            (final, "final", {"decision": "approve"}),
            (final, "publish", {"published_on": "2025-12-10"}),
        ]
        for item, action, fields in attempts:
            response = post_step(client, item, action, **fields)
            assert response.status_code == 403, action
        form = {"column": "", "new_column": "通知公告", "title": "新信息", "attribute": "proactive"}
        assert client.post("/publications/staff/new/", form).status_code == 403
        assert client.post(f"/publications/staff/{draft.pk}/edit/", form).status_code == 403
        assert counts() == before


def test_role_checked_steps(client, county, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2025-12-10"):
        item = make_draft(personas)
        services.publication_submit(actor=clerk, publication=item)
        before = counts()
        for who in (clerk, leader):
            client.force_login(who)
            assert (
                "step-first" not in client.get(f"/publications/staff/{item.pk}/").content.decode()
            )
            response = post_step(client, item, "first", decision="approve", secrecy_checked="on")
            assert response.status_code == 403 and "办公室主任" in response.content.decode()
        client.force_login(head)
        response = post_step(client, item, "final", decision="approve")
        assert response.status_code == 403 and "分管领导" in response.content.decode()
        response = post_step(client, item, "publish", published_on="2025-12-10")
        assert response.status_code == 400 and "不能办理" in response.content.decode()
        assert counts() == before


def test_reviews_list(client, county, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2025-12-10"):
        first = make_draft(personas, title="甲-待初审")
        services.publication_submit(actor=clerk, publication=first)
        final = make_draft(personas, title="乙-待终审")
        services.publication_submit(actor=clerk, publication=final)
        services.publication_review(
            actor=head, publication=final, stage="first", approve=True, secrecy_checked=True
        )
        done = make_draft(personas, title="丙-终审通过待发布")
        services.publication_submit(actor=clerk, publication=done)
        services.publication_review(
            actor=head, publication=done, stage="first", approve=True, secrecy_checked=True
        )
        services.publication_review(actor=leader, publication=done, stage="final", approve=True)
        make_draft(personas, title="丁-拟稿")
        other = make_draft(personas, "sibling", title="戊-他镇待初审")
        services.publication_submit(actor=personas["sibling_clerk"], publication=other)
        titles = ("甲-待初审", "乙-待终审", "丙-终审通过待发布", "丁-拟稿", "戊-他镇待初审")

        def listed(user):
            client.force_login(user)
            html = client.get("/publications/staff/reviews/").content.decode()
            return {t for t in titles if t in html}

        assert listed(head) == {"甲-待初审"}
        assert listed(leader) == {"乙-待终审"}
        assert listed(clerk) == set()
        assert listed(personas["county_office"]) == set()


# ---------------------------------------------------------------------------------------------
# The full walk through the web forms


def test_full_walk_draft_to_public_catalogue(client, county, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    town = county["town"]
    with at("2025-12-10"):
        client.force_login(clerk)
        form = {
            "column": "",
            "new_column": "通知公告",
            "title": "朱阳关镇关于冬季森林防火的通知",
            "body": "各村（社区）：请做好冬季森林防火工作。",
            "doc_number": "朱政〔2025〕31号",
            "formed_on": "2025-12-01",
            "attribute": "proactive",
            "withheld_reason": "",
        }
        response = client.post("/publications/staff/new/", {**form, "new_column": ""})
        assert response.status_code == 400 and "请选择栏目" in response.content.decode()
        assert Publication.objects.count() == 0
        response = client.post("/publications/staff/new/", form)
        assert response.status_code == 302
        item = Publication.objects.get()
        assert item.status == "draft" and item.column.name == "通知公告"
        assert item.doc_number == "朱政〔2025〕31号" and item.formed_on == datetime.date(
            2025, 12, 1
        )
        # edit the draft
        column = item.column.pk
        response = client.post(
            f"/publications/staff/{item.pk}/edit/",
            {
                **form,
                "column": column,
                "new_column": "",
                "title": "朱阳关镇关于冬季森林防火工作的通知",
            },
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.title == "朱阳关镇关于冬季森林防火工作的通知"
        assert post_step(client, item, "submit", note="").status_code == 302
        item.refresh_from_db()
        assert item.status == "first_review"
        # editing is no longer possible while under review
        response = client.post(
            f"/publications/staff/{item.pk}/edit/", {**form, "column": column, "new_column": ""}
        )
        assert (
            response.status_code == 400
            and "只有拟稿或已审定的信息可以修改" in response.content.decode()
        )

        # 初审 without ticking 保密审查: 400, the service's message, nothing written
        client.force_login(head)
        before = counts()
        response = post_step(client, item, "first", decision="approve", note="")
        assert response.status_code == 400
        assert "初审通过前必须确认已完成保密审查" in response.content.decode()
        assert counts() == before
        item.refresh_from_db()
        assert item.status == "first_review"
        response = post_step(client, item, "first", decision="approve", secrecy_checked="on")
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.status == "final_review" and item.secrecy_checked_by

        # 终审: returning needs a note; then returned with one
        client.force_login(leader)
        before = counts()
        response = post_step(client, item, "final", decision="return", note="")
        assert response.status_code == 400 and "退回时请写明意见" in response.content.decode()
        assert counts() == before
        assert post_step(client, item, "final", decision="return", note=NOTE).status_code == 302
        item.refresh_from_db()
        assert item.status == "draft"
        page = text(client.get(f"/publications/staff/{item.pk}/"))
        assert NOTE in page and "退回" in page  # the history shows who returned it and why

        # resubmit → 初审 → 终审 approve → 发布
        client.force_login(clerk)
        assert post_step(client, item, "submit", note="已按意见修改").status_code == 302
        client.force_login(head)
        assert (
            post_step(client, item, "first", decision="approve", secrecy_checked="on").status_code
            == 302
        )
        client.force_login(leader)
        assert (
            post_step(client, item, "final", decision="approve", note="同意发布").status_code == 302
        )
        item.refresh_from_db()
        assert item.status == "approved"
        page = text(client.get(f"/publications/staff/{item.pk}/"))
        assert "已审定待发布" in page and "step-final" not in page
        assert post_step(client, item, "final", decision="approve").status_code == 400
        client.force_login(clerk)
        assert post_step(client, item, "publish", published_on="2025-12-10").status_code == 302
        item.refresh_from_db()
        assert item.status == "published" and item.published_on == datetime.date(2025, 12, 10)
        stages = list(item.reviews.values_list("stage", "decision"))
        assert stages == [
            ("submit", ""),
            ("first", "approve"),
            ("final", "reject"),
            ("submit", ""),
            ("first", "approve"),
            ("final", "approve"),
            ("publish", ""),
        ]
        page = text(client.get(f"/publications/staff/{item.pk}/"))
        assert "按时" in page and NOTE in page

    client.logout()
    catalogue = client.get(f"/publications/{town.pk}/").content.decode()
    assert item.title in catalogue
    public = client.get(f"/publications/{town.pk}/{item.pk}/").content.decode()
    assert item.title in public and "朱政〔2025〕31号" in public
    for internal in (NOTE, "同意发布", "已按意见修改", "保密审查", "退回"):
        assert internal not in public and internal not in catalogue


def test_public_pages_never_show_drafts(client, county, personas):
    with at("2025-12-10"):
        item = make_draft(personas)
    town = county["town"]
    assert item.title not in client.get(f"/publications/{town.pk}/").content.decode()
    assert client.get(f"/publications/{town.pk}/{item.pk}/").status_code == 404


def test_withdraw_and_revise_a_published_item_on_the_staff_pages(client, county, personas):
    from gongkai.reviews.factories import published_publication

    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2025-12-10"):
        item = published_publication(
            agency=county["town"],
            column="通知公告",
            title="朱阳关镇关于冬季供暖的通知",
            body="十二月一日起供暖。",
            published_on=datetime.date(2025, 12, 1),
        )
        public = f"/publications/{item.agency_id}/{item.pk}/"
        client.force_login(clerk)
        page = text(client.get(f"/publications/staff/{item.pk}/"))
        assert "step-withdraw" in page and "start-revision" in page
        # the page marks required fields itself; a label must not say （必填） a second time
        assert "撤回理由" in page and "必填）（必填）" not in page and "必填，" not in page
        # 发起修改 gives a draft copy; the public text stays until it is published
        response = client.post(f"/publications/staff/{item.pk}/revise/")
        revision = Publication.objects.get(revises=item)
        assert response.status_code == 302 and response["Location"].endswith(
            f"/publications/staff/{revision.pk}/edit/"
        )
        assert "十二月一日起供暖" in text(client.get(public))
        assert client.post(f"/publications/staff/{item.pk}/revise/").status_code == 400
        # 撤回 (of another item) needs a reason, then 初审 and 终审
        item = published_publication(
            agency=county["town"],
            column="通知公告",
            title="朱阳关镇关于冬季供暖时间的通知",
            body="十二月一日起供暖。",
            published_on=datetime.date(2025, 12, 1),
        )
        public = f"/publications/{item.agency_id}/{item.pk}/"
        assert post_step(client, item, "withdraw", note="").status_code == 400
        assert post_step(client, item, "withdraw", note="供暖时间调整").status_code == 302
        assert "十二月一日起供暖" in text(client.get(public))
        client.force_login(head)
        assert post_step(client, item, "first", decision="approve").status_code == 302
        client.force_login(leader)
        assert post_step(client, item, "final", decision="approve").status_code == 302
        page = text(client.get(public))
        assert "本信息已于2025年12月10日撤回" in page and "供暖时间调整" in page
        assert "十二月一日起供暖" not in page
        assert item.title not in text(client.get(f"/publications/{item.agency_id}/"))
