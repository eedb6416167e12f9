"""咨询投诉: intake validation and rate limit, the answer through the review engine (author ≠
approver), publication only with consent and after 终审, and no personal data on any public channel."""

import datetime

import pytest
from django.test import Client, override_settings

from gongkai.consultations import selectors, services
from gongkai.consultations.models import Consultation
from gongkai.core.errors import UserError
from gongkai.reviews.models import ReviewRecord

pytestmark = pytest.mark.django_db

NAME = "王秀英"
CONTACT = "13937812345"
QUESTION = "朱阳关镇杜店村道路硬化工程什么时候开工？我的电话13937812345"


def form(county, **over):
    data = {
        "kind": "consult",
        "agency": county["town"].pk,
        "question": QUESTION,
        "name": NAME,
        "contact": CONTACT,
        "consent_publish": "on",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def filed(county, *, consent=True, question=QUESTION):
    c, _secret = services.consultation_submit_online(
        agency=county["town"],
        kind="complaint",
        question=question,
        name=NAME,
        contact=CONTACT,
        consent_publish=consent,
    )
    return c


def through_final(c, personas, answer="计划于2026年3月开工，届时在村务公开栏公告。"):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    services.consultation_answer_save(actor=clerk, consultation=c, answer=answer)
    services.consultation_submit(actor=clerk, consultation=c)
    services.consultation_review(actor=head, consultation=c, stage="first", approve=True)
    services.consultation_review(actor=leader, consultation=c, stage="final", approve=True)
    return Consultation.objects.get(pk=c.pk)


# -- intake ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "over,field,message",
    [
        ({"contact": "abc"}, "contact", "手机号码"),
        ({"contact": "1234567"}, "contact", "手机号码"),
        ({"question": "路？"}, "question", "至少5个字"),
        ({"name": ""}, "name", "请填写姓名"),
        ({"agency": None}, "agency", "请选择受理机关"),
        ({"kind": "praise"}, "kind", "咨询、投诉或建议"),
    ],
)
def test_bad_messages_are_refused_next_to_their_field(client, county, over, field, message):
    response = client.post("/consult/", form(county, **over))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    anchors = [a for a, _ in response.context["summary"]]
    assert any(a.startswith(f"#id_{field}") for a in anchors)  # the summary links to the field
    assert Consultation.objects.count() == 0


def test_unit_level_agency_is_refused_by_the_service(county):
    with pytest.raises(UserError) as exc:
        services.consultation_submit_online(
            agency=county["unit"], kind="consult", question=QUESTION, name=NAME,
            contact=CONTACT, consent_publish=False,
        )  # fmt: skip
    assert "受理机关：" in exc.value.problems[0]


def test_good_message_gets_a_receipt_and_the_lookup_shows_the_status(client, county):
    response = client.post("/consult/", form(county), follow=True)
    [(url, code)] = response.redirect_chain  # Post/Redirect/Get
    assert code == 303 and response.status_code == 200
    c = Consultation.objects.get()
    html = response.content.decode()
    secret = response.context["secret_grouped"]
    assert c.query_code in html and secret in html
    assert c.secret_hash.startswith("hmac-sha256$") and secret.replace(" ", "") not in c.secret_hash
    found = client.post("/consult/lookup/", {"query_code": c.query_code, "secret": secret.lower()})
    assert found.status_code == 200 and "拟答复" in found.content.decode()
    wrong = client.post("/consult/lookup/", {"query_code": c.query_code, "secret": "X" * 15})
    assert wrong.status_code == 400 and "查询码或查询密码不正确" in wrong.content.decode()


@override_settings(GONGKAI_RATELIMIT_ENABLED=True, GONGKAI_RATELIMITS={
    "apply": "3/h", "lookup": "4/10m", "check": "2/h", "consult": "2/h"})  # fmt: skip
