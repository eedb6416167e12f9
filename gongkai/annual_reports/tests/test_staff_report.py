"""编写年度报告 on the web (/reports/staff/<year>/…) through the Django test client: the page per
role, scoping, read-only 403s, and the walk 保存 (a wrong figure in 一 → TEXT_TABLE_MISMATCH shown,
提交审核 refused) → fix → 提交审核 → 初审 → 终审 → 发布 → public page → differences → 发起更正.
"""

import datetime
import re

import pytest
import time_machine

from gongkai.annual_reports import services
from gongkai.annual_reports.models import AnnualReport, ReportNarrative, ReportSnapshot
from gongkai.core.audit_models import AuditEvent
from gongkai.reviews.factories import published_publication
from gongkai.reviews.models import ReviewRecord

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00:00+08:00"), tick=False)


def publish_item(agency, column, title, day):
    return published_publication(
        agency=agency, column=column, title=title, formed_on=day, published_on=day
    )


@pytest.fixture
def town_21(county):
    """21 items published in 2025: 通知公告 14, 乡村振兴 7."""
    town = county["town"]
    for i in range(14):
        publish_item(town, "通知公告", f"通知{i}", D(2025, 3, 3) + datetime.timedelta(days=i))
    for i in range(7):
        publish_item(town, "乡村振兴", f"项目公示{i}", D(2025, 6, 2) + datetime.timedelta(days=i))
    return town


def counts():
    return (
        AnnualReport.objects.count(),
        ReviewRecord.objects.count(),
        ReportNarrative.objects.count(),
        ReportSnapshot.objects.count(),
        AuditEvent.objects.count(),
    )


