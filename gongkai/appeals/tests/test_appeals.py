"""table4_counts (ledgers.md §2) and the appeals ledger."""

import datetime

import pytest

from gongkai.appeals.ledger import export_appeals, import_appeals
from gongkai.appeals.models import Appeal, AppealSettings
from gongkai.appeals.selectors import appeal_for_user, table4_counts
from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import NotFoundOrForbidden, UserError

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def make(agency, number, kind, filed, result="pending", closed=None):
    return Appeal.objects.create(
        agency=agency,
        number=number,
        kind=kind,
        filed_on=D(filed),
        result=result,
        closed_on=D(closed) if closed else None,
    )


def test_table4_counts(county):
    town = county["town"]
    make(town, "1", "review", "2025-01-01", "upheld", "2025-12-31")  # upheld
    make(town, "2", "review", "2025-12-31", "corrected", "2026-01-05")  # open on 12/31 → pending
    make(town, "3", "suit_direct", "2025-06-01")  # pending
    make(town, "4", "suit_after_review", "2025-06-01", "other", "2025-09-01")
    make(town, "5", "review", "2024-12-31")  # earlier year, open: only with the setting
    t = table4_counts(agency_ids=[town.pk], year=2025)
    assert t["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert t["suit_direct"]["pending"] == 1 and t["suit_after_review"]["other"] == 1
    for block in t.values():
        assert (
            block["total"]
            == block["upheld"] + block["corrected"] + block["other"] + block["pending"]
        )
    AppealSettings.objects.create(agency=town, count_carried_over=True)
    assert table4_counts(agency_ids=[town.pk], year=2025)["review"]["pending"] == 2


def test_appeal_scoping(county, personas):
    appeal = make(county["town"], "1", "review", "2025-01-01")
    assert appeal_for_user(personas["clerk"], appeal.pk) == appeal
    assert appeal_for_user(personas["county_office"], appeal.pk) == appeal
    with pytest.raises(NotFoundOrForbidden):
        appeal_for_user(personas["sibling_clerk"], appeal.pk)


HEADER = "编号,类型,立案日期,结果,结案日期,关联申请编号\n"


def test_ledger_idempotent_and_all_or_nothing(county, personas, tmp_path):
    good = tmp_path / "a.csv"
    good.write_text(
        HEADER + "FY-1,行政复议,2025-03-01,维持,2025-05-01,\nSS-1,直接起诉,2025-04-01,,,\n",
        encoding="gb18030",
    )
    assert import_appeals(actor=personas["clerk"], agency=county["town"], path=good)["created"] == 2
    assert (
        import_appeals(actor=personas["clerk"], agency=county["town"], path=good)["unchanged"] == 2
    )
    out = tmp_path / "out.csv"
    assert export_appeals(agency=county["town"], path=out) == 2
    assert (
        import_appeals(actor=personas["clerk"], agency=county["town"], path=out)["unchanged"] == 2
    )
    bad = tmp_path / "b.csv"
    bad.write_text(
        HEADER + "FY-2,行政复议,2025-03-01,纠正,,\nFY-3,复议,2025-03-01,,,\n"
        "FY-4,行政复议,2025-03-01,维持,2025-02-01,\nFY-5,行政复议,2025-03-01,,,A-404\n",
        encoding="utf-8-sig",
    )
    before = (Appeal.objects.count(), AuditEvent.objects.count())
    with pytest.raises(UserError) as exc:
        import_appeals(actor=personas["clerk"], agency=county["town"], path=bad)
    assert len(exc.value.problems) == 4
    assert exc.value.problems[0].startswith("第2行 结案日期")
    assert (Appeal.objects.count(), AuditEvent.objects.count()) == before
