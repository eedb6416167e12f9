import pytest

from gongkai.annual_reports.ledger import export_enforcement, import_enforcement
from gongkai.annual_reports.models import EnforcementStats
from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError

HEADER = "年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n"


def write(tmp_path, text, name="e.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_is_idempotent_and_changes_are_audited(tmp_path, county):
    dept = county["dept"]
    path = write(
        tmp_path, HEADER + "2024,171,19,1,389.6\n2025,186,23,2,4068.208\n", encoding="gb18030"
    )
    assert import_enforcement(actor="测试", agency=dept, path=path) == {
        "新增": 2,
        "更新": 0,
        "未变": 0,
    }
    assert import_enforcement(actor="测试", agency=dept, path=path) == {
        "新增": 0,
        "更新": 0,
        "未变": 2,
    }
    changed = write(tmp_path, HEADER + "2025,187,23,2,4068.208\n", "c.csv")
    assert import_enforcement(actor="测试", agency=dept, path=changed)["更新"] == 1
    event = AuditEvent.objects.filter(action="enforcement.set").order_by("-seq").first()
    assert event.old["licensing"] == 186 and event.new["licensing"] == 187
    out = tmp_path / "out.xlsx"
    assert export_enforcement(agency=dept, path=out) == 2
    assert import_enforcement(actor="测试", agency=dept, path=out)["未变"] == 2


def test_bad_rows_rejected_and_nothing_imported(tmp_path, county):
    text = HEADER + "2025,1,2,3,-5\n2025,1,2,3,0\n二〇二四,x,0,0,0\n"
    with pytest.raises(UserError) as exc:
        import_enforcement(actor="测试", agency=county["dept"], path=write(tmp_path, text))
    problems = exc.value.problems
    assert any(p.startswith("第2行 行政事业性收费（万元）") and "负数" in p for p in problems)
    assert any(p.startswith("第3行 年度") and "重复" in p for p in problems)
    assert any(p.startswith("第4行 年度") for p in problems)
    assert any(p.startswith("第4行 行政许可") for p in problems)
    assert EnforcementStats.objects.count() == 0


def test_missing_column(tmp_path, county):
    with pytest.raises(UserError, match="缺少必填列"):
        import_enforcement(
            actor="测试", agency=county["dept"], path=write(tmp_path, "年度,行政许可\n2025,1\n")
        )
