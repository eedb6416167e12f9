import datetime

import pytest
from django.core.management import call_command

from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.services import agency_add, agency_update


@pytest.mark.django_db
def test_tree_and_paths(county):
    town, unit = county["town"], county["unit"]
    assert unit.parent == town and town.parent == county["county"]
    assert unit.path.startswith(town.path) and town.path.startswith(county["county"].path)
    subtree = Agency.objects.filter(path__startswith=town.path)
    assert set(subtree) == {town, unit}
    assert unit.county() == county["county"]


@pytest.mark.django_db
def test_report_deadlines_follow_article_49(county):
    assert county["dept"].report_deadline(2025) == datetime.date(2026, 1, 31)
    assert county["county"].report_deadline(2025) == datetime.date(2026, 3, 31)
    agency_update(
        actor=None, agency=county["town"], report_deadline_month=2, report_deadline_day=20
    )
    assert county["town"].report_deadline(2025) == datetime.date(2026, 2, 20)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"name": "朱阳关镇人民政府", "level": "township", "parent_name": "卢氏县人民政府"},
            "机关“朱阳关镇人民政府”已存在",
        ),
        (
            {"name": "新镇人民政府", "level": "township", "parent_name": "不存在的县"},
            "上级机关“不存在的县”不存在",
        ),
        ({"name": "新镇人民政府", "level": "township"}, "必须指定上级机关"),
        ({"name": "某站", "level": "unit", "parent_name": "卢氏县人民政府"}, "不能设在"),
        ({"name": "某局", "level": "bureau", "parent_name": "卢氏县人民政府"}, "层级“bureau”无效"),
    ],
)
def test_bad_agency_input_changes_nothing(county, kwargs, message):
    before = (Agency.objects.count(), AuditEvent.objects.count())
    with pytest.raises(UserError, match=message):
        agency_add(actor=None, **kwargs)
    assert (Agency.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_agency_command(capsys):
    call_command("agency", "add", "卢氏县人民政府", "--level", "county")
    call_command("agency", "add", "朱阳关镇人民政府", "--parent", "卢氏县人民政府")
    call_command("agency", "list")
    out = capsys.readouterr().out
    assert "已添加：朱阳关镇人民政府（乡镇人民政府（街道办事处））" in out
    assert "  朱阳关镇人民政府" in out  # indented under its county
    with pytest.raises(SystemExit) as exit_info:
        call_command("agency", "add", "某镇", "--parent", "不存在")
    assert exit_info.value.code == 1
    assert "错误：上级机关“不存在”不存在" in capsys.readouterr().err
    assert AuditEvent.objects.filter(action="agency.add").count() == 2


@pytest.mark.django_db
def test_agency_set_deadline_command(county, capsys):
    call_command("agency", "set", "朱阳关镇人民政府", "--deadline", "02-20")
    county["town"].refresh_from_db()
    assert county["town"].report_deadline(2025) == datetime.date(2026, 2, 20)
    call_command("agency", "set", "朱阳关镇人民政府", "--deadline", "default")
    county["town"].refresh_from_db()
    assert county["town"].report_deadline(2025) == datetime.date(2026, 1, 31)
    for bad, message in [("02-30", "不是有效日期"), ("二月", "格式不对")]:
        with pytest.raises(SystemExit):
            call_command("agency", "set", "朱阳关镇人民政府", "--deadline", bad)
        assert message in capsys.readouterr().err
    assert AuditEvent.objects.filter(action="agency.update").count() == 2