def test_the_form_is_rate_limited_per_address(client, county):
    for _ in range(2):
        assert client.post("/consult/", form(county), REMOTE_ADDR="198.51.100.7").status_code == 303
    refused = client.post("/consult/", form(county), REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert Consultation.objects.count() == 2
    assert client.get("/consult/", REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.post("/consult/", form(county), REMOTE_ADDR="198.51.100.8").status_code == 303


def test_the_receipt_is_post_redirect_get_and_only_for_its_session(client, county):
    response = client.post("/consult/", form(county))
    assert response.status_code == 303
    url = response["Location"]
    c = Consultation.objects.get()
    assert url.startswith("/consult/receipt/") and str(c.pk) not in url.split("/")
    first = client.get(url)
    assert "private" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    secret = first.context["secret_grouped"]
    assert secret and secret in first.content.decode()
    # A refresh: the same receipt without the secret, and nothing submitted twice.
    again = client.get(url)
    html = again.content.decode()
    assert again.status_code == 200 and c.query_code in html
    assert secret not in html and secret.replace(" ", "") not in html
    assert "查询密码已在提交后显示过一次" in html and 'href="/consult/lookup/"' in html
    assert Consultation.objects.count() == 1
    # Another visitor (a fresh session) learns nothing, not even that the receipt exists.
    other = Client()
    stranger = other.get(url)
    made_up = "/consult/receipt/not-a-token-at-all/"
    missing = other.get(made_up)
    assert stranger.status_code == missing.status_code == 404
    assert stranger.content.decode().replace(url, made_up) == missing.content.decode()
    assert NAME not in stranger.content.decode() and c.query_code not in stranger.content.decode()
    # A token of this session does not open another kind of receipt.
    assert (
        client.get(url.replace("/consult/receipt/", "/requests/apply/receipt/")).status_code == 404
    )


# -- the review engine -------------------------------------------------------------------------------
def test_answer_walks_the_review_and_records_every_step(county, personas):
    c = through_final(filed(county), personas)
    assert c.status == "approved"
    services.consultation_answer(actor=personas["clerk"], consultation=c)
    c.refresh_from_db()
    assert c.status == "answered" and c.answered_on is not None
    stages = list(ReviewRecord.objects.filter(consultation=c).values_list("stage", flat=True))
    assert stages == ["submit", "first", "final", "publish"]


def test_author_cannot_approve_their_own_answer(county, personas):
    head = personas["office_head"]
    c = filed(county)
    services.consultation_answer_save(actor=head, consultation=c, answer="已转交村委会办理。")
    services.consultation_submit(actor=head, consultation=c)
    with pytest.raises(UserError, match="不能审查自己提交的"):
        services.consultation_review(actor=head, consultation=c, stage="first", approve=True)
    with pytest.raises(UserError, match="初审须由本机关办公室主任"):
        services.consultation_review(
            actor=personas["clerk"], consultation=c, stage="first", approve=True
        )


def test_answer_cannot_be_given_before_final_review(county, personas):
    c = filed(county)
    services.consultation_answer_save(
        actor=personas["clerk"], consultation=c, answer="已办理完毕。"
    )
    services.consultation_submit(actor=personas["clerk"], consultation=c)
    with pytest.raises(UserError, match="不能"):
        services.consultation_answer(actor=personas["clerk"], consultation=c)


def test_staff_pages_are_scoped_by_agency(client, county, personas):
    c = filed(county)
    client.force_login(personas["sibling_clerk"])
    assert client.get(f"/consult/staff/{c.pk}/").status_code == 404
    assert c.query_code not in client.get("/consult/staff/").content.decode()
    client.force_login(personas["clerk"])
    page = client.get(f"/consult/staff/{c.pk}/").content.decode()
    assert NAME in page and CONTACT in page


def test_staff_steps_through_the_pages(client, county, personas):
    c = filed(county)
    client.force_login(personas["clerk"])
    client.post(f"/consult/staff/{c.pk}/answer/", {"answer": "已列入2026年计划。"})
    assert client.post(f"/consult/staff/{c.pk}/submit/", {"submit-note": ""}).status_code == 302
    # The clerk may not take 初审: 403 and nothing moves.
    refused = client.post(f"/consult/staff/{c.pk}/first/", {"first-decision": "approve"})
    assert refused.status_code == 403
    client.force_login(personas["office_head"])
    assert (
        client.post(f"/consult/staff/{c.pk}/first/", {"first-decision": "approve"}).status_code
        == 302
    )
    c.refresh_from_db()
    assert c.status == "final_review"


# -- publication -------------------------------------------------------------------------------------
def test_public_only_with_consent_and_after_the_answer(client, county, personas):
    agreed = through_final(
        filed(county, consent=True, question="杜店村的低保名单在哪里公示？"), personas
    )
    declined = through_final(
        filed(county, consent=False, question="官坡村饮水工程为何停工？"), personas
    )
    url = f"/consult/answers/{county['town'].pk}/"
    assert (
        "杜店村的低保名单" not in client.get(url).content.decode()
    )  # 终审 passed, not yet answered
    for c in (agreed, declined):
        services.consultation_answer(actor=personas["clerk"], consultation=c)
    html = client.get(url).content.decode()
    assert "杜店村的低保名单" in html and "计划于2026年3月开工" in html
    assert "官坡村饮水工程" not in html


def test_no_personal_data_on_public_channels(client, county, personas):
    c = through_final(filed(county), personas)
    services.consultation_answer(actor=personas["clerk"], consultation=c)
    qa = client.get(f"/consult/answers/{county['town'].pk}/").content.decode()
    assert "道路硬化工程什么时候开工" in qa  # the Q&A is there, so the test can fail
    channels = {
        "qa": qa,
        "feed": client.get("/feeds/").content.decode(),
        "agency feed": client.get(f"/feeds/agency/{county['town'].pk}/").content.decode(),
        "api": client.get(f"/api/items/?agency={county['town'].pk}").content.decode(),
        "search": client.get("/search/", {"q": "道路硬化"}).content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "agency page": client.get(f"/agencies/{county['town'].pk}/").content.decode(),
    }
    leaked = {k: v for k, v in channels.items() if NAME in v or CONTACT in v or "1393781" in v}
    assert leaked == {}


def test_topics_by_agency_masks_personal_data(county, personas):
    filed(county)
    other = filed(county, question="请问王秀英反映的问题怎么办理？邮箱wang@example.com")
    today = datetime.date.today()
    rows = selectors.topics_by_agency([county["town"].pk], today, today)
    assert [r["question"] for r in rows][0].startswith("朱阳关镇杜店村道路硬化工程")
    assert all(NAME not in r["question"] and CONTACT not in r["question"] for r in rows)
    assert "wang@example.com" not in rows[1]["question"]
    assert set(rows[0]) == {"agency_id", "kind", "received_on", "question"}
    assert other.pk and selectors.topics_by_agency([county["sibling"].pk], today, today) == []
