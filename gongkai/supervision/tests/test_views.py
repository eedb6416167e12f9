"""The county dashboard and the drill-down: scoping, a missing report, exports, 督办 audited."""

import csv
import io

import pytest
from openpyxl import load_workbook

from gongkai.core.models import AuditEvent
from gongkai.supervision.models import Reminder

from .world import at, build


@pytest.fixture
def world(county, personas):
    build(county)
    return county


def _client(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_county_office_sees_every_agency_and_a_missing_report(world, personas, client):
    c = _client(client, personas["county_office"])
    with at("2026-03-01"):
        page = c.get("/staff/county/?year=2025").content.decode()
    for name in ("卢氏县人民政府", "朱阳关镇人民政府", "官道口镇人民政府", "卢氏县自然资源局"):
        assert name in page
    assert "缺失（未编制）" in page
    assert "未发现问题" not in page  # nothing was checked, so nothing is "clean"
    assert "自查未整改问题：0 个" in page  # self-inspection is installed; no findings were made


@pytest.mark.django_db
def test_agency_sees_only_itself(world, personas, client):
    c = _client(client, personas["sibling_clerk"])
    with at("2026-03-01"):
        page = c.get("/staff/county/?year=2025").content.decode()
        assert "官道口镇人民政府" in page and "朱阳关镇人民政府" not in page
        town = world["town"].pk
        assert c.get(f"/staff/county/records/?agency={town}&kind=late&year=2025").status_code == 404


@pytest.mark.django_db
def test_drill_down_lists_the_counted_records(world, personas, client):
    c = _client(client, personas["county_office"])
    town = world["town"].pk
    with at("2026-03-01"):
        late = c.get(f"/staff/county/records/?agency={town}&kind=late&year=2025").content.decode()
        timely = c.get(
            f"/staff/county/records/?agency={town}&kind=timely&year=2025"
        ).content.decode()
        overdue = c.get(
            f"/staff/county/records/?agency={town}&kind=overdue&year=2025"
        ).content.decode()
    assert "P2 超期" in late and "P1 按时" not in late
    assert "P1 按时" in timely and "P3 无成文日期" not in timely
    assert "T-R3" in overdue and "T-R1" not in overdue


@pytest.mark.django_db
def test_exports_hold_the_dashboard_numbers(world, personas, client):
    c = _client(client, personas["county_office"])
    with at("2026-03-01"):
        raw = c.get("/staff/county/export.csv?year=2025").content.decode("utf-8-sig")
        book = load_workbook(io.BytesIO(c.get("/staff/county/export.xlsx?year=2025").content))
    rows = {r[0]: r for r in csv.reader(io.StringIO(raw))}
    # 朱阳关镇: R3 overdue, P2 late, 2024 report missing.
    assert rows["朱阳关镇人民政府"][1:4] == ["1", "1", "缺失（未编制）"]
    sheet = {r[0]: r for r in book.active.iter_rows(min_row=2, values_only=True)}
    assert sheet["朱阳关镇人民政府"][1:4] == (1, 1, "缺失（未编制）")


@pytest.mark.django_db
def test_reminder_is_recorded_audited_and_shown(world, personas, client):
    c = _client(client, personas["county_office"])
    town = world["town"]
    with at("2026-03-01"):
        response = c.post(
            f"/staff/county/remind/{town.pk}/",
            {"subject": "请办结逾期申请", "message": "T-R3 已逾期，请于5个工作日内办结。"},
        )
        assert response.status_code == 302
        page = c.get("/staff/county/?year=2025").content.decode()
    # One plain sentence, no parentheses inside parentheses (senders are off in tests).
    assert (
        "已向朱阳关镇人民政府发出督办“请办结逾期申请”，已在工作台登记（邮件、短信发送未开启）。"
        in page
    )
    reminder = Reminder.objects.get()
    assert (reminder.agency, reminder.sent_by) == (town, "gongkaiban")
    assert AuditEvent.objects.filter(action="reminder_send", object_id=str(reminder.pk)).exists()
    assert "督办 朱阳关镇人民政府：请办结逾期申请" in page


@pytest.mark.django_db
def test_an_agency_cannot_send_reminders(world, personas, client):
    c = _client(client, personas["clerk"])
    response = c.post(f"/staff/county/remind/{world['town'].pk}/", {"subject": "x", "message": "y"})
    assert response.status_code == 403
    assert not Reminder.objects.exists()


@pytest.mark.django_db
def test_reminder_goes_through_the_same_senders_as_unit_reminders(world, personas, client):
    """督办 and 站所 reminders share one switch: GONGKAI_REMIND_EMAIL turns on both."""
    from django.core import mail
    from django.test import override_settings

    town = world["town"]
    clerk = personas["clerk"]
    assert clerk.agency == town
    clerk.email = "clerk@example.org"
    clerk.save()
    c = _client(client, personas["county_office"])
    with at("2026-03-01"), override_settings(GONGKAI_REMIND_EMAIL=True):
        c.post(
            f"/staff/county/remind/{town.pk}/",
            {"subject": "请办结逾期申请", "message": "T-R3 已逾期。"},
        )
    reminder = Reminder.objects.get()
    assert (reminder.channel, reminder.delivered) == ("电子邮件", True)
    assert ["clerk@example.org"] in [m.to for m in mail.outbox]
    assert mail.outbox[0].subject == "请办结逾期申请"


@pytest.mark.django_db
def test_units_owe_no_annual_report_on_the_dashboard_or_in_the_assessment(world, personas, client):
    """朱阳关镇农业服务中心 is a 站所 (not a disclosure body, 条例第十条第二款): no report is missing
    for it and its report indicator is 不适用. The four disclosure bodies (县政府, two towns, 自然资源局)
    have no 2024 report at all: 4 missing, 4 unpublished."""
    c = _client(client, personas["county_office"])
    unit = world["unit"]
    assert not unit.is_disclosure_body
    with at("2026-03-01"):
        page = c.get("/staff/county/?year=2025").content.decode()
        assessment = c.get("/staff/county/assessment/?year=2025").content.decode()
    assert "缺失（未编制）4 个，未发布 4 个" in page
    unit_row = page.split(f'<th scope="row">{unit.name}</th>')[1].split("</tr>")[0]
    assert "缺失" not in unit_row and "不适用" in unit_row
    unit_row = assessment.split(unit.name)[1].split("</tr>")[0]
    assert "不适用" in unit_row and "缺失" not in unit_row
    from gongkai.supervision.periods import Period
    from gongkai.supervision.scores import assess
    from gongkai.supervision.selectors import county_tree

    with at("2026-03-01"):
        rows = {
            r.agency.pk: r
            for r in assess(world["county"], county_tree(world["county"]), Period(2025))
        }
    report = rows[unit.pk].values["report"]
    assert report.score is None and report.text.startswith("不适用")
    # A town without a report still scores 0 for it.
    assert rows[world["town"].pk].values["report"].score == 0


@pytest.mark.django_db
def test_chart_labels_stay_apart_and_weights_use_the_assessment_names(world, personas, client):
    """WALKTHROUGH 19: 卢氏县自然资源局 and 朱阳关自然资源所 were both cut to “卢氏县自然资”."""
    from gongkai.core.services import agency_add
    from gongkai.supervision.scores import INDICATORS

    agency_add(actor=None, name="朱阳关自然资源所", level="unit", parent_name="朱阳关镇人民政府")
    c = _client(client, personas["county_office"])
    with at("2026-03-01"):
        page = c.get("/staff/county/assessment/?year=2025").content.decode()
        weights = c.get("/staff/county/assessment/weights/").content.decode()
    chart = page.split("<svg")[1].split("</svg>")[0]
    assert ">自然资源局</text>" in chart
    assert ">朱阳关…资源所</text>" in chart
    assert ">朱阳关镇</text>" in chart and "卢氏县自然资" not in chart
    for indicator in INDICATORS:
        assert indicator.label in weights
    assert "主动公开数量<" not in weights
