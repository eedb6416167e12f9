"""table3_counts on hand-built records, and the ledger import (all-or-nothing, idempotent)."""

import datetime
from decimal import Decimal

import pytest

from gongkai.applications.ledger import export_applications, import_applications
from gongkai.applications.models import Application
from gongkai.applications.outcomes import OUTCOME_CODES
from gongkai.applications.selectors import fees_charged_yuan, table3_counts
from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def make(agency, number, kind, received, outcome=None, replied=None, fee=0):
    return Application.objects.create(
        agency=agency,
        number=number,
        applicant_type=kind,
        received_on=D(received),
        outcome=outcome,
        replied_on=D(replied) if replied else None,
        fee_yuan=Decimal(fee),
        status="concluded" if outcome else "processing",
    )


def test_counting_rules_and_boundaries(county):
    town = county["town"]
    make(
        town, "1", "natural_person", "2024-12-31", "granted", "2024-12-31"
    )  # closed before Y: nowhere
    make(
        town, "2", "natural_person", "2024-12-31", "granted", "2025-01-01"
    )  # carried over, granted
    make(town, "3", "commercial", "2024-06-01")  # carried over and forward
    make(town, "4", "commercial", "2025-01-01", "partial", "2025-12-31", fee=10)  # new, partial
    make(town, "5", "research", "2025-12-31")  # new, carried forward
    make(
        town, "6", "legal_service", "2025-12-31", "rejected_duplicate", "2026-01-02"
    )  # new, forward
    make(town, "7", "other_org", "2026-01-01")  # next year: nowhere
    make(town, "8", "social_welfare", "2025-03-01", "other_other", "2025-03-02")
    make(county["sibling"], "9", "natural_person", "2025-03-01")  # other agency: nowhere
    t = table3_counts(agency_ids=[town.pk], year=2025)
    assert t["new"] == {
        "natural_person": 0,
        "commercial": 1,
        "research": 1,
        "social_welfare": 1,
        "legal_service": 1,
        "other_org": 0,
        "total": 4,
    }
    assert t["carried_over"]["natural_person"] == 1 and t["carried_over"]["commercial"] == 1
    assert t["carried_over"]["total"] == 2
    assert t["granted"]["natural_person"] == 1 and t["partial"]["commercial"] == 1
    assert t["other_other"]["social_welfare"] == 1 and t["rejected_duplicate"]["total"] == 0
    assert t["total"]["total"] == 3
    assert t["carried_forward"] == {
        "natural_person": 0,
        "commercial": 1,
        "research": 1,
        "social_welfare": 0,
        "legal_service": 1,
        "other_org": 0,
        "total": 3,
    }
    for col in t["new"]:
        assert t["new"][col] + t["carried_over"][col] == t["total"][col] + t["carried_forward"][col]
        assert t["total"][col] == sum(t[o][col] for o in OUTCOME_CODES)
    assert len(t) == 25 and all(len(v) == 7 for v in t.values())
    assert fees_charged_yuan(agency_ids=[town.pk], year=2025) == Decimal("10.00")


def test_table3_is_one_query(county, django_assert_num_queries):
    with django_assert_num_queries(1):
        table3_counts(agency_ids=[county["town"].pk], year=2025)


HEADER = "编号,申请人类型,申请人,收到日期,申请方式,申请内容,办理结果,答复日期,信息处理费（元）\n"
GOOD = HEADER + (
    "2025-001,自然人,张某,2025-03-05,当面,低保名单,予以公开,2025-03-20,0\n"
    "2025-002,商业企业,某公司,2025/5/12,邮寄,中标结果,不予公开-保护第三方合法权益,2025年6月5日,\n"
    "2025-003,自然人,李某,2025-12-22,网络,规划,,,\n"
    "2025-004,其他,某社,2025-08-01,,,其他处理-其他,2025-08-02,\n"
)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_import_idempotent(county, personas, tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes(GOOD.encode(encoding))
    town = county["town"]
    result = import_applications(actor=personas["clerk"], agency=town, path=path)
    assert result["created"] == 4
    audit_before = AuditEvent.objects.count()
    again = import_applications(actor=personas["clerk"], agency=town, path=path)
    assert again["created"] == 0 and again["unchanged"] == 4
    assert AuditEvent.objects.count() == audit_before
    t = table3_counts(agency_ids=[town.pk], year=2025)
    assert t["new"]["total"] == 4 and t["withheld_third_party"]["commercial"] == 1
    assert t["other_other"]["other_org"] == 1 and t["carried_forward"]["total"] == 1
    # A changed row updates and is audited.
    path.write_bytes(
        GOOD.replace("2025-12-22,网络,规划,,,", "2025-12-22,网络,规划,部分公开,2025-12-30,").encode(
            encoding
        )
    )
    changed = import_applications(actor=personas["clerk"], agency=town, path=path)
    assert changed["updated"] == 1
    assert AuditEvent.objects.filter(action="application.import_update").count() == 1
    assert Application.objects.get(agency=town, number="2025-003").outcome == "partial"


def test_xlsx_import(county, personas, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "申请人类型", "收到日期", "办理结果", "答复日期", "备注"])
    sheet.append(
        [
            "X-1",
            "科研机构",
            datetime.date(2025, 4, 1),
            "unable_not_held",
            datetime.date(2025, 4, 20),
            "x",
        ]
    )
    sheet.append(["X-2", "法律服务机构", "2025-04-02", "", "", ""])
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = import_applications(actor=personas["clerk"], agency=county["town"], path=path)
    assert result["created"] == 2 and result["notes"] == ["未知列“备注”已忽略"]
    out = tmp_path / "out.xlsx"
    assert export_applications(agency=county["town"], path=out) == 2
    again = import_applications(actor=personas["clerk"], agency=county["town"], path=out)
    assert again["unchanged"] == 2


def test_bad_rows_all_reported_nothing_written(county, personas, tmp_path):
    bad = HEADER + (
        "B-1,自然人,张某,2025-03-05,当面,x,予以批准,2025-03-20,0\n"  # unknown outcome
        "B-2,自然人,张某,2025-03-05,当面,x,予以公开,2025-03-01,0\n"  # reply before receipt
        "B-3,自然人,张某,2025-03-05,当面,x,,,-5\n"  # negative fee
        "B-3,自然人,张某,2025-03-05,当面,x,,,\n"  # duplicate 编号
        "B-5,外星人,张某,2025-03-05,当面,x,,,\n"  # bad applicant type
    )
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    before = (Application.objects.count(), AuditEvent.objects.count())
    with pytest.raises(UserError) as exc:
        import_applications(actor=personas["clerk"], agency=county["town"], path=path)
    problems = exc.value.problems
    assert any(p.startswith("第2行 办理结果") for p in problems)
    assert any(p.startswith("第3行 答复日期") for p in problems)
    assert any(p.startswith("第4行 信息处理费（元）") for p in problems)
    assert any(p.startswith("第5行 编号") for p in problems)
    assert any(p.startswith("第6行 申请人类型") for p in problems)
    assert (Application.objects.count(), AuditEvent.objects.count()) == before


def test_wrong_encoding_rejected(county, personas, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xfe\x00\xd8\x00\xdc" * 10)
    with pytest.raises(UserError):
        import_applications(actor=personas["clerk"], agency=county["town"], path=path)
    assert Application.objects.count() == 0
