"""Review, publishing as a frozen snapshot, differences, numbered revisions, LATE, permissions."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.annual_reports import selectors, services
from gongkai.annual_reports.models import AnnualReport, ReportSnapshot
from gongkai.core.errors import UserError
from gongkai.publications import services as pub
from gongkai.reviews.factories import published_publication

D = datetime.date


def at(y, m, d):
    return timezone.make_aware(datetime.datetime(y, m, d, 10))


def publish_item(agency, column, title, day):
    return published_publication(
        agency=agency, column=column, title=title, formed_on=day, published_on=day
    )


def fill_narrative(agency, year):
    n = services.narrative_draft(actor="测试", agency=agency, year=year)
    services.narrative_save(
        actor="测试",
        agency=agency,
        year=year,
        section1=n.section1,
        section5="（一）存在问题\n公开形式单一。\n（二）整改措施\n丰富公开形式。",
        section6=n.section6,
    )


def review_and_publish(report_agency, year, personas, when, note=""):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    report = services.report_submit(actor=clerk, agency=report_agency, year=year)
    services.report_review(actor=head, report=report, stage="first", approve=True)
    services.report_review(actor=leader, report=report, stage="final", approve=True)
    return services.report_publish(actor=clerk, report=report, at=when, note=note)


@pytest.fixture
def town_2025(county, personas):
    town = county["town"]
    for i in range(3):
        publish_item(town, "通知公告", f"通知{i}", D(2025, 3, 3 + i))
    publish_item(town, "乡村振兴", "项目公示", D(2025, 6, 2))
    services.enforcement_set(actor="测试", agency=town, year=2025, licensing=0)
    fill_narrative(town, 2025)
    return town


def test_review_permissions(town_2025, personas):
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    report = services.report_submit(actor=clerk, agency=town_2025, year=2025)
    with pytest.raises(UserError, match="办公室主任"):
        services.report_review(actor=clerk, report=report, stage="first", approve=True)
    with pytest.raises(UserError):
        services.report_review(
            actor=personas["sibling_clerk"], report=report, stage="first", approve=True
        )
    services.report_review(actor=head, report=report, stage="first", approve=True)
    for who in (clerk, head, personas["county_office"]):
        with pytest.raises(UserError):
            services.report_review(actor=who, report=report, stage="final", approve=True)
    with pytest.raises(UserError, match="终审"):
        services.report_publish(actor=clerk, report=report)
    with pytest.raises(UserError):
        services.report_publish(actor=personas["sibling_clerk"], report=report)
    services.report_review(actor=leader, report=report, stage="final", approve=True)
    snapshot = services.report_publish(actor=clerk, report=report, at=at(2026, 1, 10))
    assert snapshot.revision == 0 and not snapshot.late


def test_drafts_are_not_public_and_other_agencies_cannot_read_them(town_2025, personas, client):
    services.report_submit(actor=personas["clerk"], agency=town_2025, year=2025)
    assert client.get(f"/reports/{town_2025.pk}/2025/").status_code == 404
    assert client.get(f"/reports/{town_2025.pk}/2025/report.txt").status_code == 404
    assert client.get(f"/reports/{town_2025.pk}/2025/tujie/").status_code == 404
    client.force_login(personas["sibling_clerk"])
    assert client.get(f"/reports/{town_2025.pk}/2025/draft.txt?live=1").status_code == 404
    client.force_login(personas["clerk"])
    draft = client.get(f"/reports/{town_2025.pk}/2025/draft.txt?live=1")
    assert draft.status_code == 200 and "共计 4 条" in draft.content.decode()


def test_snapshot_is_frozen_differences_shown_revision_publishes_new_numbers(
    town_2025, personas, client
):
    town = town_2025
    first = review_and_publish(town, 2025, personas, at(2026, 1, 10))
    published_txt = client.get(f"/reports/{town.pk}/2025/report.txt").content.decode()
    assert "共计 4 条" in published_txt

    # records change after publishing: the published output does not
    publish_item(town, "通知公告", "补录的通知", D(2025, 11, 3))
    services.enforcement_set(actor="测试", agency=town, year=2025, licensing=2)
    assert client.get(f"/reports/{town.pk}/2025/report.txt").content.decode() == published_txt
    out = io.StringIO()
    call_command("report", agency=town.name, year=2025, format="txt", stdout=out)
    assert out.getvalue() == published_txt
    with pytest.raises(ValueError):
        first.text = "篡改"
        first.save()
    # …and the difference is shown
    live = selectors.build_model(town, 2025)
    diffs = selectors.differences(selectors.snapshot_model(first), live)
    assert any("行政许可" in d.where and d.published == 0 and d.current == 2 for d in diffs)
    # the narrative now disagrees with the records: publishing is refused until it is fixed
    report = AnnualReport.objects.get(agency=town, year=2025)
    with pytest.raises(UserError, match="发起更正"):
        fill_narrative(town, 2025)
    services.report_revise(actor=personas["clerk"], report=report, reason="补录通知一条")
    with pytest.raises(UserError) as exc:
        services.report_submit(actor=personas["clerk"], agency=town, year=2025)
    assert any("【正文数字与表格不符】" in p for p in exc.value.problems)
    n = services.narrative_draft(actor="测试", agency=town, year=2025, overwrite=True)
    services.narrative_save(
        actor="测试",
        agency=town,
        year=2025,
        section1=n.section1,
        section5="（一）存在问题\n公开形式单一。",
        section6=n.section6,
    )
    with pytest.raises(UserError, match="更正说明"):
        review_and_publish(town, 2025, personas, at(2026, 2, 10))
    services.report_publish(
        actor=personas["clerk"],
        report=report,
        at=at(2026, 2, 10),
        note="补录通知一条，行政许可更正为2件",
    )
    revised = ReportSnapshot.objects.get(report=report, revision=1)
    assert "共计 5 条" in revised.text and revised.model["table2"]["licensing"] == 2
    first.refresh_from_db()
    assert "共计 4 条" in first.text and first.model["table2"]["licensing"] == 0
    page = client.get(f"/reports/{town.pk}/2025/").content.decode()
    assert "第1次更正" in page and "补录通知一条" in page
    assert "共计 5 条" in client.get(f"/reports/{town.pk}/2025/report.txt").content.decode()
    # published after the 31 January deadline: the revision carries a stored LATE finding
    assert revised.late and any(f["code"] == "LATE" for f in revised.findings)
    assert not first.late


def test_publishing_refused_with_errors(town_2025, personas):
    services.narrative_save(
        actor="测试",
        agency=town_2025,
        year=2025,
        section1="（一）主动公开情况\n全年主动公开政府信息共计 99 条。",
        section5="无",
        section6="1.本年度未收取信息处理费。",
    )
    with pytest.raises(UserError) as exc:
        services.report_submit(actor=personas["clerk"], agency=town_2025, year=2025)
    assert any("【正文数字与表格不符】" in p for p in exc.value.problems)
    assert not ReportSnapshot.objects.exists()


def test_drafted_narrative(town_2025, county):
    from gongkai.annual_reports.models import ReportNarrative

    n = ReportNarrative.objects.get(agency=town_2025, year=2025)
    for head in (
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）政府信息公开平台建设情况",
        "（五）监督保障机制",
    ):
        assert head in n.section1
    assert "共计 4 条，包括通知公告 3 条、乡村振兴 1 条" in n.section1
    assert "未收取" in n.section6 and "2025年1月1日" in n.section6
    # 五 is pre-filled with last year's problems
    services.narrative_draft(actor="测试", agency=town_2025, year=2026)
    section5 = ReportNarrative.objects.get(agency=town_2025, year=2026).section5
    assert "2025年度报告所列问题" in section5 and "公开形式单一。" in section5


def test_county_rollup_and_status_page(county, personas, client):
    publish_item(county["town"], "通知公告", "镇通知", D(2025, 3, 3))
    publish_item(county["dept"], "政策文件", "局文件", D(2025, 3, 4))
    publish_item(county["sibling"], "通知公告", "他镇通知", D(2024, 3, 4))
    services.enforcement_set(
        actor="测试", agency=county["dept"], year=2025, penalty=3, fees_10k_yuan=Decimal("1.5")
    )
    services.enforcement_set(
        actor="测试", agency=county["county"], year=2025, penalty=1, fees_10k_yuan=Decimal("0.25")
    )
    pub.document_register(
        actor="测试",
        agency=county["dept"],
        doc_number="卢自然资〔2025〕1号",
        title="甲",
        kind="normative",
        issued_on=D(2025, 2, 1),
    )
    model = selectors.build_model(county["county"], 2025)
    assert model.table2["penalty"] == 4 and model.table2["fees_10k_yuan"] == Decimal("1.75")
    assert model.table2["normative"]["issued"] == 1
    assert "共计 2 条" in model.sections["一"]
    town_model = selectors.build_model(county["town"], 2025)
    assert town_model.table2["penalty"] == 0 and "共计 1 条" in town_model.sections["一"]

    client.force_login(personas["county_office"])
    page = client.get("/reports/status/2025/").content.decode()
    for agency in county.values():
        # Only disclosure bodies owe a report; the 站所 reports through its township.
        assert (agency.name in page) == agency.is_disclosure_body
    client.force_login(personas["clerk"])
    assert client.get("/reports/status/2025/").status_code == 404


def test_deadline_warning_starts_30_days_before(county):
    town = county["town"]
    deadline = town.report_deadline(2025)
    day = datetime.timedelta(days=1)
    assert selectors.deadline_warning(town, 2025, False, today=deadline - 31 * day) == ""
    assert "还有 30 天" in selectors.deadline_warning(town, 2025, False, today=deadline - 30 * day)
    assert "已逾期" in selectors.deadline_warning(town, 2025, False, today=deadline + day)
    assert selectors.deadline_warning(town, 2025, True, today=deadline + day) == ""


def travel(day: str):
    import time_machine

    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00:00+08:00"), tick=False)


def test_a_2026_report_is_refused_in_november_2026(county, personas):
    town = county["town"]
    with travel("2026-11-29"):
        fill_narrative(town, 2026)
        with pytest.raises(UserError, match="自2027年1月1日起方可提交审核"):
            services.report_submit(actor=personas["clerk"], agency=town, year=2026)
        assert not AnnualReport.objects.filter(agency=town, year=2026).exists()
    with travel("2026-12-31"):
        with pytest.raises(UserError, match="2027年1月1日"):
            services.report_submit(actor=personas["clerk"], agency=town, year=2026)
    with travel("2027-01-01"):
        report = services.report_submit(actor=personas["clerk"], agency=town, year=2026)
        assert report.status == "first_review"


def test_status_page_never_says_no_problems_for_a_missing_report(client, county, personas):
    client.force_login(personas["county_office"])
    page = client.get("/reports/status/2025/").content.decode()
    rows = page.split("<tr>")[1:]
    for agency in (a for a in county.values() if a.is_disclosure_body):
        row = next(r for r in rows if agency.name in r)
        assert "未编制" in row and "无报告" in row and "未发现问题" not in row


def test_status_page_names_findings_in_chinese_not_rule_codes(town_2025, personas, client):
    review_and_publish(town_2025, 2025, personas, at(2026, 3, 2))  # after the 1月31日 deadline
    client.force_login(personas["county_office"])
    page = client.get("/reports/status/2025/").content.decode()
    row = next(r for r in page.split("<tr>")[1:] if town_2025.name in r)
    cell = row.split("<td>")[-1]
    assert "【逾期发布】" in cell
    assert not re.search(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+|\bLATE\b", cell), cell
