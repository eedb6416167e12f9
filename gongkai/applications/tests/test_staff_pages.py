"""The staff web workflow (/requests/staff/…) through the Django test client: scoping, roles, the
full walk through the web forms with the clock shown after each step, and rejected POSTs.

Expected dates are derived by hand from the official schedules:
  2025: 9/28 (Sun) 班; 10/1–10/8 休; 10/11 (Sat) 班.
"""

import datetime
import re

import pytest
import time_machine

from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent, Letter
from gongkai.applications.selectors import clock_for
from gongkai.core.audit_models import AuditEvent

from .factories import ID_NUMBER, register

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def at(day):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00:00+08:00"), tick=False)


def clock_value(html: str, name: str) -> str:
    match = re.search(rf'data-clock="{name}">(.*?)</dd>', html, re.S)
    assert match, f"no {name} on the page"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def detail_url(app):
    return f"/requests/staff/{app.pk}/"


def step_url(app, action):
    return f"/requests/staff/{app.pk}/{action}/"


def post_step(client, app, action, **fields):
    return client.post(step_url(app, action), {f"{action}-{k}": v for k, v in fields.items()})


def counts():
    return (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def page(client, app):
    response = client.get(detail_url(app))
    assert response.status_code == 200
    return response.content.decode()


REGISTER_DATA = {
    "applicant_type": "natural_person",
    "applicant_name": "王某",
    "id_number": ID_NUMBER,
    "contact": "13800000000",
    "address": "",
    "content": "2025年朱阳关镇村道硬化项目的招标文件",
    "form_requested": "paper",
    "channel": "in_person",
    "received_on": "2025-09-25",
    "number": "",
}


# ---------------------------------------------------------------------------------------------
# Scoping and roles


def test_pages_render_for_each_role_and_404_for_a_sibling(client, county, personas):
    with at("2025-12-10"):
        own = register(personas["clerk"], county["town"], received="2025-11-03", number="OWN-1")
        sib = register(
            personas["sibling_clerk"], county["sibling"], received="2025-12-05", number="SIB-1"
        )
        for role in ("clerk", "office_head", "leader", "county_office", "admin"):
            client.force_login(personas[role])
            for url in (
                "/requests/staff/",
                "/requests/staff/register/",
                "/requests/staff/reviews/",
                detail_url(own),
                "/appeals/staff/",
                "/appeals/staff/register/",
            ):
                assert client.get(url).status_code == 200, (role, url)
            listing = client.get("/requests/staff/?status=").content.decode()
            assert "OWN-1" in listing
            assert ("SIB-1" in listing) == (role in ("county_office", "admin"))
        client.force_login(personas["sibling_clerk"])
        assert client.get(detail_url(own)).status_code == 404
        assert client.get("/requests/staff/999999/").status_code == 404  # missing: the same 404
        before = counts()
        assert post_step(client, own, "start_processing", date="2025-12-10").status_code == 404
        assert counts() == before
        listing = client.get("/requests/staff/").content.decode()
        assert "SIB-1" in listing and "OWN-1" not in listing
        assert client.get(detail_url(sib)).status_code == 200
    client.logout()
    response = client.get(detail_url(own))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_county_office_sees_everything_but_every_post_is_403(client, county, personas):
    clerk = personas["clerk"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        services.application_start_processing(actor=clerk, application=app)
        client.force_login(personas["county_office"])
        html = page(client, app)
        assert 'action="/requests/staff/' not in html and "只读" in html
        before = counts()
        attempts = {
            "start_processing": {"date": "2025-12-10"},
            "request_correction": {"date": "2025-12-10", "note": "补正", "days": "10"},
            "pause": {"kind": "third_party", "date": "2025-12-10"},
            "extend": {"date": "2025-12-10", "days": "20", "reason": "理由"},
            "fee_notice": {"method": "pages", "quantity": "40", "date": "2025-12-10"},
            "draft_reply": {"outcome": "granted", "date": "2025-12-10", "submit": "on"},
            "review_first": {"decision": "approve"},
            "review_final": {"decision": "approve"},
            "deliver": {"method": "post", "date": "2025-12-10"},
            "conclude": {"date": "2025-12-10"},
            "withdraw": {"date": "2025-12-10"},
            "abandon": {"date": "2025-12-10"},
            "issue_letter": {"kind": "extension_notice", "date": "2025-12-10"},
            "letter_delivery": {"letter": "1", "method": "post", "date": "2025-12-10"},
        }
        for action, fields in attempts.items():
            response = post_step(client, app, action, **fields)
            assert response.status_code == 403, action
            assert "您的角色为只读" in response.content.decode(), action
        response = client.post(
            "/requests/staff/register/", {**REGISTER_DATA, "agency": county["town"].pk}
        )
        assert response.status_code == 403
        assert "只读" in response.content.decode()
        assert counts() == before
        assert Application.objects.get(pk=app.pk).status == "processing"


def test_role_checked_steps(client, county, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        services.application_start_processing(actor=clerk, application=app)
        client.force_login(clerk)
        html = page(client, app)
        assert "step-extend" not in html and "step-pause" in html  # the clerk cannot extend
        before = counts()
        response = post_step(client, app, "extend", date="2025-12-10", days="20", reason="档案多")
        assert response.status_code == 403 and "办公室主任" in response.content.decode()
        assert counts() == before
        client.force_login(head)
        assert "step-extend" in page(client, app)
        services.application_draft_reply(actor=clerk, application=app, outcome="granted")
        client.force_login(leader)
        html = page(client, app)
        assert "step-review_first" not in html
        response = post_step(client, app, "review_first", decision="approve")
        assert response.status_code == 403
        client.force_login(head)
        assert "step-review_first" in page(client, app)
        assert post_step(client, app, "review_first", decision="approve").status_code == 302
        assert Application.objects.get(pk=app.pk).status == "final_review"


def test_reviews_list(client, county, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2025-12-10"):
        first = register(clerk, county["town"], received="2025-12-01", number="R-FIRST")
        services.application_draft_reply(actor=clerk, application=first, outcome="granted")
        final = register(clerk, county["town"], received="2025-12-02", number="R-FINAL")
        services.application_draft_reply(actor=clerk, application=final, outcome="granted")
        services.application_review(actor=head, application=final, stage="first", approve=True)
        register(clerk, county["town"], received="2025-12-03", number="R-OPEN")
        other = register(personas["sibling_clerk"], county["sibling"], received="2025-12-01")
        services.application_draft_reply(
            actor=personas["sibling_clerk"], application=other, outcome="granted"
        )

        def listed(user):
            client.force_login(user)
            html = client.get("/requests/staff/reviews/").content.decode()
            return {n for n in ("R-FIRST", "R-FINAL", "R-OPEN", other.number) if n in html}

        assert listed(head) == {"R-FIRST"}
        assert listed(leader) == {"R-FINAL"}
        assert listed(clerk) == set()
        assert listed(personas["county_office"]) == set()


def test_list_filters_and_days_left(client, county, personas):
    clerk = personas["clerk"]
    with at("2025-12-10"):
        # Received Mon 11/3: 11/4–7 (4), 11/10–14 (9), 11/17–21 (14), 11/24–28 (19), 12/1 (20).
        register(clerk, county["town"], received="2025-11-03", number="LATE")
        # Received Fri 11/14: 11/17–21 (5), 11/24–28 (10), 12/1–5 (15), 12/8–12 (20) → 12/12;
        # on Wed 12/10 two working days are left (12/11, 12/12).
        register(clerk, county["town"], received="2025-11-14", number="SOON")
        # Received Mon 12/8: 20 working days → 1/6/2026 (1/1 休); far from due.
        register(clerk, county["town"], received="2025-12-08", number="FRESH")
        done = register(clerk, county["town"], received="2025-12-01", number="DONE")
        services.application_withdraw(actor=clerk, application=done, date=D("2025-12-02"))
        client.force_login(clerk)

        def numbers(query):
            html = client.get("/requests/staff/" + query).content.decode()
            return {n for n in ("LATE", "SOON", "FRESH", "DONE") if f">{n}<" in html}, html

        assert numbers("")[0] == {"LATE", "SOON", "FRESH"}  # default: open requests
        assert numbers("?status=")[0] == {"LATE", "SOON", "FRESH", "DONE"}
        assert numbers("?status=withdrawn")[0] == {"DONE"}
        got, html = numbers("?due=overdue")
        assert got == {"LATE"} and "2025-12-01" in html and "逾期7" in html  # 12/2–12/10
        got, html = numbers("?due=soon")
        assert got == {"SOON"} and "2025-12-12" in html
        row = re.search(r">SOON<.*?</tr>", html, re.S).group(0)
        assert re.search(r'data-label="剩余工作日">2<', row)


# ---------------------------------------------------------------------------------------------
# The full walk through the web forms


def test_full_walk_through_the_web_forms(client, county, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    town = county["town"]

    def check_due(app, expected):
        html = page(client, app)
        shown = clock_value(html, "due")
        assert shown == expected
        result = clock_for(Application.objects.get(pk=app.pk))
        if result.due:
            assert shown == f"{result.due:%Y-%m-%d}"
        return html

    with at("2025-09-25"):
        client.force_login(clerk)
        response = client.post(
            "/requests/staff/register/", {**REGISTER_DATA, "agency": town.pk}, follow=True
        )
        assert response.status_code == 200  # the 受理回执, with the lookup secret shown once
        app = Application.objects.get()
        assert f'href="{detail_url(app)}"' in response.content.decode()
        # 20 working days from Thu 9/25: 9/26 (1), 9/28 Sun 班 (2), 9/29 (3), 9/30 (4),
        # 10/1–8 休, 10/9 (5), 10/10 (6), 10/11 Sat 班 (7), 10/13–17 (12), 10/20–24 (17),
        # 10/27 (18), 10/28 (19), 10/29 (20).
        html = check_due(app, "2025-10-29")
        # 补正 notice within 7: 9/26, 9/28, 9/29, 9/30, 10/9, 10/10, 10/11.
        assert clock_value(html, "correction-notice-due") == "2025-10-11"
        assert clock_value(html, "days-left") == "20"
        assert clock_value(html, "overdue") == "否"
        assert "4****************4" in html and ID_NUMBER not in html

    with at("2025-09-26"):
        client.force_login(clerk)  # sessions last two weeks; the walk takes months
        r = post_step(
            client, app, "request_correction", date="2025-09-26", note="请写明项目名称", days="10"
        )
        assert r.status_code == 302
        html = check_due(app, "计时暂停（待补正）")

    with at("2025-10-09"):
        client.force_login(clerk)  # sessions last two weeks; the walk takes months
        assert post_step(client, app, "receive_correction", date="2025-10-09").status_code == 302
        # Restart from Thu 10/9: 10/10 (1), 10/11 Sat 班 (2), 10/13–17 (7), 10/20–24 (12),
        # 10/27–31 (17), 11/3 (18), 11/4 (19), 11/5 (20).
        html = check_due(app, "2025-11-05")
        assert clock_value(html, "period-start").startswith("2025-10-09")

    with at("2025-10-31"):
        client.force_login(clerk)  # sessions last two weeks; the walk takes months
        r = post_step(client, app, "pause", kind="third_party", date="2025-10-31", note="涉及企业")
        assert r.status_code == 302
        html = check_due(app, "计时暂停（征求意见中）")
        # The third party answers within 15 working days of Fri 10/31: 11/3–7, 11/10–14, 11/17–21.
        assert clock_value(html, "third-party-due") == "2025-11-21"

    with at("2025-11-21"):
        client.force_login(clerk)  # sessions last two weeks; the walk takes months
        assert post_step(client, app, "resume", date="2025-11-21").status_code == 302
        # 17 used (10/10 … 10/31); 3 left after Fri 11/21: 11/24, 11/25, 11/26.
        html = check_due(app, "2025-11-26")
        assert clock_value(html, "paused-days") == "15"  # 11/3–11/21 not counted

    with at("2025-11-24"):
        client.force_login(head)
        r = post_step(client, app, "extend", date="2025-11-24", days="20", reason="需要调取档案")
        assert r.status_code == 302
        # 23 left after 11/21: 11/24–28 (5), 12/1–5 (10), 12/8–12 (15), 12/15–19 (20),
        # 12/22 (21), 12/23 (22), 12/24 (23).
        html = check_due(app, "2025-12-24")
        assert clock_value(html, "days-allowed").startswith("40")
        assert "step-extend" not in html  # once only

    with at("2025-12-10"):
        client.force_login(clerk)
        r = post_step(
            client,
            app,
            "draft_reply",
            outcome="granted",
            note="提供招标文件",
            date="2025-12-10",
            submit="on",
        )
        assert r.status_code == 302
        html = check_due(app, "2025-12-24")
        # 12/11–12 (2), 12/15–19 (7), 12/22–24 (10).
        assert clock_value(html, "days-left") == "10"
        assert Application.objects.get(pk=app.pk).status == "first_review"

        client.force_login(head)
        assert (
            post_step(client, app, "review_first", decision="approve", note="").status_code == 302
        )
        check_due(app, "2025-12-24")
        client.force_login(leader)
        assert post_step(client, app, "review_final", decision="approve").status_code == 302
        html = check_due(app, "2025-12-24")
        assert "已审定待出具" in html

    with at("2025-12-11"):
        client.force_login(clerk)
        assert (
            post_step(client, app, "deliver", method="post", date="2025-12-11").status_code == 302
        )
        html = check_due(app, "2025-12-24")
        assert clock_value(html, "replied") == "2025-12-11"

    with at("2025-12-12"):
        assert post_step(client, app, "conclude", date="2025-12-12").status_code == 302
        html = check_due(app, "2025-12-24")
        assert 'action="/requests/staff/' not in html  # nothing left to do
    app.refresh_from_db()
    assert (app.status, app.outcome, app.replied_on) == ("concluded", "granted", D("2025-12-11"))
    assert app.id_number_masked == "4****************4" and len(app.id_number_digest) == 64
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds == [
        "registered",
        "correction_requested",
        "correction_received",
        "consult_third_party",
        "consult_end",
        "extension",
        "reply_drafted",
        "delivered",
        "concluded",
    ]
    # 初审 and 终审 are review records of the engine, by two people other than the drafter
    reviews = list(app.reviews.values_list("stage", "decision", "reviewer__role"))
    assert reviews == [
        ("submit", "", "clerk"),
        ("first", "approve", "office_head"),
        ("final", "approve", "leader"),
    ]


def test_review_return_and_abandon_and_withdraw(client, county, personas):
    clerk, head = personas["clerk"], personas["office_head"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        services.application_draft_reply(actor=clerk, application=app, outcome="granted")
        client.force_login(head)
        before = counts()
        r = post_step(client, app, "review_first", decision="return", note="")
        assert r.status_code == 400 and "退回时请写明意见" in r.content.decode()
        assert counts() == before
        r = post_step(client, app, "review_first", decision="return", note="补充依据")
        assert r.status_code == 302
        assert Application.objects.get(pk=app.pk).status == "drafting_reply"

        client.force_login(clerk)
        other = register(clerk, county["town"], received="2025-12-01")
        post_step(client, other, "request_correction", date="2025-12-02", note="补正事项", days="5")
        assert "step-abandon" in page(client, other)  # 补正期限 12/9, passed on 12/10
        assert post_step(client, other, "abandon", date="2025-12-10").status_code == 302
        other.refresh_from_db()
        assert (other.status, other.outcome) == ("abandoned", "other_no_correction")

        third = register(clerk, county["town"], received="2025-12-01")
        assert post_step(client, third, "withdraw", date="2025-12-03").status_code == 302
        third.refresh_from_db()
        assert (third.status, third.outcome, third.replied_on) == (
            "withdrawn",
            "other_other",
            D("2025-12-03"),
        )


def test_fee_notice_and_payment(client, county, personas, settings):
    clerk = personas["clerk"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        services.application_start_processing(actor=clerk, application=app)
        client.force_login(clerk)
        r = post_step(client, app, "fee_notice", method="pages", quantity="31", date="2025-12-05")
        assert r.status_code == 302
        html = page(client, app)
        # Pays within 20 working days of Fri 12/5: 12/8–12 (5), 12/15–19 (10), 12/22–26 (15),
        # 12/29–31 (18), 1/1–3 休, 1/4 Sun 班 (19), 1/5 (20).
        assert clock_value(html, "fee-due") == "2026-01-05"
        # By default the fee period is counted (GONGKAI_FEE_PERIOD_PAUSES_CLOCK False): 20 working
        # days after Mon 12/1: 12/2–5 (4), 12/8–12 (9), 12/15–19 (14), 12/22–26 (19), 12/29 (20).
        assert clock_value(html, "due") == "2025-12-29"
        settings.GONGKAI_FEE_PERIOD_PAUSES_CLOCK = True
        assert clock_value(page(client, app), "due") == "计时暂停（待缴费）"
        assert "10.00 元" in html
        assert post_step(client, app, "record_payment", date="2025-12-10").status_code == 302
        assert Application.objects.get(pk=app.pk).status == "processing"


# ---------------------------------------------------------------------------------------------
# Rejected POSTs: the Chinese message on the page, HTTP 400, nothing written


def test_second_extension_rejected(client, county, personas):
    clerk, head = personas["clerk"], personas["office_head"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        services.application_start_processing(actor=clerk, application=app)
        services.application_extend(
            actor=head, application=app, date=D("2025-12-05"), days=10, reason="档案多"
        )
        client.force_login(head)
        before = counts()
        r = post_step(client, app, "extend", date="2025-12-10", days="10", reason="再延")
        assert r.status_code == 400
        html = r.content.decode()
        assert "答复期限只能延长一次（条例第三十三条），本申请已延期。" in html
        assert counts() == before


def test_reply_dated_before_receipt_rejected(client, county, personas):
    clerk = personas["clerk"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        client.force_login(clerk)
        before = counts()
        r = post_step(client, app, "draft_reply", outcome="granted", date="2025-11-28", submit="on")
        assert r.status_code == 400
        assert "拟答复日期（2025-11-28）不能早于收到申请日期（2025-12-01）。" in r.content.decode()
        assert counts() == before
        app.refresh_from_db()
        assert (app.status, app.proposed_outcome) == ("registered", "")
        # A bad field value: the form error next to the field, in Chinese.
        r = post_step(client, app, "draft_reply", outcome="nonsense", date="2025-12-10")
        assert r.status_code == 400 and "选择一个有效的选项" in r.content.decode()
        # A step the status does not allow.
        r = post_step(client, app, "resume", date="2025-12-10")
        assert r.status_code == 400 and "当前状态为“登记”，不能办理“收到意见（恢复计时）”" in (
            r.content.decode()
        )
        assert counts() == before


def test_register_form_errors_next_to_fields_and_nothing_written(client, county, personas):
    with at("2025-12-10"):
        client.force_login(personas["clerk"])
        before = counts()
        town = county["town"].pk
        r = client.post(
            "/requests/staff/register/", {**REGISTER_DATA, "agency": town, "contact": ""}
        )
        assert r.status_code == 400
        assert re.search(r'id="contact-error">这个字段是必填项。', r.content.decode())
        # The service's Art. 29 problems are shown next to their fields.
        r = client.post(
            "/requests/staff/register/", {**REGISTER_DATA, "agency": town, "id_number": "12345"}
        )
        assert r.status_code == 400
        html = r.content.decode()
        assert re.search(r'id="id_number-error">身份证号码应为18位', html)
        assert "未登记：请修改标出的项目。" in html
        assert counts() == before
        # Service-level problem attached to its field: receipt in the future.
        r = client.post(
            "/requests/staff/register/",
            {**REGISTER_DATA, "agency": county["town"].pk, "received_on": "2025-12-11"},
        )
        assert r.status_code == 400
        assert re.search(r'id="received_on-error">不能晚于今天', r.content.decode())
        # A sibling's agency cannot be chosen.
        r = client.post(
            "/requests/staff/register/", {**REGISTER_DATA, "agency": county["sibling"].pk}
        )
        assert r.status_code == 400 and 'id="agency-error"' in r.content.decode()
        assert counts() == before


def test_letters_issue_download_and_delivery(client, county, personas):
    clerk = personas["clerk"]
    with at("2025-12-10"):
        app = register(clerk, county["town"], received="2025-12-01")
        services.application_start_processing(actor=clerk, application=app)
        services.application_extend(
            actor=personas["office_head"], application=app, date=D("2025-12-10"), reason="调档"
        )
        client.force_login(clerk)  # notices need the office head's sign-off by default
        r = post_step(client, app, "issue_letter", kind="extension_notice", date="2025-12-10")
        assert r.status_code == 400 and "办公室主任" in r.content.decode()
        client.force_login(personas["office_head"])
        r = post_step(client, app, "issue_letter", kind="extension_notice", date="2025-12-10")
        assert r.status_code == 302
        letter = Letter.objects.get()
        html = page(client, app)
        assert letter.number_text in html and "尚未送达" in html
        docx = client.get(f"/requests/staff/letters/{letter.pk}.docx")
        assert docx.status_code == 200 and docx.content[:2] == b"PK"
        assert client.get(f"/requests/staff/letters/{letter.pk}.pdf").content[:4] == b"%PDF"
        assert client.get(f"/requests/staff/letters/{letter.pk}.exe").status_code == 404
        before = counts()
        r = post_step(
            client, app, "letter_delivery", letter=letter.pk, method="post", date="2025-12-09"
        )
        assert r.status_code == 400 and "送达日期不能早于文书日期。" in r.content.decode()
        assert counts() == before
        r = post_step(
            client, app, "letter_delivery", letter=letter.pk, method="post", date="2025-12-10"
        )
        assert r.status_code == 302
        assert "邮寄送达，2025-12-10" in page(client, app)
        client.force_login(personas["sibling_clerk"])
        assert client.get(f"/requests/staff/letters/{letter.pk}.pdf").status_code == 404


def test_deadline_pages_link_to_the_case_file(client, county, personas):
    with at("2025-12-10"):
        app = register(personas["clerk"], county["town"], received="2025-11-03", number="OWN-9")
        client.force_login(personas["clerk"])
        for url in ("/requests/staff/deadlines/", "/requests/staff/county/"):
            html = client.get(url).content.decode()
            assert f'href="/requests/staff/{app.pk}/">OWN-9<' in html, url


def test_draft_reply_offers_every_table3_outcome_with_its_label(client, county, personas):
    from gongkai.applications.outcomes import OUTCOME_CODES

    with at("2025-12-10"):
        app = register(personas["clerk"], county["town"], received="2025-12-01")
        client.force_login(personas["clerk"])
        html = page(client, app)
    select = re.search(r'<select name="draft_reply-outcome".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\w+)"', select) == list(OUTCOME_CODES)
    assert '<optgroup label="不予公开">' in select
    assert '<option value="withheld_state_secret">属于国家秘密</option>' in select
    assert '<option value="granted">予以公开</option>' in select
