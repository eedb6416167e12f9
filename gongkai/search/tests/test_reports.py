"""Published annual reports are found by their text; a 更正 replaces the earlier revision's text;
an unpublished report is never found."""

import pytest

from gongkai.annual_reports import services
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.tests.test_lifecycle import at, fill_narrative, review_and_publish
from gongkai.search.backends import SearchFilters
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import search
from gongkai.search.services import index_report_snapshot

from .corpus import publish

pytestmark = pytest.mark.django_db
REPORTS = SearchFilters(kind="annual_report")


def test_latest_published_report_revision_is_found(county, personas):
    town = county["town"]
    publish(town, title="朱阳关镇2025年乡村振兴项目公示", column="乡村振兴")
    services.enforcement_set(actor="测试", agency=town, year=2025, licensing=0)
    fill_narrative(town, 2025)
    assert search("年度报告", REPORTS).total == 0  # a draft is not indexed
    snapshot = review_and_publish(town, 2025, personas, at(2026, 1, 10))
    index_report_snapshot(snapshot)
    hits = search("政府信息公开 年度报告", REPORTS).hits
    assert [h.url for h in hits] == [f"/reports/{town.pk}/2025/"]
    assert "<mark>公开形式单一</mark>" in search("公开形式单一", REPORTS).hits[0].snippet_html

    report = AnnualReport.objects.get(agency=town, year=2025)
    services.report_revise(actor=personas["clerk"], report=report, reason="更正错别字")
    services.narrative_save(
        actor="测试",
        agency=town,
        year=2025,
        section1=report.snapshots.get().narrative["一"],
        section5="（一）存在问题\n宣传渠道不够丰富。\n（二）整改措施\n拓展政务新媒体。",
        section6=report.snapshots.get().narrative["六"],
    )
    revised = review_and_publish(town, 2025, personas, at(2026, 1, 20), note="更正第五部分")
    index_report_snapshot(snapshot)  # called with the old one: the latest revision is indexed
    assert SearchEntry.objects.filter(kind="annual_report").count() == 1
    assert search("公开形式单一", REPORTS).total == 0
    assert search("政务新媒体", REPORTS).total == 1
    assert revised.revision == 1
