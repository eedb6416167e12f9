import io

import pytest
from django.core.management import call_command

from gongkai.annual_reports.models import AnnualReport
from gongkai.publications.models import Publication


@pytest.fixture
def demo(db, settings):
    settings.GONGKAI_DEMO = True
    call_command("demo", stdout=io.StringIO())


def test_admin_pages_render_with_downloads_findings_and_differences(demo, admin_client):
    for url in (
        "/admin/annual_reports/annualreport/",
        "/admin/publications/publication/",
        "/admin/publications/normativedocument/",
        "/admin/annual_reports/reportsnapshot/",
        "/admin/annual_reports/enforcementstats/",
        "/admin/annual_reports/reportnarrative/",
    ):
        assert admin_client.get(url).status_code == 200, url
    revised = AnnualReport.objects.get(agency__name="卢氏县自然资源局", year=2024)
    page = admin_client.get(f"/admin/annual_reports/annualreport/{revised.pk}/change/")
    text = page.content.decode()
    assert page.status_code == 200 and "已发布PDF" in text and "草稿DOCX" in text
    assert "当前记录与已发布版本一致" in text
    item = Publication.objects.filter(status="first_review").first()
    page = admin_client.get(f"/admin/publications/publication/{item.pk}/change/")
    assert page.status_code == 200


def test_staff_download_of_a_live_draft(demo, client):
    from gongkai.core.models import User

    client.force_login(User.objects.get(username="zrj_xxy"))
    report = AnnualReport.objects.get(agency__name="卢氏县自然资源局", year=2025)
    response = client.get(f"/reports/{report.agency_id}/2025/draft.docx?live=1")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    client.force_login(User.objects.get(username="gdk_xxy"))  # another township's clerk
    assert client.get(f"/reports/{report.agency_id}/2025/draft.docx?live=1").status_code == 404
