"""appeal_register / appeal_record_result and the staff pages under /appeals/staff/."""

import datetime
import re

import pytest
import time_machine

from gongkai.appeals import services
from gongkai.appeals.models import Appeal
from gongkai.applications.tests.factories import register
from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import UserError

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=False):
        yield


def counts():
    return (Appeal.objects.count(), AuditEvent.objects.count())


def new(personas, county, **kw):
    values = dict(
        actor=personas["clerk"],
        agency=county["town"],
        number="FY-1",
        kind="review",
        filed_on=D("2025-06-10"),
    )
    values.update(kw)
    return services.appeal_register(**values)


def test_register_and_record_result_are_audited(county, personas):
    app = register(personas["clerk"], county["town"], received="2025-05-06")
    appeal = new(personas, county, application=app)
    assert (appeal.result, appeal.closed_on, appeal.application) == ("pending", None, app)
    services.appeal_record_result(
        actor=personas["clerk"], appeal=appeal, result="corrected", closed_on=D("2025-08-20")
    )
    appeal.refresh_from_db()
    assert (appeal.result, appeal.closed_on) == ("corrected", D("2025-08-20"))
    actions = list(
        AuditEvent.objects.filter(object_type="appeals.appeal").values_list("action", flat=True)
    )
    assert actions == ["appeal.register", "appeal.record_result"]
    last = AuditEvent.objects.get(action="appeal.record_result")
    assert last.old == {"result": "pending", "closed_on": None}


@pytest.mark.parametrize(
    "kw, problem",
    [
        ({"number": " "}, "编号：必填"),
        ({"kind": "复议"}, "类型：应为行政复议、直接起诉或复议后起诉"),
        ({"filed_on": None}, "立案日期：必填"),
        ({"filed_on": D("2025-12-11")}, "立案日期：不能晚于今天"),
    ],
)
def test_register_bad_input(county, personas, kw, problem):
    before = counts()
    with pytest.raises(UserError) as exc:
        new(personas, county, **kw)
    assert problem in exc.value.problems
    assert counts() == before


def test_register_duplicate_and_foreign_application_and_read_only(county, personas):
    new(personas, county)
    foreign = register(personas["sibling_clerk"], county["sibling"], received="2025-05-06")
    before = counts()
    with pytest.raises(UserError) as exc:
        new(personas, county)
    assert "编号：FY-1 已存在" in exc.value.problems
    with pytest.raises(UserError) as exc:
        new(personas, county, number="FY-2", application=foreign)
    assert "关联申请：应为本机关的申请" in exc.value.problems
    for who in ("county_office", "sibling_clerk"):
        with pytest.raises(UserError, match="无权"):
            new(personas, county, actor=personas[who], number="FY-3")
    assert counts() == before


@pytest.mark.parametrize(
    "result, closed, problem",
    [
        ("upheld", "2025-06-09", "结案日期：不能早于立案日期（2025-06-10）"),
        ("upheld", None, "结案日期：记录结果时必填"),
        ("pending", "2025-08-01", "结果：应为维持、纠正或其他"),
        ("other", "2025-12-11", "结案日期：不能晚于今天"),
    ],
)
def test_record_result_bad_input(county, personas, result, closed, problem):
    appeal = new(personas, county)
    before = counts()
    with pytest.raises(UserError) as exc:
        services.appeal_record_result(
            actor=personas["clerk"],
            appeal=appeal,
            result=result,
            closed_on=D(closed) if closed else None,
        )
    assert problem in exc.value.problems
    assert counts() == before
    appeal.refresh_from_db()
    assert (appeal.result, appeal.closed_on) == ("pending", None)


def test_record_result_read_only(county, personas):
    appeal = new(personas, county)
    with pytest.raises(UserError, match="无权"):
        services.appeal_record_result(
            actor=personas["county_office"],
            appeal=appeal,
            result="upheld",
            closed_on=D("2025-08-01"),
        )


# ---------------------------------------------------------------------------------------------
# Pages


