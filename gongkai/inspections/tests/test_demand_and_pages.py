import datetime

import pytest
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.inspections import demand, services
from gongkai.inspections.models import Finding
from gongkai.publications.models import Publication
from gongkai.search.models import FailedQuery


def test_repeated_requests_group_by_shared_keywords_without_personal_data():
    contents = [
        "申请公开朱阳关镇2024年危房改造补助名单",
        "请提供危房改造补助对象名单及标准",
        "申请公开王家村土地征收补偿标准",
    ]
    groups = demand.group_requests(contents, private={"王家村"})
    assert len(groups) == 1
    words, n = groups[0]
    assert n == 2
    assert "补助" in words and "名单" in words
    assert "王家村" not in "".join(w for g in groups for w in g[0])


def ask(agency, question, name, contact, kind="consult"):
    from gongkai.consultations.services import consultation_submit_online

    consultation, _secret = consultation_submit_online(
        agency=agency,
        kind=kind,
        question=question,
        name=name,
        contact=contact,
        consent_publish=False,
    )
    return consultation


SIMILAR = [
    ("我是张桂芳，想问危房改造补助什么时候发放？电话13937810001", "张桂芳", "13937810001"),
    ("危房改造补助的申请条件和补助标准是什么？", "刘志强", "0398-7000002"),
    ("请问今年危房改造补助发放标准，我的身份证号11010519491231002X", "孙丽娟", "13937810003"),
]


def test_similar_consultations_are_one_topic_without_personal_data(client, county, personas):
    for question, name, contact in SIMILAR:
        ask(county["town"], question, name, contact)
    ask(
        county["town"],
        "镇政府网站的通知公告栏目很久没有更新。",
        "周建华",
        "13937810004",
        "complaint",
    )
    ask(county["sibling"], "危房改造补助什么时候发放？", "吴海燕", "13937810005")
    today = datetime.date.today()
    topics = demand.consult_topics(county["town"], today - datetime.timedelta(days=30), today)
    assert [t.count for t in topics] == [3]
    assert "补助" in topics[0].keywords  # shared by all three; no name, number or stop word

    client.force_login(personas["clerk"])
    html = client.get(reverse("inspections:demand")).content.decode()
    consult = html[html.index("3 条咨询投诉涉及") - 300 :]
    assert "补助" in consult
    private = [name for _, name, _ in SIMILAR] + [contact for _, _, contact in SIMILAR]
    private += ["11010519491231002X", "周建华", "吴海燕", "13937810004"]
    assert [p for p in private if p in html] == []


@pytest.mark.django_db
def test_demand_page_and_one_step_draft(client, county, personas):
    FailedQuery.objects.create(
        query="秸秆禁烧补贴", day=datetime.date.today(), agency=county["town"], times=7
    )
    client.force_login(personas["clerk"])
    page = client.get(reverse("inspections:demand"))
    assert page.status_code == 200 and "秸秆禁烧补贴" in page.content.decode()
    response = client.post(
        reverse("inspections:demand_draft"),
        {
            "agency": county["town"].pk,
            "topic": "秸秆禁烧补贴",
            "kind": "interpretation",
            "source": "failed_search",
        },
    )
    draft = Publication.objects.get(agency=county["town"], title="关于秸秆禁烧补贴的政策解读")
    assert response.status_code == 302 and draft.column.name == "政策解读"
    assert draft.status == "draft"
    client.force_login(personas["sibling_clerk"])
    refused = client.post(
        reverse("inspections:demand_draft"),
        {
            "agency": county["town"].pk,
            "topic": "x",
            "kind": "publication",
            "source": "failed_search",
        },
    )
    assert refused.status_code == 404


def test_request_contents_never_reach_the_page(client, county, personas):
    for number, name in (("2025-1", "李四"), ("2025-2", "赵六")):
        Application.objects.create(
            agency=county["town"],
            number=number,
            applicant_type="natural_person",
            applicant_name=name,
            received_on=datetime.date.today(),
            content=f"{name}申请公开危房改造补助名单 13800138000",
        )
    client.force_login(personas["office_head"])
    html = client.get(reverse("inspections:demand")).content.decode()
    assert "危房" in html
    assert "李四" not in html and "赵六" not in html and "13800138000" not in html


def test_finding_pages_scoped_and_actions(client, county, personas):
    run = services.inspection_run(
        actor=personas["clerk"], agency=county["town"], today=datetime.date(2025, 9, 25)
    )
    finding = Finding.objects.filter(run=run).first()
    client.force_login(personas["sibling_clerk"])
    assert client.get(reverse("inspections:finding", args=[finding.pk])).status_code == 404
    client.force_login(personas["clerk"])
    assert client.get(reverse("inspections:findings") + "?show=overdue").status_code == 200
    bad = client.post(
        reverse("inspections:finding_step", args=[finding.pk, "rectify"]), {"evidence": ""}
    )
    assert bad.status_code == 400
    ok = client.post(
        reverse("inspections:finding_step", args=[finding.pk, "rectify"]),
        {"evidence": "已增设栏目"},
    )
    assert ok.status_code == 302
    refused = client.post(reverse("inspections:finding_step", args=[finding.pk, "close"]))
    assert refused.status_code == 403
    client.force_login(personas["county_office"])
    assert (
        client.post(reverse("inspections:finding_step", args=[finding.pk, "close"])).status_code
        == 302
    )
    finding.refresh_from_db()
    assert finding.status == "closed"
    assert client.get(reverse("inspections:checklist")).status_code == 200


def test_demo_load_builds_open_and_closed_findings(county, personas):
    from gongkai.inspections import demo

    demo.load(today=datetime.date(2025, 11, 20))
    statuses = set(Finding.objects.values_list("status", flat=True))
    assert {"open", "rectified", "closed"} <= statuses
