"""Agency pages: catalogue filters and paging, the 政府信息公开指南 (office fields, defaults from the law,
fees per 国办函〔2020〕109号), the 政府信息公开制度 column, and the staff form's permissions."""

import datetime
import re

import pytest

from gongkai.core.errors import UserError
from gongkai.core.models import DisclosureGuide
from gongkai.core.services import disclosure_guide_save
from gongkai.portal.selectors import PAGE_SIZE

from .public_world import publish

pytestmark = pytest.mark.django_db


def titles(body: str) -> list[str]:
    return re.findall(r'<li><a href="/publications/\d+/\d+/">([^<]+)</a>', body)


@pytest.fixture
def catalogue(county, personas):
    town = county["town"]
    for i in range(PAGE_SIZE + 3):
        publish(personas, town, title=f"通知{i:02d}", published_on=datetime.date(2025, 3, 1))
    publish(
        personas,
        town,
        title="往年的公示",
        column="公共服务",
        published_on=datetime.date(2024, 5, 6),
    )
    return town


def test_catalogue_pages_and_filters(client, catalogue):
    first = client.get(f"/agencies/{catalogue.pk}/").content.decode()
    assert len(titles(first)) == PAGE_SIZE and "共 24 条" in first
    second = client.get(f"/agencies/{catalogue.pk}/?page=2").content.decode()
    assert len(titles(second)) == 4 and not set(titles(first)) & set(titles(second))
    only_2024 = client.get(f"/agencies/{catalogue.pk}/?year=2024").content.decode()
    assert titles(only_2024) == ["往年的公示"]
    column = catalogue.catalogue_columns.get(name="公共服务")
    by_column = client.get(f"/agencies/{catalogue.pk}/?column={column.pk}").content.decode()
    assert titles(by_column) == ["往年的公示"]
    column_page = client.get(f"/agencies/{catalogue.pk}/columns/{column.pk}/").content.decode()
    assert titles(column_page) == ["往年的公示"]
    # A filter keeps its value when paging.
    assert (
        "?year=2025&amp;page=2"
        in client.get(f"/agencies/{catalogue.pk}/?year=2025").content.decode()
    )


def test_unknown_filter_values_are_ignored_and_other_agencies_columns_refused(
    client, county, catalogue, personas
):
    other = county["sibling"]
    from gongkai.publications.services import catalogue_column_add

    foreign = catalogue_column_add(actor=None, agency=other, name="外单位栏目")
    assert client.get(f"/agencies/{catalogue.pk}/columns/{foreign.pk}/").status_code == 404
    body = client.get(f"/agencies/{catalogue.pk}/?column={foreign.pk}&year=abc&page=x").content
    assert "共 24 条" in body.decode()


def test_guide_defaults_come_from_the_law_and_the_agency(client, county):
    town = county["town"]
    body = client.get(f"/agencies/{town.pk}/guide/").content.decode()
    # Art. 12's contact items are all there, blank ones said to be unpublished (never invented).
    for label in ("办公地址", "办公时间", "联系电话", "传真号码", "互联网联系方式"):
        assert label in body
    assert "本机关尚未公布" in body and town.name in body
    # Art. 33 time limits, Art. 30 补正, Art. 51 remedies with the real parent agency.
    assert "20个工作日内予以答复" in body and "7个工作日内一次性告知" in body
    assert "上一级行政机关（卢氏县人民政府）" in body
    # 国办函〔2020〕109号 figures as the spec lists them: items 11–30 at 100 元, 31–40 at 200 元;
    # pages 31–100 at 10 元, 101–200 at 20 元, from 201 at 40 元.
    assert "<td>第11—30件</td><td>每件100元</td>" in body
    assert "<td>第31—40件</td><td>每件200元</td>" in body
    assert "<td>第1—10件</td><td>免费</td>" in body
    assert "<td>第31—100页</td><td>每页10元</td>" in body
    assert "<td>第101—200页</td><td>每页20元</td>" in body
    assert "<td>第201页以上</td><td>每页40元</td>" in body


def test_guide_shows_what_the_office_saved(client, county, personas):
    town = county["town"]
    disclosure_guide_save(
        actor=personas["clerk"],
        agency=town,
        office_name="朱阳关镇党政办公室",
        address="卢氏县朱阳关镇政府院内",
        postal_code="472200",
        phone="0398-7123456",
        hours="工作日 8:30—12:00，14:30—17:30",
        email="zyg@example.gov.cn",
    )
    body = client.get(f"/agencies/{town.pk}/guide/").content.decode()
    for text in ("朱阳关镇党政办公室", "卢氏县朱阳关镇政府院内", "472200", "tel:0398-7123456"):
        assert text in body
    assert "mailto:zyg@example.gov.cn" in body
    assert "尚未公布办公地址" not in body


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("postal_code", "47220", "邮政编码"),
        ("email", "not-an-email", "电子邮箱"),
        ("phone", "打电话给我", "联系电话"),
        ("unknown", "x", "没有这些项目"),
    ],
)
def test_guide_service_refuses_bad_values_and_writes_nothing(
    county, personas, field, value, message
):
    with pytest.raises(UserError) as caught:
        disclosure_guide_save(actor=personas["clerk"], agency=county["town"], **{field: value})
    assert message in str(caught.value)
    assert not DisclosureGuide.objects.exists()


def test_guide_service_refuses_other_agencies_and_is_audited(county, personas):
    from gongkai.core.audit_models import AuditEvent

    with pytest.raises(UserError):
        disclosure_guide_save(
            actor=personas["sibling_clerk"], agency=county["town"], phone="0398-1"
        )
    disclosure_guide_save(actor=personas["clerk"], agency=county["town"], phone="0398-7123456")
    assert AuditEvent.objects.filter(action="disclosure_guide.save").count() == 1


def test_staff_form_saves_for_the_office_and_is_read_only_for_the_county_office(
    client, county, personas
):
    town = county["town"]
    client.force_login(personas["county_office"])
    assert client.get(f"/staff/guide/?agency={town.pk}").status_code == 200
    refused = client.post("/staff/guide/", {"agency": town.pk, "phone": "0398-7123456"})
    assert refused.status_code == 403 and not DisclosureGuide.objects.exists()
    client.force_login(personas["clerk"])
    bad = client.post("/staff/guide/", {"agency": town.pk, "postal_code": "12"})
    assert bad.status_code == 400 and "邮政编码" in bad.content.decode()
    ok = client.post("/staff/guide/", {"agency": town.pk, "phone": "0398-7123456"})
    assert ok.status_code == 302
    assert DisclosureGuide.objects.get(agency=town).phone == "0398-7123456"
    client.logout()
    assert "0398-7123456" in client.get(f"/agencies/{town.pk}/guide/").content.decode()
    client.force_login(personas["sibling_clerk"])
    assert client.get(f"/staff/guide/?agency={town.pk}").status_code == 404


def test_system_page_lists_the_system_column(client, county, personas):
    town = county["town"]
    empty = client.get(f"/agencies/{town.pk}/system/").content.decode()
    assert "尚未在本网站发布政府信息公开制度" in empty
    publish(personas, town, title="朱阳关镇政府信息公开保密审查制度", column="政府信息公开制度")
    body = client.get(f"/agencies/{town.pk}/system/").content.decode()
    assert "朱阳关镇政府信息公开保密审查制度" in body
