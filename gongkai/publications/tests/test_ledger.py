import io

import pytest
from django.core.management import call_command

from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError
from gongkai.publications.ledger import (
    export_documents,
    export_publications,
    import_documents,
    import_publications,
)
from gongkai.publications.models import CatalogueColumn, NormativeDocument, Publication

DOC_HEADER = "文号,标题,类型,制发日期,废止日期\n"


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_documents_import_is_idempotent_and_audited(tmp_path, county):
    dept = county["dept"]
    text = DOC_HEADER + (
        "卢自然资〔2025〕1号,农村宅基地审批管理办法,行政规范性文件,2025-03-17,\n"
        "卢自然资〔2023〕2号,宅基地审批管理暂行办法,行政规范性文件,2023/5/10,2025年3月17日\n"
    )
    path = write(tmp_path, "docs.csv", text, "gb18030")
    assert import_documents(actor="测试", agency=dept, path=path) == {
        "新增": 2,
        "更新": 0,
        "未变": 0,
    }
    assert import_documents(actor="测试", agency=dept, path=path) == {
        "新增": 0,
        "更新": 0,
        "未变": 2,
    }
    changed = write(tmp_path, "docs2.csv", text.replace("农村宅基地审批管理办法", "宅基地管理办法"))
    assert import_documents(actor="测试", agency=dept, path=changed)["更新"] == 1
    event = AuditEvent.objects.filter(action="document.import_update").get()
    assert event.old == {"title": "农村宅基地审批管理办法"} and event.new == {
        "title": "宅基地管理办法"
    }
    out = tmp_path / "out.xlsx"
    assert export_documents(agency=dept, path=out) == 2
    assert import_documents(actor="测试", agency=dept, path=out)["未变"] == 2


def test_bad_documents_are_all_reported_and_nothing_imported(tmp_path, county):
    text = DOC_HEADER + (
        "卢政〔2025〕1号,甲,行政规范性文件,2025-01-05,\n"
        "卢政〔2025〕1号,乙,行政规范性文件,2025-02-05,\n"
        "卢政〔2025〕2号,丙,行政规范性文件,2025-13-40,\n"
        "卢政〔2025〕3号,丁,规章,2025-03-01,\n"
        "卢政〔2025〕4号,戊,通知,2025-03-01,2024-01-01\n"
    )
    with pytest.raises(UserError) as exc:
        import_documents(actor="测试", agency=county["town"], path=write(tmp_path, "bad.csv", text))
    problems = exc.value.problems
    assert "第3行 文号: “卢政〔2025〕1号”与第2行重复" in problems
    assert any(p.startswith("第4行 制发日期") for p in problems)
    assert any(p.startswith("第5行 类型") and "无权制定规章" in p for p in problems)
    assert any(p.startswith("第6行 类型") for p in problems)
    assert NormativeDocument.objects.count() == 0


def test_wrong_encoding_is_refused(tmp_path, county):
    path = write(
        tmp_path,
        "utf16.csv",
        DOC_HEADER + "卢政〔2025〕1号,甲,行政规范性文件,2025-01-05,\n",
        "utf-16",
    )
    with pytest.raises(UserError, match="编码"):
        import_documents(actor="测试", agency=county["dept"], path=path)
    assert NormativeDocument.objects.count() == 0


def test_publications_import_creates_columns_and_published_items(tmp_path, county, client):
    town = county["town"]
    text = (
        "标题,栏目,发布日期,成文日期,文号,发布机构\n"
        "关于森林防火的通知,通知公告,2025-02-20,2025-02-17,,\n"
        "领导班子成员及分工,组织概况,2025/1/16,,,\n"
        "衔接资金项目计划公示,乡村振兴,2025年3月11日,2025-03-05,朱政〔2025〕3号,朱阳关镇人民政府\n"
    )
    path = write(tmp_path, "pubs.csv", text)
    out = io.StringIO()
    call_command("import", "publications", str(path), agency=town.name, stdout=out)
    assert "新增 3" in out.getvalue()
    assert set(CatalogueColumn.objects.filter(agency=town).values_list("name", flat=True)) == {
        "通知公告",
        "组织概况",
        "乡村振兴",
    }
    assert Publication.objects.filter(agency=town, status="published").count() == 3
    assert import_publications(actor="测试", agency=town, path=path)["未变"] == 3
    assert "关于森林防火的通知" in client.get(f"/publications/{town.pk}/").content.decode()
    export = tmp_path / "export.csv"
    assert export_publications(agency=town, path=export, year=2025) == 3
    assert import_publications(actor="测试", agency=town, path=export)["未变"] == 3


def test_bad_publications_rejected_with_row_numbers(tmp_path, county):
    text = (
        "标题,栏目,发布日期,成文日期\n"
        ",通知公告,2025-02-20,\n"
        "甲,通知公告,2025-02-30,\n"
        "乙,通知公告,2025-02-20,2025-03-01\n"
    )
    with pytest.raises(UserError) as exc:
        import_publications(
            actor="测试", agency=county["town"], path=write(tmp_path, "bad.csv", text)
        )
    assert [p.split(" ")[0] for p in exc.value.problems] == ["第2行", "第3行", "第4行"]
    assert Publication.objects.count() == 0
