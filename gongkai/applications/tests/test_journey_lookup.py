"""Issue 11 item 4: the receipt and the lookup. Expected dates are the worked examples of
shared/spec/requests-deadlines-fees.md §2; the office's side is driven through the services."""

import datetime
import io
import re

import pytest
import time_machine
from django.test import Client

from gongkai.applications import letters, services
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.core.audit_models import AuditEvent

from .test_journey_intake import ID_SECOND

BODY, COURT = "卢氏县人民政府", "卢氏县人民法院"
D = datetime.date.fromisoformat
REQUEST_TEXT = "朱阳关镇2025年杜店村道路硬化工程的招标文件"


def at(day: str):
    """10:00 in Shanghai on `day`."""
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T02:00:00+00:00"), tick=False)


def file(client, county) -> tuple[Application, str, str]:
    response = client.post(
        "/requests/apply/",
        {
            "agency": county["town"].pk,
            "applicant_type": "natural_person",
            "applicant_name": "王秀兰",
            "id_number": ID_SECOND,
            "contact": "13839800123",
            "content": REQUEST_TEXT,
            "form_requested": "electronic",
            "privacy_acknowledged": "on",
        },
        follow=True,
    )
    # Post/Redirect/Get: 303 to the receipt, whose URL is a random token, not the request's id.
    [(url, code)] = response.redirect_chain
    assert code == 303 and re.fullmatch(r"/requests/apply/receipt/[\w-]{20,}/", url)
    assert response.status_code == 200
    app = Application.objects.get(pk=response.context["app"].pk)
    assert str(app.pk) not in url.split("/")
    return app, response.context["secret"], response.content.decode()


def holder(app, secret, **more):
    return {"query_code": app.query_code, "secret": secret, **more}