def test_pages_scoped_and_county_office_read_only(client, county, personas):
    own = new(personas, county)
    sibling = new(personas, county, actor=personas["sibling_clerk"], agency=county["sibling"])
    for role in ("clerk", "office_head", "leader", "county_office", "admin"):
        client.force_login(personas[role])
        assert client.get(f"/appeals/staff/{own.pk}/").status_code == 200, role
        listing = client.get("/appeals/staff/").content.decode()
        assert f"/appeals/staff/{own.pk}/" in listing
    client.force_login(personas["clerk"])
    assert client.get(f"/appeals/staff/{sibling.pk}/").status_code == 404
    assert f"/appeals/staff/{sibling.pk}/" not in client.get("/appeals/staff/").content.decode()
    before = counts()
    r = client.post(
        f"/appeals/staff/{sibling.pk}/result/", {"result": "upheld", "closed_on": "2025-08-01"}
    )
    assert r.status_code == 404
    client.force_login(personas["county_office"])
    html = client.get(f"/appeals/staff/{own.pk}/").content.decode()
    assert '<form method="post"' not in html and "只读" in html
    r = client.post(
        f"/appeals/staff/{own.pk}/result/", {"result": "upheld", "closed_on": "2025-08-01"}
    )
    assert r.status_code == 403 and "只读" in r.content.decode()
    r = client.post(
        "/appeals/staff/register/",
        {"agency": county["town"].pk, "number": "X", "kind": "review", "filed_on": "2025-06-01"},
    )
    assert r.status_code == 403
    assert counts() == before


def test_register_and_close_through_the_pages(client, county, personas):
    app = register(personas["clerk"], county["town"], received="2025-05-06", number="A-7")
    client.force_login(personas["clerk"])
    data = {
        "agency": county["town"].pk,
        "number": "FY-9",
        "kind": "review",
        "filed_on": "2025-06-10",
        "application_number": "A-404",
    }
    before = counts()
    r = client.post("/appeals/staff/register/", data)
    assert r.status_code == 400
    assert re.search(
        r'id="application_number-error">本机关没有编号为“A-404”的申请', r.content.decode()
    )
    r = client.post(
        "/appeals/staff/register/", {**data, "filed_on": "2025-12-11", "application_number": ""}
    )
    assert r.status_code == 400
    assert re.search(r'id="filed_on-error">不能晚于今天', r.content.decode())
    assert counts() == before
    r = client.post("/appeals/staff/register/", {**data, "application_number": "A-7"})
    appeal = Appeal.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/appeals/staff/{appeal.pk}/"
    assert appeal.application == app
    before = counts()
    r = client.post(f"/appeals/staff/{appeal.pk}/result/", {"result": "upheld", "closed_on": ""})
    assert r.status_code == 400
    assert re.search(r'id="closed_on-error">记录结果时必填', r.content.decode())
    r = client.post(
        f"/appeals/staff/{appeal.pk}/result/", {"result": "upheld", "closed_on": "2025-06-01"}
    )
    assert r.status_code == 400 and "不能早于立案日期（2025-06-10）" in r.content.decode()
    assert counts() == before
    r = client.post(
        f"/appeals/staff/{appeal.pk}/result/", {"result": "upheld", "closed_on": "2025-08-20"}
    )
    assert r.status_code == 302
    html = client.get(f"/appeals/staff/{appeal.pk}/").content.decode()
    assert re.search(r'data-field="result">维持<', html)
    assert re.search(r'data-field="closed_on">2025-08-20<', html)


def test_admin_is_read_only(client, county, personas):
    appeal = new(personas, county)
    client.force_login(personas["clerk"])
    assert client.get("/admin/appeals/appeal/add/").status_code == 403
    html = client.get(f"/admin/appeals/appeal/{appeal.pk}/change/").content.decode()
    assert 'name="number"' not in html
    r = client.post(f"/admin/appeals/appeal/{appeal.pk}/delete/", {"post": "yes"})
    assert r.status_code == 403 and Appeal.objects.filter(pk=appeal.pk).exists()
