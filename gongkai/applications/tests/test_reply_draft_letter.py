"""What the 终审 leader approves is what goes out: the Art. 36(五) responsible agency and its contact
are part of the reviewed reply draft, and issuing the 答复书 adds nothing to it.

The wording required here (第三十六条第（五）项, 名称、联系方式) is the regulation's
(shared/spec/regulation-2019-full-text.md)."""

import datetime

import pytest
import time_machine

from gongkai.applications import letters, services
from gongkai.applications.models import Application, Letter
from gongkai.core.errors import UserError
from gongkai.reviews.factories import reviewers
from gongkai.reviews.models import ReviewRecord

from .factories import register
from .test_letters_legal import BODY, COURT, read_docx, read_pdf

D = datetime.date.fromisoformat
NOW = datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC)
ARTICLE = "第三十六条第（五）项"
AGENCY = "卢氏县自然资源局"
CONTACT = "卢氏县城关镇莘原路18号，电话0398-7000000"


@pytest.fixture
def office(county):
    town = county["town"]
    clerk, _head, _leader = reviewers(town)
    letters.request_settings_set(
        actor=None, agency=town, reconsideration_body=BODY, court=COURT, letter_prefix="朱政信公"
    )
    return town


def draft(app, clerk, **fields):
    values = dict(
        outcome="unable_not_held",
        reply_letter="reply_not_responsible",
        note="该信息由县自然资源局制作并保存",
        responsible_agency=AGENCY,
        responsible_contact=CONTACT,
        date=D("2025-12-10"),
    )
    values.update(fields)
    return services.application_draft_reply(actor=clerk, application=app, **values)


def approve(app, head, leader):
    services.application_review(actor=head, application=app, stage="first", approve=True)
    services.application_review(actor=leader, application=app, stage="final", approve=True)
    return Application.objects.get(pk=app.pk)


def started(office, clerk):
    app = register(clerk, office, received="2025-11-24")
    services.application_start_processing(actor=clerk, application=app, date=D("2025-11-25"))
    return app


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field_named"),
    [
        ({"responsible_agency": ""}, "负责公开的行政机关名称：必填"),
        ({"responsible_contact": ""}, "负责公开的行政机关联系方式：必填"),
        ({"responsible_contact": "县政府大院东侧"}, "负责公开的行政机关联系方式：无法据此联系"),
    ],
)
def test_36_5_reply_without_agency_or_contact_is_refused_at_submit(office, fields, field_named):
    clerk, _head, _leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = started(office, clerk)
        with pytest.raises(UserError) as refused:
            draft(app, clerk, **fields)
    assert any(p.startswith(field_named) for p in refused.value.problems), refused.value.problems
    assert Application.objects.get(pk=app.pk).status == "processing"  # nothing submitted
    assert not ReviewRecord.objects.filter(application=app).exists()


@pytest.mark.django_db
def test_36_5_letter_prints_exactly_the_approved_agency_and_contact(office):
    clerk, head, leader = reviewers(office)
    assert len({clerk.pk, head.pk, leader.pk}) == 3
    with time_machine.travel(NOW, tick=False):
        app = approve(draft(started(office, clerk), clerk), head, leader)
        assert app.status == "approved"
        letter = letters.letter_issue(
            actor=clerk, application=app, kind="reply_not_responsible", date=D("2025-12-10")
        )
    for text in (read_docx(letters.render_docx(letter)), read_pdf(letters.render_pdf(letter))):
        flat = "".join(text.split())
        assert ARTICLE in flat
        assert AGENCY in flat and "".join(CONTACT.split()) in flat
        assert "名称" not in flat or "请填写" not in flat


@pytest.mark.django_db
def test_issuing_a_reply_refuses_typed_content(office):
    clerk, head, leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = approve(draft(started(office, clerk), clerk), head, leader)
        for typed in (
            {"note": "另加的说明"},
            {"extra": {"responsible_agency": "卢氏县住房和城乡建设局"}},
            {"extra": {"party_name": "某某公司"}},
        ):
            with pytest.raises(UserError, match="以终审通过的答复稿为准"):
                letters.letter_issue(
                    actor=clerk,
                    application=app,
                    kind="reply_not_responsible",
                    date=D("2025-12-10"),
                    **typed,
                )
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_editing_the_agency_after_final_review_sends_the_reply_back_to_first_review(office):
    clerk, head, leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = approve(draft(started(office, clerk), clerk), head, leader)
        app = draft(app, clerk, responsible_agency="卢氏县住房和城乡建设局")
        app.refresh_from_db()
        assert app.status == "first_review"
        assert ReviewRecord.objects.filter(application=app).latest("at", "id").stage == "edit"
        with pytest.raises(UserError, match="终审"):
            letters.letter_issue(
                actor=clerk, application=app, kind="reply_not_responsible", date=D("2025-12-10")
            )
        # The same contact, another agency: still an edit of the letter's content.
        app = approve(app, head, leader)
        app = draft(app, clerk, responsible_contact="zrj@lushi.gov.cn")
        assert Application.objects.get(pk=app.pk).status == "first_review"