def textarea(html: str, name: str) -> str:
    import html as h

    match = re.search(rf'<textarea name="save-{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no {name} textarea"
    return h.unescape(match.group(1)).lstrip("\n")


def post(client, town, action, **fields):
    return client.post(
        f"/reports/staff/2025/{town.pk}/{action}/", {f"{action}-{k}": v for k, v in fields.items()}
    )


SECTION5 = "（一）存在问题\n公开形式较为单一。\n（二）整改措施\n丰富公开形式，加强解读。"


def test_page_per_role_scoping_and_read_only(client, county, personas, town_21):
    town = town_21
    with at("2026-01-10"):
        for role in ("clerk", "office_head", "leader", "admin"):
            client.force_login(personas[role])
            agency = personas[role].agency
            response = client.get("/reports/staff/2025/")
            assert response.status_code == 200, role
            assert agency.name in response.content.decode()
        client.force_login(personas["clerk"])
        assert client.get("/reports/staff/").status_code == 302
        assert client.get("/reports/staff/")["Location"] == "/reports/staff/2025/"
        html = client.get("/reports/staff/2025/").content.decode()
        assert "共计 21 条" in textarea(html, "section1")
        assert "（一）主动公开情况" in textarea(html, "section1")
        assert "（请填写" in textarea(html, "section5")  # drafted, to be replaced
        assert "第二十条第（一）项" in html and "行政规范性文件" in html  # Table 2 rendered
        assert "本年新收政府信息公开申请数量" in html  # Table 3 rendered
        for fmt in ("docx", "pdf", "txt"):
            assert f"/reports/{town.pk}/2025/draft.{fmt}?live=1" in html
        assert 'data-field="deadline"' in html
        # a sibling township's clerk: 404 for the page and for every step
        client.force_login(personas["sibling_clerk"])
        assert client.get(f"/reports/staff/2025/{town.pk}/").status_code == 404
        before = counts()
        assert post(client, town, "save", section1="x").status_code == 404
        assert post(client, town, "submit").status_code == 404
        assert counts() == before
        assert client.get("/reports/staff/2025/999999/").status_code == 404
        assert client.get("/reports/staff/2030/").status_code == 404
        # the county office reads the township's report, with no forms, and every POST is 403
        client.force_login(personas["county_office"])
        html = client.get(f"/reports/staff/2025/{town.pk}/").content.decode()
        assert 'method="post"' not in html and "只读" in html and "共计 21 条" in html
        before = counts()
        attempts = {
            "save": {"section1": "改", "section5": "改", "section6": "改"},
            "submit": {"note": ""},
            "first": {"decision": "approve"},
            "final": {"decision": "approve"},
            "publish": {"note": ""},
            "revise": {"reason": "更正"},
        }
        for action, fields in attempts.items():
            response = post(client, town, action, **fields)
            assert response.status_code == 403, action
            assert "只读" in response.content.decode()
        assert counts() == before
    client.logout()
    assert client.get("/reports/staff/2025/").status_code == 302


def test_deadline_warning_within_30_days(client, county, personas, town_21):
    deadline = county["town"].report_deadline(2025)
    with at((deadline - datetime.timedelta(days=10)).isoformat()):
        client.force_login(personas["clerk"])
        html = client.get("/reports/staff/2025/").content.decode()
        assert "距发布期限还有 10 天" in html
    with at("2025-12-10"):
        html = client.get("/reports/staff/2025/").content.decode()
        assert 'data-field="warning"' not in html


def test_write_review_publish_and_correct_on_the_web(client, county, personas, town_21):
    town = town_21
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2026-01-10"):
        client.force_login(clerk)
        html = client.get("/reports/staff/2025/").content.decode()
        section1 = textarea(html, "section1")
        section6 = textarea(html, "section6")
        wrong = section1.replace("共计 21 条", "共计 22 条")
        assert wrong != section1
        response = post(client, town, "save", section1=wrong, section5=SECTION5, section6=section6)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "已保存。检查发现" in page
        found = re.search(r'<ul class="findings" data-findings="s1">(.*?)</ul>', page, re.S)
        assert found and 'data-code="TEXT_TABLE_MISMATCH"' in found.group(1)
        assert "（TEXT_TABLE_MISMATCH）" not in found.group(1)  # the code is for support, not shown
        assert "正文数字与表格不符" in found.group(1) and "22" in found.group(1)
        # 提交审核 is refused with the checker's Chinese message; nothing is written
        before = counts()
        response = post(client, town, "submit", note="")
        assert response.status_code == 400
        body = response.content.decode()
        assert "不能提交或发布" in body and "【正文数字与表格不符】" in body
        assert "TEXT_TABLE_MISMATCH" not in re.sub(r'data-code="\w+"', "", body)  # no codes shown
        assert counts() == before
        assert not AnnualReport.objects.filter(agency=town, year=2025).exists()

        # fix it, submit
        response = post(
            client, town, "save", section1=section1, section5=SECTION5, section6=section6
        )
        page = client.get(response["Location"]).content.decode()
        assert "检查未发现错误" in page and 'data-findings="s1"' not in page
        assert post(client, town, "submit", note="请审核").status_code == 302
        report = AnnualReport.objects.get(agency=town, year=2025)
        assert report.status == "first_review"
        page = client.get("/reports/staff/2025/").content.decode()
        assert "<textarea" not in page  # no editing under review

        # 初审: the clerk cannot; the 办公室主任 sees it in 待我审核 and approves
        response = post(client, town, "first", decision="approve")
        assert response.status_code == 403 and "办公室主任" in response.content.decode()
        client.force_login(head)
        reviews = client.get("/publications/staff/reviews/").content.decode()
        assert f"/reports/staff/2025/{town.pk}/" in reviews
        assert post(client, town, "first", decision="approve", note="").status_code == 302

        # 终审: returning needs a note; the 分管领导 returns with one
        client.force_login(leader)
        assert (
            f"/reports/staff/2025/{town.pk}/"
            in client.get("/publications/staff/reviews/").content.decode()
        )
        before = counts()
        response = post(client, town, "final", decision="return", note="")
        assert response.status_code == 400 and "退回时请写明意见" in response.content.decode()
        assert counts() == before
        note = "第五部分请补充上年度问题整改情况"
        assert post(client, town, "final", decision="return", note=note).status_code == 302
        report.refresh_from_db()
        assert report.status == "draft"
        client.force_login(clerk)
        page = client.get("/reports/staff/2025/").content.decode()
        assert note in page and "<textarea" in page
        assert post(client, town, "submit").status_code == 302
        client.force_login(head)
        assert post(client, town, "first", decision="approve").status_code == 302
        client.force_login(leader)
        assert post(client, town, "final", decision="approve", note="同意").status_code == 302
        page = client.get("/reports/staff/2025/").content.decode()
        assert "已审定待发布" in page and "step-final" not in page
        # 发布
        client.force_login(clerk)
        assert "step-publish" in client.get("/reports/staff/2025/").content.decode()
        assert post(client, town, "publish").status_code == 302
        report.refresh_from_db()
        assert report.status == "published"
        snapshot = ReportSnapshot.objects.get(report=report)
        assert snapshot.revision == 0 and not snapshot.late
        page = client.get("/reports/staff/2025/").content.decode()
        assert "已发布版本与当前记录一致" in page and "step-revise" in page

    client.logout()
    public = client.get(f"/reports/{town.pk}/2025/").content.decode()
    assert "共计 21 条" in public and "公开形式较为单一" in public
    assert note not in public and "请审核" not in public

    # records change after publishing: the differences are shown, and a 更正 goes through the web
    with at("2026-02-10"):
        publish_item(town, "通知公告", "补录的通知", D(2025, 11, 3))
        services.enforcement_set(actor="测试", agency=town, year=2025, licensing=2)
        client.force_login(clerk)
        page = client.get("/reports/staff/2025/").content.decode()
        diffs = re.search(r'<table class="cards" id="differences">(.*?)</table>', page, re.S)
        assert diffs, "the differences are shown"
        rows = re.sub(r"<[^>]+>", " ", diffs.group(1))
        assert re.search(r"主动公开信息条数\s+21\s+22", rows)
        assert re.search(r"行政许可\S*\s+0\s+2", rows)
        assert "第一部分正文" not in rows
        assert post(client, town, "revise", reason="").status_code == 400
        assert post(client, town, "revise", reason="补录通知一条").status_code == 302
        page = client.get("/reports/staff/2025/").content.decode()
        # the text still says 21; the records now hold 22: the finding sits next to section 一
        found = re.search(r'<ul class="findings" data-findings="s1">(.*?)</ul>', page, re.S)
        assert found and 'data-code="TEXT_TABLE_MISMATCH"' in found.group(1)
        assert "（TEXT_TABLE_MISMATCH）" not in found.group(
            1
        )  # the code is for support, not shown and "22 条" in found.group(1)
        html = page
        fixed = textarea(html, "section1").replace("共计 21 条", "共计 22 条")
        fixed = fixed.replace("通知公告 14 条", "通知公告 15 条")
        post(client, town, "save", section1=fixed, section5=SECTION5, section6=section6)
        assert post(client, town, "submit").status_code == 302
        client.force_login(head)
        assert post(client, town, "first", decision="approve").status_code == 302
        client.force_login(leader)
        assert post(client, town, "final", decision="approve").status_code == 302
        client.force_login(clerk)
        response = post(client, town, "publish", note="")
        assert response.status_code == 400 and "更正说明" in response.content.decode()
        assert post(client, town, "publish", note="补录通知一条").status_code == 302
    assert ReportSnapshot.objects.filter(report=report).count() == 2
    public = client.get(f"/reports/{town.pk}/2025/").content.decode()
    assert "共计 22 条" in public and "第1次更正" in public
    revised = ReportSnapshot.objects.get(report=report, revision=1)
    assert revised.model["table2"]["licensing"] == 2