def text_of(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    assert match, f"no #{element_id}"
    return match.group(1).strip()


@pytest.mark.django_db
def test_receipt_shows_the_due_date_the_law_counts_and_a_grouped_secret(client, county):
    with at("2025-09-25"):
        app, secret, html = file(client, county)
    # Spec §2: received 2025-09-25 → reply due 2025-10-29.
    assert text_of(html, "receipt-due") == "2025年10月29日"
    assert "以双方确认之日为收到申请之日（条例第三十一条第（三）项）" in html
    assert "收到申请之日</dt><dd>2025年9月25日" in html
    shown = text_of(html, "secret")
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{5} [2-9A-HJKMNP-Z]{5} [2-9A-HJKMNP-Z]{5}", shown)
    assert shown.replace(" ", "") == secret and not set(secret) & set("0O1IL")
    assert text_of(html, "query-code") == app.query_code
    assert "data-print" in html and "接下来" in html
    # Typed back grouped, in lower case, it still opens the request.
    found = client.post("/requests/lookup/", holder(app, shown.lower())).content.decode()
    assert "查询结果" in found and text_of(found, "due") == "2025-10-29"
    assert REQUEST_TEXT in found


@pytest.mark.django_db
def test_lookup_shows_the_correction_asked_for_with_its_period(client, county, personas):
    with at("2025-09-25"):
        app, secret, _ = file(client, county)
        services.application_request_correction(
            actor=personas["clerk"],
            application=app,
            date=D("2025-09-25"),
            note="请写明道路硬化工程所在的村民小组和招标年份",
            days=7,
        )
        html = client.post("/requests/lookup/", holder(app, secret)).content.decode()
    # Spec §2: 7 working days after 2025-09-25 end on 2025-10-11 (a working Saturday).
    assert text_of(html, "correction-deadline") == "2025-10-11"
    assert "请写明道路硬化工程所在的村民小组和招标年份" in html
    assert 'id="due"' not in html and "自本机关收到您的补正之日起重新计算" in html
    assert 'action="/requests/lookup/correct/"' in html


@pytest.mark.django_db
def test_online_correction_restarts_the_clock(client, county, personas):
    with at("2025-12-29"):
        app, secret, _ = file(client, county)
    with at("2025-12-30"):
        services.application_request_correction(
            actor=personas["clerk"],
            application=app,
            date=D("2025-12-30"),
            note="请写明招标年份",
            days=10,
        )
    with at("2025-12-31"):
        refused = client.post("/requests/lookup/correct/", holder(app, secret, text="年"))
        assert refused.status_code == 400 and "至少5个字" in refused.content.decode()
        wrong = client.post(
            "/requests/lookup/correct/", holder(app, "X" * 15, text="2025年招标的文件")
        )
        assert "未找到该申请" in wrong.content.decode()
        assert Application.objects.get(pk=app.pk).status == "awaiting_correction"
        posted = client.post(
            "/requests/lookup/correct/",
            holder(app, secret, text="2025年杜店村一组招标的文件"),
            follow=True,
        )
        done = posted.content.decode()
        # Post/Redirect/Get: a refresh shows the same page and receives nothing a second time.
        [(url, code)] = posted.redirect_chain
        assert code == 303 and url.startswith("/requests/lookup/correct/")
        audit_rows = AuditEvent.objects.count()
        refreshed = client.get(url)
        assert refreshed.status_code == 200 and "已收到您的补正" in refreshed.content.decode()
        assert AuditEvent.objects.count() == audit_rows
        assert Client().get(url).status_code == 404  # another visitor: nothing to see
    app.refresh_from_db()
    assert app.status == "processing"
    event = app.events.get(kind="correction_received")
    assert event.date == D("2025-12-31") and "2025年杜店村一组招标的文件" in event.note
    # Spec §2: received 2025-12-31 → due 2026-01-29: the period restarts from the correction.
    assert text_of(done, "due") == "2026-01-29" and "已收到您的补正" in done
    with at("2026-01-05"):
        again = client.post(
            "/requests/lookup/correct/", holder(app, secret, text="再补充一些说明文字")
        )
    assert again.status_code == 400 and "本申请当前不需要补正" in again.content.decode()
    assert app.events.filter(kind="correction_received").count() == 1


@pytest.mark.django_db
def test_the_correction_sent_is_shown_back_to_its_holder_and_to_the_office(
    client, county, personas
):
    correction = "2025年杜店村一组招标的文件"
    with at("2025-12-30"):
        app, secret, _ = file(client, county)
        services.application_request_correction(
            actor=personas["clerk"],
            application=app,
            date=D("2025-12-30"),
            note="请写明年份",
            days=10,
        )
        before = client.post("/requests/lookup/", holder(app, secret)).content.decode()
        done = client.post(
            "/requests/lookup/correct/", holder(app, secret, text=correction), follow=True
        ).content.decode()
        lookup = client.post("/requests/lookup/", holder(app, secret)).content.decode()
        stranger = Client().post("/requests/lookup/", holder(app, "X" * 15)).content.decode()
        staff = Client()
        staff.force_login(personas["clerk"])
        case = staff.get(f"/requests/staff/{app.pk}/").content.decode()
    assert "您提交的补正" not in before
    for page in (done, lookup):
        sent = re.search(r'data-correction="sent">(.*?)</blockquote>', page, re.S)
        assert sent and sent.group(1).strip() == correction
        assert "2025年12月30日网上提交" in page
    assert correction not in stranger
    assert correction in case


@pytest.mark.django_db
def test_a_correction_received_by_the_office_keeps_its_note_internal(client, county, personas):
    with at("2025-12-30"):
        app, secret, _ = file(client, county)
        services.application_request_correction(
            actor=personas["clerk"],
            application=app,
            date=D("2025-12-30"),
            note="请写明年份",
            days=10,
        )
        services.application_receive_correction(
            actor=personas["clerk"],
            application=app,
            date=D("2025-12-30"),
            note="来电补充：内部记录",
        )
        page = client.post("/requests/lookup/", holder(app, secret)).content.decode()
    assert "您提交的补正" not in page and "内部记录" not in page


@pytest.mark.django_db
def test_withdrawal_asks_for_confirmation_first(client, county):
    with at("2025-12-01"):
        app, secret, _ = file(client, county)
        ask = client.post("/requests/lookup/withdraw/", holder(app, secret))
        assert "确认撤回" in ask.content.decode()
        assert Application.objects.get(pk=app.pk).status == "registered"
        wrong = client.post("/requests/lookup/withdraw/", holder(app, "X" * 15, confirm="yes"))
        assert "未找到该申请" in wrong.content.decode()
        assert Application.objects.get(pk=app.pk).status == "registered"
        done = client.post(
            "/requests/lookup/withdraw/", holder(app, secret, confirm="yes"), follow=True
        )
        [(url, code)] = done.redirect_chain
        assert code == 303 and url.startswith("/requests/lookup/withdraw/")
        audit_rows = AuditEvent.objects.count()
        refreshed = client.get(url)
        assert refreshed.status_code == 200 and "您已撤回本申请" in refreshed.content.decode()
        assert AuditEvent.objects.count() == audit_rows
        assert Client().get(url).status_code == 404
        # Back to the confirmation page and posting it again withdraws nothing a second time.
        repost = client.post("/requests/lookup/withdraw/", holder(app, secret, confirm="yes"))
        assert repost.status_code == 400 and "不能再撤回" in repost.content.decode()
        assert AuditEvent.objects.count() == audit_rows
        assert app.events.filter(kind="withdrawn").count() == 1
    app.refresh_from_db()
    assert (app.status, app.outcome, app.replied_on) == (
        "withdrawn",
        "other_other",
        D("2025-12-01"),
    )
    assert "您已撤回本申请" in done.content.decode()
    assert 'action="/requests/lookup/withdraw/"' not in done.content.decode()


def answer(personas, app, *, on: str):
    """The office's side: process, draft 予以公开, 初审, 终审, issue the reply letter, deliver."""
    p = personas
    letters.request_settings_set(
        actor=p["admin"], agency=app.agency, reconsideration_body=BODY, court=COURT
    )
    if app.status == "registered":  # after a correction it is already 办理
        services.application_start_processing(actor=p["clerk"], application=app)
    services.application_draft_reply(
        actor=p["clerk"], application=app, outcome="granted", note="所申请信息见附件"
    )
    services.application_review(
        actor=p["office_head"], application=app, stage="first", approve=True
    )
    services.application_review(actor=p["leader"], application=app, stage="final", approve=True)
    letter = letters.letter_issue(
        actor=p["clerk"], application=app, kind="reply_granted", date=D(on)
    )
    services.application_deliver(actor=p["clerk"], application=app, date=D(on), method="online")
    return letter


def read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.django_db
def test_the_reply_letter_only_for_the_holder(client, county, personas):
    with at("2025-12-01"):
        app, secret, _ = file(client, county)
        other, other_secret, _ = file(client, county)  # noqa: F841 (another applicant)
        Application.objects.filter(pk=other.pk).update(applicant_name="李某")
        before = client.post("/requests/lookup/", holder(app, secret)).content.decode()
        assert "下载答复书" not in before  # nothing before the reply is delivered
    with at("2025-12-10"):
        letter = answer(personas, app, on="2025-12-10")
        page = client.post("/requests/lookup/", holder(app, secret)).content.decode()
        assert "下载答复书（PDF）" in page and letter.number_text in page
        assert text_of(page, "outcome") and "本机关已答复" in page
        pdf = client.post("/requests/lookup/letter/", holder(app, secret, letter=letter.pk))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert letter.number_text.replace(" ", "") in read_pdf(pdf.content)
        # Wrong secret, another applicant's secret, a missing code: the same "not found", no PDF.
        for code, given in [
            (app.query_code, "X" * 15),
            (app.query_code, other_secret),
            ("GKNOSUCHCODE", secret),
        ]:
            refused = client.post(
                "/requests/lookup/letter/",
                {"query_code": code, "secret": given, "letter": letter.pk},
            )
            body = refused.content.decode()
            assert refused["Content-Type"].startswith("text/html")
            assert "未找到该申请" in body and letter.number_text not in body
            assert REQUEST_TEXT not in body.split("<main")[1] and "王秀兰" not in body
        # The other applicant's own code and secret do not fetch this letter either.
        cross = client.post(
            "/requests/lookup/letter/", holder(other, other_secret, letter=letter.pk)
        )
        assert cross.status_code == 404 and cross["Content-Type"].startswith("text/html")
        assert letter.number_text not in cross.content.decode()
        # A voided letter is no longer offered.
        letters.letter_void(
            actor=personas["clerk"], letter=letter, reason="文号有误", date=D("2025-12-10")
        )
        gone = client.post("/requests/lookup/letter/", holder(app, secret, letter=letter.pk))
        assert gone.status_code == 404


@pytest.mark.django_db
def test_lookup_pages_never_show_personal_data_or_internal_notes(client, county, personas):
    with at("2025-12-01"):
        app, secret, receipt = file(client, county)
        services.application_start_processing(actor=personas["clerk"], application=app)
        services.application_draft_reply(
            actor=personas["clerk"], application=app, outcome="granted", note="内部答复要点"
        )
        services.application_review(
            actor=personas["office_head"],
            application=app,
            stage="first",
            approve=False,
            note="内部审核意见：请重写",
        )
        page = client.post("/requests/lookup/", holder(app, secret)).content.decode()
    for private in (ID_SECOND, "13839800123", "王秀兰", "内部审核意见", "内部答复要点"):
        assert private not in page
    assert ID_SECOND not in receipt
    assert "本机关正在拟定并审核对您的答复" in page


@pytest.mark.django_db
def test_staff_registration_prints_a_receipt_with_a_query_code(client, county, personas):
    with at("2025-09-25"):
        client.force_login(personas["clerk"])
        response = client.post(
            "/requests/staff/register/",
            {
                "agency": county["town"].pk,
                "applicant_type": "natural_person",
                "applicant_name": "王秀兰",
                "id_number": ID_SECOND,
                "contact": "0398-7000000",
                "address": "河南省卢氏县朱阳关镇杜店村",
                "content": REQUEST_TEXT,
                "form_requested": "paper",
                "channel": "post",
                "received_on": "2025-09-25",
                "number": "",
            },
            follow=True,
        )
    html = response.content.decode()
    app = Application.objects.get()
    assert response.redirect_chain == [(f"/requests/staff/register/{app.pk}/", 302)]
    assert response.status_code == 200 and "受理回执" in html
    assert text_of(html, "query-code") == app.query_code and app.query_code
    assert text_of(html, "receipt-due") == "2025年10月29日"  # spec §2: received 2025-09-25
    assert "以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）" in html
    shown = text_of(html, "secret")
    assert shown.replace(" ", "") not in app.secret_hash
    assert ApplicationEvent.objects.filter(application=app, kind="registered").count() == 1
    # The applicant who got the receipt by post looks the request up with it.
    client.logout()
    found = client.post("/requests/lookup/", holder(app, shown)).content.decode()
    assert "查询结果" in found and text_of(found, "due") == "2025-10-29"
    # The case file never shows the secret again.
    client.force_login(personas["clerk"])
    case = client.get(f"/requests/staff/{app.pk}/").content.decode()
    assert shown not in case and shown.replace(" ", "") not in case
    # Post/Redirect/Get: refreshing the receipt shows the code and the due date, not the secret,
    # and registers nothing.
    with at("2025-09-26"):
        again = client.get(f"/requests/staff/register/{app.pk}/").content.decode()
    assert shown not in again and shown.replace(" ", "") not in again
    assert text_of(again, "query-code") == app.query_code
    assert text_of(again, "receipt-due") == "2025年10月29日"
    assert "查询密码已在登记后显示过一次" in again
    assert Application.objects.count() == 1
    client.force_login(personas["sibling_clerk"])  # another township: not found, like a missing one
    assert client.get(f"/requests/staff/register/{app.pk}/").status_code == 404
