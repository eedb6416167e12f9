import datetime

import pytest

from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError
from gongkai.inspections import selectors, services
from gongkai.inspections.catalogue_areas import TOWNSHIP_AREAS
from gongkai.inspections.choices import CheckKind, FindingStatus
from gongkai.inspections.models import Finding

RUN_DAY = datetime.date(2025, 9, 25)  # Thursday before the National Day holiday (1–8 October)
# 10 working days: 9-26, 9-28 (Sunday, workday), 9-29, 9-30, 10-9, 10-10, 10-11 (Saturday,
# workday), 10-13, 10-14, 10-15.
DEADLINE = datetime.date(2025, 10, 15)


@pytest.fixture
def town_run(county, personas, publish):
    town = county["town"]
    publish(town, "2025年财政预算公开", column="财政预决算")
    publish(
        town, "低保对象名单", column="社会救助", body="<p>张三 11010519491231002X 13800138000</p>"
    )
    publish(town, "乡镇工作动态", column="工作动态", body="<p>无个人信息</p>")
    run = services.inspection_run(actor=personas["clerk"], agency=town, today=RUN_DAY)
    return town, run


def test_catalogue_and_personal_data_findings(town_run, personas):
    town, run = town_run
    areas = set(
        Finding.objects.filter(run=run, kind=CheckKind.CATALOGUE).values_list("key", flat=True)
    )
    # 财政预决算 and 社会救助 have columns; every other standard area is missing.
    expected = {f"area:{a}" for a in TOWNSHIP_AREAS} - {"area:财政预决算", "area:社会救助"}
    assert areas == expected
    personal = Finding.objects.get(run=run, kind=CheckKind.PERSONAL_DATA)
    assert "低保对象名单" in personal.title
    assert "身份证号码 1 处" in personal.detail and "手机号码 1 处" in personal.detail
    assert "11010519491231002X" not in personal.detail
    assert personal.deadline == DEADLINE
    assert personal.assignee == personas["office_head"]


def test_running_again_does_not_duplicate_open_findings(town_run, personas):
    town, run = town_run
    before = Finding.objects.filter(agency=town).count()
    again = services.inspection_run(actor=personas["clerk"], agency=town, today=RUN_DAY)
    assert again.new_findings == 0
    assert Finding.objects.filter(agency=town).count() == before


def test_lifecycle_rectify_close_with_audit(town_run, personas):
    town, run = town_run
    finding = Finding.objects.get(run=run, kind=CheckKind.PERSONAL_DATA)
    with pytest.raises(UserError, match="不能验收销号"):
        services.finding_close(actor=personas["office_head"], finding=finding)
    with pytest.raises(UserError, match="整改情况"):
        services.finding_rectify(actor=personas["clerk"], finding=finding, evidence=" ")
    with pytest.raises(UserError, match="没有权限"):
        services.finding_rectify(
            actor=personas["sibling_clerk"], finding=finding, evidence="已删除"
        )
    services.finding_rectify(
        actor=personas["clerk"], finding=finding, evidence="已删除身份证号和手机号", on=RUN_DAY
    )
    with pytest.raises(UserError, match="没有权限"):
        services.finding_close(actor=personas["clerk"], finding=finding)
    services.finding_reopen(actor=personas["county_office"], finding=finding, reason="仍可见手机号")
    services.finding_rectify(
        actor=personas["clerk"], finding=finding, evidence="已重新发布脱敏版本", on=DEADLINE
    )
    services.finding_close(actor=personas["office_head"], finding=finding, on=DEADLINE)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.closed_by
    actions = list(
        AuditEvent.objects.filter(object_id=str(finding.pk), object_type="inspections.finding")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "inspection.finding_create",
        "inspection.finding_rectify",
        "inspection.finding_reopen",
        "inspection.finding_rectify",
        "inspection.finding_close",
    ]
    # Running again after closing finds the same problem anew (the text still holds it).
    again = services.inspection_run(actor=personas["clerk"], agency=town, today=DEADLINE)
    assert Finding.objects.filter(run=again, kind=CheckKind.PERSONAL_DATA).count() == 1


def test_scoping(town_run, personas):
    town, run = town_run
    mine = set(selectors.findings_for_user(personas["clerk"]).values_list("pk", flat=True))
    assert mine == set(Finding.objects.filter(agency=town).values_list("pk", flat=True))
    assert not selectors.findings_for_user(personas["sibling_clerk"]).exists()
    assert selectors.findings_for_user(personas["county_office"]).count() == len(mine)
    with pytest.raises(UserError, match="没有权限"):
        services.inspection_run(actor=personas["sibling_clerk"], agency=town, today=RUN_DAY)


def test_dashboard_selectors(town_run, personas, county):
    town, run = town_run
    total = Finding.objects.filter(agency=town).count()
    rows = list(Finding.objects.filter(agency=town).order_by("pk")[:3])
    services.finding_rectify(
        actor=personas["clerk"], finding=rows[0], evidence="已补栏目", on=RUN_DAY
    )
    services.finding_close(actor=personas["office_head"], finding=rows[0], on=RUN_DAY)
    late = datetime.date(2025, 10, 20)
    services.finding_rectify(actor=personas["clerk"], finding=rows[1], evidence="已补栏目", on=late)
    ids = [town.pk, county["sibling"].pk]
    # Before the deadline nothing is overdue; after it every 待整改 is (rows[1] waits for acceptance).
    assert selectors.open_findings_by_agency(ids, today=DEADLINE) == {
        town.pk: (total - 1, 0),
        county["sibling"].pk: (0, 0),
    }
    assert selectors.open_findings_by_agency(ids, today=late)[town.pk] == (total - 1, total - 2)
    fixed = selectors.findings_fixed_on_time(
        ids, datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)
    )
    assert fixed == {town.pk: (1, total), county["sibling"].pk: (0, 0)}


def test_checklist_edit_is_the_county_offices(county, personas):
    checklist = services.checklist_ensure(actor="测试", county=county["town"])
    assert checklist.county == county["county"]
    item = checklist.items.get(kind=CheckKind.CATALOGUE)
    with pytest.raises(UserError, match="没有权限"):
        services.checklist_item_update(
            actor=personas["office_head"], item=item, enabled=True, rectify_days=5, areas="社会救助"
        )
    services.checklist_item_update(
        actor=personas["county_office"],
        item=item,
        enabled=True,
        rectify_days=5,
        areas="社会救助: 低保",
    )
    run = services.inspection_run(actor=personas["clerk"], agency=county["town"], today=RUN_DAY)
    assert list(
        Finding.objects.filter(run=run, kind=CheckKind.CATALOGUE).values_list("key", flat=True)
    ) == ["area:社会救助"]
    assert Finding.objects.get(run=run, kind=CheckKind.CATALOGUE).deadline == datetime.date(
        2025, 10, 9
    )  # 9-26, 9-28, 9-29, 9-30, 10-9
