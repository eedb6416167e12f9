"""HTML, DOCX, PDF, JSON outputs of a report with non-zero tables, and the 图解 page."""

import io
import json
import re

import pytest
from django.core.management import call_command

from gongkai.core.models import Agency


@pytest.fixture
def demo(db, settings):
    settings.GONGKAI_DEMO = True
    call_command("demo", stdout=io.StringIO())


def write(tmp_path, agency, year, fmt):
    path = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        agency=agency,
        year=year,
        format=fmt,
        output=str(path),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return path


def expected(agency, year):
    out = io.StringIO()
    call_command("report", agency=agency, year=year, format="json", stdout=out)
    return json.loads(out.getvalue())


def test_pdf_has_selectable_chinese_text_and_three_tables(demo, tmp_path):
    from pypdf import PdfReader

    path = write(tmp_path, "卢氏县人民政府", 2025, "pdf")
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    flat = re.sub(r"\s+", "", text)
    assert "卢氏县人民政府2025年政府信息公开工作年度报告" in flat
    for label in (
        "第二十条第（一）项",
        "行政规范性文件",
        "本年新收政府信息公开申请数量",
        "结转下年度继续办理",
        "行政复议",
        "复议后起诉",
    ):
        assert label in flat, label
    model = expected("卢氏县人民政府", 2025)
    assert model["table3"]["new"]["total"] > 0
    assert str(model["table3"]["new"]["total"]) in text


def test_docx_holds_the_tables(demo, tmp_path):
    import docx

    model = expected("卢氏县人民政府", 2025)
    document = docx.Document(str(write(tmp_path, "卢氏县人民政府", 2025, "docx")))
    cells = [[c.text.strip() for c in row.cells] for t in document.tables for row in t.rows]
    flat = " ".join(" ".join(r) for r in cells)
    assert len(document.tables) >= 3
    assert "行政规范性文件" in flat and "本年新收政府信息公开申请数量" in flat
    new_row = next(r for r in cells if any("本年新收" in c for c in r))
    assert new_row[-1] == str(model["table3"]["new"]["total"])
    assert str(model["table2"]["normative"]["issued"]) in flat


def test_portal_page_has_real_tables_and_downloads(demo, client):
    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    page = client.get(f"/reports/{zyg.pk}/2025/").content.decode()
    assert page.count("<table") >= 3 and "第二十条第（一）项" in page
    assert "数据与台账核对无误" not in page  # review notes stay internal
    for fmt, kind in (
        ("pdf", "application/pdf"),
        ("docx", "wordprocessingml"),
        ("txt", "text/plain"),
        ("json", "application/json"),
        ("html", "text/html"),
    ):
        response = client.get(f"/reports/{zyg.pk}/2025/report.{fmt}")
        assert response.status_code == 200 and kind in response["Content-Type"], fmt
    assert json.loads(client.get(f"/reports/{zyg.pk}/2025/report.json").content)["year"] == 2025


def test_tujie_page_is_accessible_and_printable(demo, client):
    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    page = client.get(f"/reports/{zyg.pk}/2025/tujie/").content.decode()
    svgs = re.findall(r"<svg[^>]*>", page)
    assert len(svgs) >= 4  # applicants, outcomes, columns, year-on-year (2024 is published)
    for svg in svgs:
        assert 'role="img"' in svg and "aria-label=" in svg
    assert page.count('<table class="chart-data"') == len(svgs)
    assert "@media print" in page
    assert "通知公告 4条" in page and "<td>7</td>" in page  # 乡村振兴 7
    assert "2024年" in page and "2025年" in page  # year on year


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "message"), [(2031, "2031 年还没有到"), (2005, "早于")])
def test_report_command_refuses_years_without_a_report(year, message, capsys):
    call_command("demo")
    with pytest.raises(SystemExit) as exit_info:
        call_command("report", agency="朱阳关镇人民政府", year=year, format="txt")
    assert exit_info.value.code == 1 and message in capsys.readouterr().err
