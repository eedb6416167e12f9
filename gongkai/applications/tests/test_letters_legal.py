"""Every letter type, built through the services, rendered as DOCX and PDF and read back.

The article each letter must cite is written here from the regulation's text
(shared/spec/regulation-2019-full-text.md), not imported from outcomes.py."""

import datetime
import io
import re

import pytest
import time_machine

from gongkai.applications import letters, services
from gongkai.applications.models import Application, Letter
from gongkai.core.errors import UserError

from .factories import register

D = datetime.date.fromisoformat
NOW = datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC)
BODY, COURT = "卢氏县人民政府", "卢氏县人民法院"

# outcome → (letter kind, article the reply must cite), from the regulation.
REPLIES = {
    "granted": ("reply_granted", "第三十六条第（一）项"),
    "partial": ("reply_partial", "第三十七条"),
    "withheld_state_secret": ("reply_withheld", "第十四条"),
    "withheld_prohibited_by_law": ("reply_withheld", "第十四条"),
    "withheld_three_safety": ("reply_withheld", "第十四条"),
    "withheld_third_party": ("reply_withheld", "第十五条"),
    "withheld_internal_affairs": ("reply_withheld", "第十六条第一款"),
    "withheld_process_info": ("reply_withheld", "第十六条第二款"),
    "withheld_enforcement_file": ("reply_withheld", "第十六条第二款"),
    "withheld_query_matter": ("reply_query_matter", "第三十六条第（七）项"),
    "unable_not_held": ("reply_not_held", "第三十六条第（四）项"),
    "unable_needs_creation": ("reply_unable", "第三十八条"),
    "unable_unclear": ("reply_unable", "第三十条"),
    "rejected_petition": ("reply_rejected", "第三十九条第一款"),
    "rejected_duplicate": ("reply_rejected", "第三十六条第（六）项"),
    "rejected_publication": ("reply_rejected", "第三十九条第二款"),
    "rejected_excessive": ("reply_rejected", "第三十五条"),
    "rejected_confirmation": ("reply_rejected", "第三十八条"),
    "other_no_correction": ("reply_other", "第三十条"),
    "other_no_fee": ("reply_other", "第四十二条"),
    "other_other": ("reply_other", "第二十七条"),
}
LEAKS = ("{{", "}}", "您（单位）", "（或告知", "{%", "-本机关不掌握", "无法提供-", "不予公开-")


