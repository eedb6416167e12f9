"""Every ledger but applications (see applications/tests/test_ledger_workflow.py): a row that would change
a record inside the workflow is refused as 第N行 and nothing at all is imported (issue #8)."""

import datetime

import pytest

from gongkai.annual_reports import services as reports
from gongkai.annual_reports.ledger import import_enforcement
from gongkai.annual_reports.models import EnforcementStats
from gongkai.annual_reports.tests.test_lifecycle import fill_narrative, publish_item
from gongkai.appeals import services as appeals
from gongkai.appeals.ledger import import_appeals
from gongkai.appeals.models import Appeal
from gongkai.core.errors import UserError
from gongkai.publications import services as pub
from gongkai.publications.ledger import import_documents, import_publications
from gongkai.publications.models import NormativeDocument, Publication
from gongkai.reviews.factories import published_publication

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def csv(tmp_path, text, name="ledger.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(importer, agency, path, line):
    with pytest.raises(UserError) as exc:
        importer(actor="测试", agency=agency, path=path)
    assert any(p.startswith(f"第{line}行") for p in exc.value.problems), exc.value.problems


def test_an_appeal_decided_on_the_platform_is_not_changed(tmp_path, county, personas):
    town = county["town"]
    case = appeals.appeal_register(
        actor=personas["clerk"], agency=town, number="复-1", kind="review", filed_on=D("2025-04-01")
    )
    path = csv(
        tmp_path,
        "编号,类型,立案日期,结果,结案日期\n"
        "复-2,行政复议,2025-05-01,,\n"
        "复-1,行政复议,2025-04-01,维持,2025-06-01\n",
    )
    refused(import_appeals, town, path, 3)
    case.refresh_from_db()
    assert (case.result, case.closed_on) == ("pending", None)
    assert not Appeal.objects.filter(number="复-2").exists()


def test_a_published_item_reviewed_on_the_platform_is_not_changed(tmp_path, county):
    town = county["town"]
    item = published_publication(
        agency=town,
        column="通知公告",
        title="关于春耕的通知",
        doc_number="朱政〔2025〕1号",
        formed_on=D("2025-03-03"),
        published_on=D("2025-03-03"),
    )
    path = csv(
        tmp_path,
        "标题,栏目,发布日期,文号\n"
        "新的历史信息,通知公告,2024-05-01,\n"
        "关于春耕的通知（修改）,通知公告,2025-03-03,朱政〔2025〕1号\n",
    )
    refused(import_publications, town, path, 3)
    item.refresh_from_db()
    assert item.title == "关于春耕的通知"
    assert not Publication.objects.filter(title="新的历史信息").exists()


def test_a_document_registered_on_the_platform_is_not_changed(tmp_path, county):
    dept = county["dept"]
    pub.document_register(
        actor="测试",
        agency=dept,
        doc_number="卢自然资〔2025〕1号",
        title="农村宅基地审批管理办法",
        kind="normative",
        issued_on=D("2025-03-17"),
    )
    path = csv(
        tmp_path,
        "文号,标题,类型,制发日期,废止日期\n"
        "卢自然资〔2025〕1号,另一个标题,行政规范性文件,2025-03-17,\n",
    )
    refused(import_documents, dept, path, 2)
    assert NormativeDocument.objects.get(agency=dept).title == "农村宅基地审批管理办法"


def test_enforcement_figures_of_a_report_in_review_are_not_changed(tmp_path, county, personas):
    town = county["town"]
    publish_item(town, "通知公告", "通知", D("2025-03-03"))
    reports.enforcement_set(actor="测试", agency=town, year=2025, licensing=3)
    fill_narrative(town, 2025)
    reports.report_submit(actor=personas["clerk"], agency=town, year=2025)
    header = "年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n"
    same = csv(tmp_path, header + "2025,3,0,0,0\n")
    assert import_enforcement(actor="测试", agency=town, path=same)["未变"] == 1
    changed = csv(tmp_path, header + "2024,1,0,0,0\n2025,9,0,0,0\n", name="b.csv")
    refused(import_enforcement, town, changed, 3)
    assert EnforcementStats.objects.get(agency=town, year=2025).licensing == 3
    assert not EnforcementStats.objects.filter(agency=town, year=2024).exists()