@pytest.mark.django_db
def test_after_issue_the_draft_changes_only_through_void_and_review(office):
    clerk, head, leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = approve(draft(started(office, clerk), clerk), head, leader)
        first = letters.letter_issue(
            actor=clerk, application=app, kind="reply_not_responsible", date=D("2025-12-10")
        )
        body = first.body
        with pytest.raises(UserError, match="先作废"):
            draft(app, clerk, responsible_agency="卢氏县住房和城乡建设局")
        letters.letter_void(actor=clerk, letter=first, reason="负责机关有误", date=D("2025-12-10"))
        app = draft(app, clerk, responsible_agency="卢氏县住房和城乡建设局")
        with pytest.raises(UserError, match="终审"):  # back to 初审: no reissue before approval
            letters.letter_reissue(
                actor=clerk, letter=first, reason="负责机关有误", date=D("2025-12-10")
            )
        app = approve(app, head, leader)
        second = letters.letter_reissue(
            actor=clerk, letter=first, reason="负责机关有误", date=D("2025-12-10")
        )
    first.refresh_from_db()
    assert first.body == body and AGENCY in first.body  # an issued letter never changes
    assert "卢氏县住房和城乡建设局" in second.body and AGENCY not in second.body
    assert second.replaces_id == first.pk


@pytest.mark.django_db
def test_the_review_page_shows_the_draft_the_leader_approves(client, office):
    clerk, head, leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = draft(started(office, clerk), clerk)
        services.application_review(actor=head, application=app, stage="first", approve=True)
        client.force_login(leader)
        html = client.get(f"/requests/staff/{app.pk}/").content.decode()
    section = html[html.index('id="reply-draft"') : html.index('id="steps-h"')]
    for part in (AGENCY, CONTACT, ARTICLE, "该信息由县自然资源局制作并保存"):
        assert part in section, part


@pytest.mark.django_db
def test_a_tampered_issue_post_does_not_change_the_letter(client, office):
    clerk, head, leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = approve(draft(started(office, clerk), clerk), head, leader)
        client.force_login(clerk)
        url = f"/requests/staff/{app.pk}/issue_letter/"
        base = {"issue_letter-kind": "reply_not_responsible", "issue_letter-date": "2025-12-10"}
        forged = {
            "issue_letter-responsible_agency": "伪造的机关",
            "issue_letter-responsible_contact": "0398-1111111",
        }
        refused = client.post(url, {**base, "issue_letter-note": "负责公开的机关为伪造的机关"})
        assert refused.status_code == 400
        assert not Letter.objects.exists()
        done = client.post(url, {**base, **forged})
        assert done.status_code == 302
    letter = Letter.objects.get()
    text = "".join(read_pdf(letters.render_pdf(letter)).split())
    assert AGENCY in letter.body and "伪造" not in letter.body and "1111111" not in letter.body
    assert AGENCY in text and "伪造" not in text


@pytest.mark.django_db
def test_a_second_reply_letter_is_refused_while_the_first_is_in_force(office):
    clerk, head, leader = reviewers(office)
    with time_machine.travel(NOW, tick=False):
        app = approve(draft(started(office, clerk), clerk), head, leader)
        first = letters.letter_issue(
            actor=clerk, application=app, kind="reply_not_responsible", date=D("2025-12-10")
        )
        with pytest.raises(UserError, match="先作废"):
            letters.letter_issue(
                actor=clerk, application=app, kind="reply_not_responsible", date=D("2025-12-11")
            )
        assert Letter.objects.filter(application=app).count() == 1
        letters.letter_void(actor=clerk, letter=first, reason="送达地址有误", date=D("2025-12-11"))
        second = letters.letter_reissue(
            actor=clerk, letter=first, reason="送达地址有误", date=D("2025-12-11")
        )
    assert second.replaces_id == first.pk and second.number_text != first.number_text
