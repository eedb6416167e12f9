"""行政执法和收费统计 staff form (/reports/staff/enforcement/): saves through enforcement_set (audited),
rejects negative and malformed numbers in Chinese with nothing written, and is read-only for 县公开办."""

from decimal import Decimal

import pytest

from gongkai.annual_reports.models import EnforcementStats
from gongkai.core.audit_models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/reports/staff/enforcement/"


def post(client, agency, year=2024, **values):
    data = {"licensing": "3", "penalty": "12", "coercion": "0", "fees_10k_yuan": "1.2345"}
    data.update(values)
    return client.post(URL, {"agency": agency.pk, "year": year, **data})


def test_clerk_saves_and_the_form_shows_the_saved_figures(client, personas, county):
    town = county["town"]
    client.force_login(personas["clerk"])
    page = client.get(URL, {"year": 2024})
    assert page.status_code == 200 and "行政事业性收费（万元）" in page.content.decode()

    response = post(client, town)
    assert response.status_code == 302
    stats = EnforcementStats.objects.get(agency=town, year=2024)
    assert (stats.licensing, stats.penalty, stats.coercion) == (3, 12, 0)
    assert stats.fees_10k_yuan == Decimal("1.2345")
    assert AuditEvent.objects.filter(action="enforcement.set").count() == 1

    body = client.get(response["Location"]).content.decode()
    assert "已保存" in body and 'value="1.2345"' in body and 'value="12"' in body

    # the same figures again: no change, no new audit row
    follow = post(client, town)
    assert follow.status_code == 302
    assert "没有变化" in client.get(follow["Location"]).content.decode()
    assert AuditEvent.objects.filter(action="enforcement.set").count() == 1

    assert post(client, town, fees_10k_yuan="0.5").status_code == 302
    assert EnforcementStats.objects.get(agency=town, year=2024).fees_10k_yuan == Decimal("0.5")
    assert AuditEvent.objects.filter(action="enforcement.set").count() == 2


@pytest.mark.parametrize(
    "values, message",
    [
        ({"licensing": "-1"}, "不能为负数"),
        ({"penalty": "2.5"}, "请填写整数"),
        ({"coercion": ""}, "必填，没有请填 0"),
        ({"fees_10k_yuan": "-0.01"}, "不能为负数"),
        ({"fees_10k_yuan": "1.23456"}, "最多 4 位小数"),
        ({"fees_10k_yuan": "一万"}, "请填写数字"),
    ],
)
def test_bad_numbers_are_rejected_in_chinese_and_nothing_written(
    client, personas, county, values, message
):
    client.force_login(personas["clerk"])
    response = post(client, county["town"], **values)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "未保存" in body
    assert not EnforcementStats.objects.exists()
    assert not AuditEvent.objects.filter(action="enforcement.set").exists()


def test_scope_county_office_reads_only_and_sibling_is_not_found(client, personas, county):
    town, sibling = county["town"], county["sibling"]
    client.force_login(personas["clerk"])
    post(client, town)

    client.force_login(personas["county_office"])
    page = client.get(URL, {"agency": town.pk, "year": 2024})
    assert page.status_code == 200 and "只读" in page.content.decode()
    assert "1.2345" in page.content.decode()
    assert post(client, town, licensing="99").status_code == 403
    assert EnforcementStats.objects.get(agency=town, year=2024).licensing == 3

    client.force_login(personas["clerk"])
    assert client.get(URL, {"agency": sibling.pk}).status_code == 404
    assert post(client, sibling).status_code == 404
    assert not EnforcementStats.objects.filter(agency=sibling).exists()
    assert client.get(URL, {"year": 1990}).status_code == 404