def read_docx(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", "", text)


def check_letter(letter: Letter, *, article: str, remedies: str | None):
    """remedies: '本答复' / '本告知' / '本通知' when the letter must carry them, None when not."""
    for text in (read_docx(letters.render_docx(letter)), read_pdf(letters.render_pdf(letter))):
        flat = re.sub(r"\s+", "", text)
        for leak in LEAKS:
            assert leak not in flat, (letter.kind, leak)
        for code in REPLIES:
            assert code not in flat, (letter.kind, code)
        assert article in flat, (letter.kind, article)
        for part in (letter.title, letter.number_text, letter.agency.name, "2025年12月10日"):
            assert part in flat, (letter.kind, part)
        if remedies:
            assert f"对{remedies}不服" in flat and BODY in flat and COURT in flat, letter.kind
            assert "申请行政复议" in flat and "提起行政诉讼" in flat
        else:
            assert "行政复议" not in flat and "行政诉讼" not in flat, letter.kind


@pytest.fixture
def office(county, personas):
    letters.request_settings_set(
        actor=personas["admin"], agency=county["town"], reconsideration_body=BODY, court=COURT
    )
    return county["town"]


def approved(personas, agency, outcome, **kw):
    p = personas
    app = register(p["clerk"], agency, received="2025-11-03", **kw)
    services.application_start_processing(actor=p["clerk"], application=app)
    services.application_draft_reply(
        actor=p["clerk"], application=app, outcome=outcome, note="具体情况已核实"
    )
    services.application_review(
        actor=p["office_head"], application=app, stage="first", approve=True
    )
    services.application_review(actor=p["leader"], application=app, stage="final", approve=True)
    return Application.objects.get(pk=app.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", list(REPLIES))
def test_every_reply_letter_reads_back(office, personas, outcome):
    kind, article = REPLIES[outcome]
    org = outcome.startswith("withheld")  # half the cases from an organisation
    with time_machine.travel(NOW, tick=False):
        app = approved(
            personas,
            office,
            outcome,
            applicant_type="commercial" if org else "natural_person",
            applicant_name="某某公司" if org else "王某",
            id_number="91411224MA44XXXX10" if org else "410122199001011184",
        )
        letter = letters.letter_issue(
            actor=personas["clerk"], application=app, kind=kind, date=D("2025-12-10")
        )
    word = "本告知" if kind in ("reply_rejected", "reply_other") else "本答复"
    check_letter(letter, article=article, remedies=word)
    assert ("贵单位" in letter.body) == org and ("您" in letter.body) != org
    if outcome == "withheld_query_matter":  # not a refusal: proceed under the special law
        assert "不予公开" not in letter.body and "依照有关法律、行政法规的规定办理" in letter.body
    if outcome == "rejected_confirmation":  # does not share the duplicate-request basis
        assert "第三十六条第（六）项" not in letter.body


@pytest.mark.django_db
def test_art_36_5_letter_names_the_responsible_agency(office, personas):
    """The agency and its contact come from the reviewed draft (test_reply_draft_letter.py has the
    whole story); a draft approved as 36(四) cannot go out as a 36(五) letter."""
    p = personas
    with time_machine.travel(NOW, tick=False):
        not_held = approved(p, office, "unable_not_held")
        with pytest.raises(UserError, match="应出具"):
            letters.letter_issue(
                actor=p["clerk"],
                application=not_held,
                kind="reply_not_responsible",
                date=D("2025-12-10"),
            )
        app = register(p["clerk"], office, received="2025-11-03")
        services.application_start_processing(actor=p["clerk"], application=app)
        services.application_draft_reply(
            actor=p["clerk"],
            application=app,
            outcome="unable_not_held",
            reply_letter="reply_not_responsible",
            responsible_agency="卢氏县自然资源局",
            responsible_contact="0398-7000000",
        )
        services.application_review(
            actor=p["office_head"], application=app, stage="first", approve=True
        )
        services.application_review(actor=p["leader"], application=app, stage="final", approve=True)
        letter = letters.letter_issue(
            actor=p["clerk"], application=app, kind="reply_not_responsible", date=D("2025-12-10")
        )
    check_letter(letter, article="第三十六条第（五）项", remedies="本答复")
    assert "卢氏县自然资源局" in letter.body and "0398-7000000" in letter.body


@pytest.mark.django_db
def test_reply_letter_only_after_final_approval(office, personas):
    p = personas
    with time_machine.travel(NOW, tick=False):
        app = register(p["clerk"], office, received="2025-11-03")
        services.application_start_processing(actor=p["clerk"], application=app)
        services.application_draft_reply(actor=p["clerk"], application=app, outcome="granted")
        for who in ("clerk", "office_head", "leader"):  # nobody, not even a reviewer
            with pytest.raises(UserError, match="终审"):
                letters.letter_issue(
                    actor=p[who], application=app, kind="reply_granted", date=D("2025-12-10")
                )
        services.application_review(
            actor=p["office_head"], application=app, stage="first", approve=True
        )
        with pytest.raises(UserError, match="终审"):
            letters.letter_issue(
                actor=p["clerk"], application=app, kind="reply_granted", date=D("2025-12-10")
            )
        services.application_review(actor=p["leader"], application=app, stage="final", approve=True)
        with pytest.raises(UserError, match="应出具"):  # the kind must fit the approved outcome
            letters.letter_issue(
                actor=p["clerk"], application=app, kind="reply_withheld", date=D("2025-12-10")
            )
        letter = letters.letter_issue(
            actor=p["clerk"], application=app, kind="reply_granted", date=D("2025-12-10")
        )
    assert letter.review_note == "答复经终审通过"
    assert Letter.objects.count() == 1


@pytest.mark.django_db
def test_contestable_letter_needs_remedy_settings(county, personas):
    with time_machine.travel(NOW, tick=False):
        app = approved(personas, county["town"], "granted")
        with pytest.raises(UserError, match="行政复议机关和管辖法院"):
            letters.letter_issue(
                actor=personas["clerk"], application=app, kind="reply_granted", date=D("2025-12-10")
            )


@pytest.mark.django_db
def test_notices_read_back_and_follow_the_review_setting(office, personas):
    p = personas
    head = p["office_head"]
    with time_machine.travel(NOW, tick=False):
        # 补正: the items and the 补正期限 as typed in the step.
        a = register(p["clerk"], office, received="2025-11-03")
        services.application_request_correction(
            actor=p["clerk"],
            application=a,
            date=D("2025-11-05"),
            note="请写明项目名称和年度",
            days=10,
        )
        with pytest.raises(UserError, match="办公室主任"):  # default: notices need sign-off
            letters.letter_issue(
                actor=p["clerk"], application=a, kind="correction_notice", date=D("2025-11-05")
            )
        corr = letters.letter_issue(
            actor=p["clerk"],
            application=a,
            kind="correction_notice",
            date=D("2025-11-05"),
            approver=head,
        )
        # 延期: the days actually approved.
        b = register(p["clerk"], office, received="2025-11-03")
        services.application_start_processing(actor=p["clerk"], application=b)
        services.application_extend(
            actor=head, application=b, date=D("2025-11-20"), days=15, reason="需要调取档案"
        )
        ext = letters.letter_issue(
            actor=head, application=b, kind="extension_notice", date=D("2025-11-20")
        )
        # Art. 32 consultation and public-interest disclosure; Art. 34 consultation.
        third = {"party_name": "某某建设有限公司", "party_type": "org"}
        services.application_pause(
            actor=p["clerk"], application=b, kind="third_party", date=D("2025-11-21")
        )
        cons = letters.letter_issue(
            actor=head,
            application=b,
            kind="third_party_consultation",
            date=D("2025-11-21"),
            extra=third,
        )
        disc = letters.letter_issue(
            actor=head,
            application=b,
            kind="third_party_disclosure",
            date=D("2025-12-10"),
            note="该信息涉及公共安全，不公开可能对公共利益造成重大影响",
            extra=third,
        )
        agcy = letters.letter_issue(
            actor=head,
            application=b,
            kind="agency_consultation",
            date=D("2025-11-21"),
            extra={"party_name": "卢氏县自然资源局"},
        )
        # Fee notice (the office's rules switched to: no review for notices).
        letters.request_settings_set(actor=p["admin"], agency=office, notices_need_review=False)
        c = register(p["clerk"], office, received="2025-11-03")
        services.application_start_processing(actor=p["clerk"], application=c)
        services.application_send_fee_notice(
            actor=p["clerk"], application=c, method="pages", quantity=150, date=D("2025-11-10")
        )
        fee = letters.letter_issue(
            actor=p["clerk"], application=c, kind="fee_notice", date=D("2025-11-10")
        )
    for letter in (corr, ext, cons, disc, agcy, fee):  # the rendered date is the issue date
        letter.issued_on = D("2025-12-10")
    check_letter(corr, article="第三十条", remedies=None)
    assert "请写明项目名称和年度" in corr.body and "2025年11月19日" in corr.body  # 10 working days
    assert corr.review_note.startswith("经") and corr.signed_off_by == head
    check_letter(ext, article="第三十三条第二款", remedies=None)
    assert "延长15个工作日" in ext.body and "需要调取档案" in ext.body
    check_letter(cons, article="第三十二条", remedies=None)
    assert cons.body.startswith("某某建设有限公司：") and "15个工作日" in cons.body
    check_letter(disc, article="第三十二条", remedies="本告知")
    assert "公共利益" in disc.body and disc.body.startswith("某某建设有限公司：")
    check_letter(agcy, article="第三十四条", remedies=None)
    check_letter(fee, article="第四十二条", remedies="本通知")
    assert "1700元" in fee.body  # spec §4: 150 pages → 1,700 元
    assert "无需审核" in fee.review_note


@pytest.mark.django_db
def test_void_and_reissue(client, office, personas):
    p = personas
    with time_machine.travel(NOW, tick=False):
        app = approved(p, office, "granted")
        first = letters.letter_issue(
            actor=p["clerk"], application=app, kind="reply_granted", date=D("2025-12-10")
        )
        with pytest.raises(UserError, match="作废原因"):
            letters.letter_void(actor=p["clerk"], letter=first, reason=" ", date=D("2025-12-10"))
        second = letters.letter_reissue(
            actor=p["clerk"], letter=first, reason="申请人姓名有误", date=D("2025-12-10")
        )
        first.refresh_from_db()
        third = letters.letter_reissue(
            actor=p["clerk"], letter=second, reason="再次更正", date=D("2025-12-10")
        )
        with pytest.raises(UserError, match="已作废"):
            letters.letter_record_delivery(
                actor=p["clerk"], letter=first, method="post", date=D("2025-12-10")
            )
        client.force_login(p["clerk"])
        html = client.get(f"/requests/staff/{app.pk}/").content.decode()
    assert first.voided_on and first.void_reason == "申请人姓名有误"
    assert second.replaces_id == first.pk and third.replaces_id == second.pk
    assert len({first.number_text, second.number_text, third.number_text}) == 3
    assert "已作废" in html and "申请人姓名有误" in html and third.number_text in html
    from gongkai.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="application.letter_void").count() == 2
