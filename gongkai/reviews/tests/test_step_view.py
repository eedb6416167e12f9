"""The one step view (gongkai/reviews/views.py) serves the step POSTs of every staff page that has
steps: publications, 咨询投诉, requests and annual reports. Table-driven: for each page, under its
own URL name and path, a step that works (302, the status moves, an audit event), a role that may not
take a step (403), a step at the wrong status (400 naming the status), another agency's item (404),
and nothing written on a refusal."""

import datetime

import pytest
import time_machine
from django.urls import resolve, reverse

from gongkai.annual_reports.models import ReportNarrative
from gongkai.applications import services as requests
from gongkai.applications.models import Application
from gongkai.consultations import services as consultations
from gongkai.consultations.models import Consultation
from gongkai.core.audit_models import AuditEvent
from gongkai.publications import services as publications
from gongkai.publications.models import Publication
from gongkai.reviews import views as review_views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _january_2026():
    """The 2025 annual report may be written from 1 January 2026."""
    with time_machine.travel(datetime.datetime.fromisoformat("2026-01-12T10:00:00+08:00")):
        yield


def _publication(county, clerk):
    return publications.publication_create(
        actor=clerk, agency=county["town"], column="通知公告", title="关于春季防火的通告"
    )


def _consultation(county, clerk):
    c, _secret = consultations.consultation_submit_online(
        agency=county["town"],
        kind="consult",
        question="杜店村道路硬化工程什么时候开工？",
        name="李四",
        contact="13937810000",
        consent_publish=False,
    )
    consultations.consultation_answer_save(actor=clerk, consultation=c, answer="计划于三月开工。")
    return c


def _application(county, clerk):
    app, _secret = requests.application_register(
        actor=clerk,
        agency=county["town"],
        applicant_type="natural_person",
        applicant_name="张三",
        id_number="410122199001011184",
        contact="13800000000",
        content="本镇2025年道路修缮资金使用情况",
        channel="in_person",
        received_on=datetime.date(2026, 1, 5),
    )
    return app


def _report(county, clerk):
    return county["town"]  # the report's page exists before its record


def _status(model):
    return lambda subject: model.objects.get(pk=subject.pk).status


# page: (make subject, URL args, a step that works with its form, the status after it or a
#        check, a step the clerk's role may not take, a step not open from the first status)
PAGES = {
    "publications": dict(
        make=_publication,
        args=lambda p: [p.pk],
        path="/publications/staff/{}/{}/",
        ok=("submit", {"submit-note": ""}),
        moved=lambda p: Publication.objects.get(pk=p.pk).status == "first_review",
        forbidden=("first", "初审应由本机关办公室主任办理"),
        wrong=("publish", "拟稿"),
    ),
    "consultations": dict(
        make=_consultation,
        args=lambda c: [c.pk],
        path="/consult/staff/{}/{}/",
        ok=("submit", {"submit-note": ""}),
        moved=lambda c: Consultation.objects.get(pk=c.pk).status == "first_review",
        forbidden=("final", "终审应由本机关分管领导办理"),
        wrong=("publish", "拟答复"),
    ),
    "applications": dict(
        make=_application,
        args=lambda app: [app.pk],
        path="/requests/staff/{}/{}/",
        ok=("start_processing", {"start_processing-date": "2026-01-06"}),
        moved=lambda app: Application.objects.get(pk=app.pk).status == "processing",
        forbidden=("review_first", "办公室主任"),
        wrong=("deliver", "登记"),
    ),
    "annual_reports": dict(
        make=_report,
        args=lambda town: [2025, town.pk],
        path="/reports/staff/2025/{}/{}/",
        ok=(
            "save",
            {
                "save-section1": "2025年，本镇认真贯彻条例。",
                "save-section5": "",
                "save-section6": "",
            },
        ),  # fmt: skip
        moved=lambda town: ReportNarrative.objects.filter(agency=town, year=2025).exists(),
        forbidden=None,  # every role of the town may save; the read-only role is tried below
        wrong=("publish", "拟稿"),
    ),
}


def _url(app, args, action):
    return reverse(f"{app}:staff_step", args=[*args, action])


@pytest.mark.parametrize("app", PAGES)
def test_every_page_posts_its_steps_to_the_one_view(app, county, personas):
    page = PAGES[app]
    subject = page["make"](county, personas["clerk"])
    url = _url(app, page["args"](subject), page["ok"][0])
    assert url == page["path"].format(subject.pk, page["ok"][0])  # the path did not change
    assert resolve(url).func is review_views.step


@pytest.mark.parametrize("app", PAGES)
def test_a_step_that_works_moves_the_item_and_is_audited(app, client, county, personas):
    page = PAGES[app]
    subject = page["make"](county, personas["clerk"])
    action, data = page["ok"]
    before = AuditEvent.objects.count()
    client.force_login(personas["clerk"])
    response = client.post(_url(app, page["args"](subject), action), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert page["moved"](subject)
    assert AuditEvent.objects.count() > before
    page_after = client.get(response["Location"])
    assert page_after.status_code == 200
    assert "已办理" in page_after.content.decode() or "已保存" in page_after.content.decode()


@pytest.mark.parametrize("app", PAGES)
def test_refusals_write_nothing(app, client, county, personas):
    page = PAGES[app]
    subject = page["make"](county, personas["clerk"])
    args = page["args"](subject)
    before = AuditEvent.objects.count()

    client.force_login(personas["sibling_clerk"])  # another township's 信息员
    action, data = page["ok"]
    assert client.post(_url(app, args, action), data).status_code == 404
    assert client.post(_url(app, args, "no_such_step"), {}).status_code == 404

    client.force_login(personas["county_office"])  # 县公开办 reads every agency, takes no step
    refused = client.post(_url(app, args, action), data)
    assert refused.status_code == 403
    assert "只读" in refused.content.decode()

    client.force_login(personas["clerk"])
    if page["forbidden"]:
        step, message = page["forbidden"]
        refused = client.post(_url(app, args, step), {f"{step}-decision": "approve"})
        assert refused.status_code == 403
        assert message in refused.content.decode()

    step, status_label = page["wrong"]
    wrong = client.post(_url(app, args, step), {f"{step}-date": "2026-01-06"})
    assert wrong.status_code == 400
    assert f"当前状态为“{status_label}”" in wrong.content.decode()

    assert not page["moved"](subject)
    assert AuditEvent.objects.count() == before
