"""Units (站所) that report through their office: the disclosure-body flag at every door, submissions
through the office's review engine, task periods, reminders and `gongkai remind`, the demo's story."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from gongkai.applications.forms import OnlineApplicationForm
from gongkai.applications.services import application_file_online, application_register
from gongkai.core.errors import UserError
from gongkai.core.services import agency_update, person_add
from gongkai.publications.models import Publication
from gongkai.publications.services import publication_review, publication_submit
from gongkai.units.models import ReminderSent, ReportingTask, UnitSubmission
from gongkai.units.selectors import reminders_for_agencies, task_periods
from gongkai.units.services import reminders_send, reporting_task_create, unit_submit

PASSWORD = "Gongkai-test-2025"


def at(day: str, hour: int = 10):
    d = datetime.date.fromisoformat(day)
    return timezone.make_aware(datetime.datetime(d.year, d.month, d.day, hour))


@pytest.fixture
def unit_clerk(county):
    return person_add(
        actor=None,
        username="nongfu",
        agency=county["unit"],
        role="clerk",
        password=PASSWORD,
        full_name="赵丽",
    )


# -- the flag at every door ----------------------------------------------------------------------
def test_units_default_to_reporting_through_their_office(county):
    assert [a.is_disclosure_body for a in (county["county"], county["town"], county["dept"])] == [
        True,
        True,
        True,
    ]
    assert county["unit"].is_disclosure_body is False
    assert county["unit"].disclosure_office() == county["town"]


def test_online_apply_form_lists_only_disclosure_bodies(county):
    names = set(OnlineApplicationForm().fields["agency"].queryset.values_list("name", flat=True))
    assert "朱阳关镇农业服务中心" not in names
    assert {"朱阳关镇人民政府", "卢氏县自然资源局"} <= names


def test_online_filing_to_a_unit_names_the_office(county):
    with pytest.raises(UserError) as exc:
        application_file_online(
            agency=county["unit"],
            applicant_type="natural_person",
            applicant_name="张三",
            id_number="11010519491231002X",
            contact="13800000000",
            content="农业补贴发放名单",
            privacy_acknowledged=True,
        )
    assert "朱阳关镇人民政府" in exc.value.message


def test_staff_registration_refused_for_a_unit(client, county, unit_clerk):
    with pytest.raises(UserError) as exc:
        application_register(
            actor=unit_clerk,
            agency=county["unit"],
            applicant_type="natural_person",
            applicant_name="张三",
            id_number="11010519491231002X",
            contact="13800000000",
            content="农业补贴发放名单",
            channel="in_person",
            received_on=datetime.date(2026, 3, 2),
        )
    assert "请向“朱阳关镇人民政府”提出" in exc.value.message
    client.force_login(unit_clerk)
    page = client.get("/requests/staff/register/")
    assert page.status_code == 403
    assert "朱阳关镇人民政府" in page.content.decode()


def test_county_can_make_a_unit_a_disclosure_body(county):
    from gongkai.annual_reports.selectors import county_overview

    names = [r.agency.name for r in county_overview(county["county"], 2025)]
    assert "朱阳关镇农业服务中心" not in names and "朱阳关镇人民政府" in names
    agency_update(actor="命令行", agency=county["unit"], is_disclosure_body=True)
    names = [r.agency.name for r in county_overview(county["county"], 2025)]
    assert "朱阳关镇农业服务中心" in names
    with pytest.raises(UserError):
        agency_update(actor="命令行", agency=county["county"], is_disclosure_body=False)


def test_agency_set_command(county, capsys):
    call_command("agency", "set", "朱阳关镇农业服务中心", "--disclosure-body", "yes")
    assert "以自己名义公开" in capsys.readouterr().out
    call_command("agency", "set", "朱阳关镇农业服务中心", "--disclosure-body", "no")
    assert "通过“朱阳关镇人民政府”报送" in capsys.readouterr().out


def test_overdue_days_in_the_overview_are_positive():
    from gongkai.applications.selectors import DueRow

    row = DueRow(1, "A-1", 1, datetime.date(2026, 1, 5), "processing", days_left=-4, overdue=True)
    assert row.overdue_days == 4
    assert (
        DueRow(2, "A-2", 1, datetime.date(2026, 1, 5), "processing", days_left=3).overdue_days
        is None
    )


# -- submission through the office's review engine ---------------------------------------------------
def test_unit_submission_becomes_an_office_draft_reviewed_by_the_office(
    county, personas, unit_clerk
):
    sent = unit_submit(
        actor=unit_clerk,
        unit=county["unit"],
        column="工作动态",
        title="农业服务中心3月份工作动态",
        at=at("2026-03-10"),
    )
    item = sent.publication
    assert (item.agency, item.status) == (county["town"], "draft")
    assert (sent.unit, sent.office, sent.submitted_by) == (
        county["unit"],
        county["town"],
        unit_clerk,
    )
    assert sent.submitted_on == datetime.date(2026, 3, 10)
    # The unit cannot review; the office's 办公室主任 who submits cannot take its 初审.
    with pytest.raises(UserError):
        publication_submit(actor=unit_clerk, publication=item)
    publication_submit(actor=personas["office_head"], publication=item)
    with pytest.raises(UserError):
        publication_review(
            actor=personas["office_head"], publication=item, stage="first", approve=True,
            secrecy_checked=True,
        )  # fmt: skip
    item.refresh_from_db()
    assert item.status == "first_review"


def test_a_disclosure_body_does_not_submit_to_anyone(county, personas):
    with pytest.raises(UserError):
        unit_submit(actor=personas["clerk"], unit=county["town"], column="工作动态", title="x")


def test_only_the_office_or_county_sets_tasks(county, personas, unit_clerk):
    with pytest.raises(UserError):
        reporting_task_create(
            actor=unit_clerk, unit=county["unit"], title="工作动态", rhythm="monthly",
            starts_on=datetime.date(2026, 1, 1),
        )  # fmt: skip
    with pytest.raises(UserError):
        reporting_task_create(
            actor=personas["sibling_clerk"], unit=county["unit"], title="工作动态",
            rhythm="monthly", starts_on=datetime.date(2026, 1, 1),
        )  # fmt: skip
    task = reporting_task_create(
        actor=personas["county_office"], unit=county["unit"], title="工作动态", rhythm="monthly",
        starts_on=datetime.date(2026, 1, 1),
    )  # fmt: skip
    assert task.office == county["town"]


# -- periods and reminders -------------------------------------------------------------------------
@pytest.fixture
def monthly(county, personas, unit_clerk):
    """每月报送工作动态 from 1 January 2026; only February was met (a submission on 10 February)."""
    task = reporting_task_create(
        actor=personas["clerk"], unit=county["unit"], title="报送本站所工作动态",
        rhythm="monthly", starts_on=datetime.date(2026, 1, 1),
    )  # fmt: skip
    unit_submit(
        actor=unit_clerk, unit=county["unit"], column="工作动态", title="2月份工作动态",
        task=task, at=at("2026-02-10"),
    )  # fmt: skip
    return task


def test_periods_met_overdue_and_due_soon(monthly):
    # 26 March 2026 (Thu): March is due on Tue 31 March, 3 working days later (27, 30, 31).
    rows = task_periods([monthly], today=datetime.date(2026, 3, 26))
    assert [(r.label, r.state) for r in rows] == [
        ("2026年1月", "overdue"),
        ("2026年2月", "met"),
        ("2026年3月", "due_soon"),
    ]
    assert rows[2].working_days_left == 3
    # One day earlier, 4 working days are left: not yet a reminder.
    rows = task_periods([monthly], today=datetime.date(2026, 3, 25))
    assert rows[2].state == "open"


def test_reminders_are_off_by_default_and_sent_once(county, monthly, unit_clerk):
    today = datetime.date(2026, 3, 26)
    assert len(reminders_for_agencies([county["unit"]], today=today)) == 2
    assert len(reminders_for_agencies([county["town"]], today=today)) == 2
    result = reminders_send(actor="命令行", today=today)
    assert result["senders"] == [] and result["sent"] == []
    assert ReminderSent.objects.count() == 0 and mail.outbox == []

    unit_clerk.email = "nongfu@example.org"
    unit_clerk.save()
    with override_settings(GONGKAI_REMIND_EMAIL=True):
        first = reminders_send(actor="命令行", today=today)
        again = reminders_send(actor="命令行", today=today)
    assert len(first["sent"]) == 2 and again["sent"] == [] and len(again["skipped"]) == 2
    assert len(mail.outbox) == 2
    assert sorted(ReminderSent.objects.values_list("kind", flat=True)) == ["after", "before"]


class _BrokenGateway:
    name = "短信"

    def send(self, *, recipients, subject, body):
        raise ConnectionError("gateway down")


def test_a_failed_reminder_is_not_recorded_and_is_sent_again(county, monthly, unit_clerk):
    today = datetime.date(2026, 3, 26)
    failed = reminders_send(actor="命令行", today=today, senders=[_BrokenGateway()])
    assert failed["sent"] == [] and len(failed["failed"]) == 2
    assert "短信发送失败（ConnectionError）" in failed["failed"][0][1]
    assert ReminderSent.objects.count() == 0
    with override_settings(GONGKAI_REMIND_SMS="log"):
        retried = reminders_send(actor="命令行", today=today)
    assert len(retried["sent"]) == 2 and ReminderSent.objects.count() == 2


def test_remind_command_output(county, monthly, capsys):
    call_command("remind", "--date", "2026-03-26")
    out = capsys.readouterr().out
    assert "需要提醒的报送任务：2 项" in out
    assert "已逾期" in out and "2026年1月" in out
    assert "提醒发送未开启" in out
    with override_settings(GONGKAI_REMIND_SMS="log"):
        call_command("remind", "--date", "2026-03-26")
        call_command("remind", "--date", "2026-03-26")
    out = capsys.readouterr().out
    assert "本次发送 2 项" in out and "此前已发送 2 项" in out


# -- the demo's story ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_demo_county_status_page_tells_the_story(client):
    from gongkai.core.models import Agency, User

    call_command("demo")
    client.force_login(User.objects.get(username="xian_gkb"))
    page = client.get("/reports/status/2025/").content.decode()
    assert "朱阳关镇农业服务中心" not in page and "朱阳关镇财政所" not in page
    from gongkai.annual_reports.selectors import county_overview

    rows = county_overview(Agency.objects.get(name="卢氏县人民政府"), 2025)
    published = [r for r in rows if r.published_at]
    # Six disclosure bodies (county, three townships, two departments): five on time, one late.
    assert len(rows) == 6 and len(published) == 6
    assert [r.agency.name for r in rows if r.late] == ["五里川镇人民政府"]
    # revision 0 is the first publication, 1 the correction after the checker's findings
    assert [r.agency.name for r in rows if r.revision] == ["卢氏县人力资源和社会保障局"]
    # Units: each recurring task missed exactly one period; the one-off task was met.
    overdue = [r for r in task_periods(ReportingTask.objects.all()) if r.state == "overdue"]
    assert sorted(r.task.unit.name for r in overdue) == ["朱阳关镇农业服务中心", "朱阳关镇财政所"]
    assert UnitSubmission.objects.count() == 5 + 3 + 1
    assert (
        Publication.objects.filter(unit_submission__isnull=False, status="published").count() == 5
    )


def test_staff_page_unit_submits_and_office_sets_tasks(client, county, personas, unit_clerk):
    client.force_login(personas["clerk"])
    page = client.post(
        "/units/staff/",
        {"form": "task", "unit": county["unit"].pk, "title": "更新办事指南",
         "rhythm": "quarterly", "starts_on": "2026-01-01"},
    )  # fmt: skip
    assert page.status_code == 302
    client.force_login(unit_clerk)
    page = client.get("/units/staff/")
    assert "向朱阳关镇人民政府报送信息" in page.content.decode()
    page = client.post(
        "/units/staff/",
        {"form": "submit", "column": "工作动态", "title": "春耕生产技术指导"},
    )
    assert page.status_code == 302
    sent = UnitSubmission.objects.get()
    assert (sent.submitted_by, sent.publication.agency) == (unit_clerk, county["town"])
    client.force_login(personas["county_office"])
    assert "春耕生产技术指导" in client.get("/units/staff/").content.decode()


def test_workbench_says_due_today_not_zero_working_days_left(client, personas, monthly):
    import time_machine

    # 31 March 2026 is the due day of March's period (see test_periods_met_overdue_and_due_soon).
    with time_machine.travel(at("2026-03-31"), tick=False):
        client.force_login(personas["clerk"])
        page = client.get("/admin/").content.decode()
    row = next(r for r in page.split("<tr>") if "2026年3月" in r)
    assert "今天到期" in row and "还有 0 个" not in row
