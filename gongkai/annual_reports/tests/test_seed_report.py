"""`gongkai demo` then `gongkai report` reproduces the seed: 朱阳关镇人民政府's real 2025 report."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.reportformat import formats as F
from gongkai.reportformat.parse_text import parse_text
from gongkai.reportformat.rules import check

# The seed report is kept once, with the checker's tests.
SEED = Path(__file__).parents[2] / "reportformat" / "tests" / "data" / "seed_zhuyangguan_2025.txt"


def normalise(text: str) -> list[str]:
    """Lines with runs of whitespace collapsed to one space, blank lines dropped."""
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def block(lines: list[str], start: str, end: str | None) -> list[str]:
    i = lines.index(start)
    j = lines.index(end) if end else len(lines)
    return lines[i:j]


@pytest.fixture
def demo(db, settings):
    settings.GONGKAI_DEMO = True
    call_command("demo", stdout=io.StringIO())


def report(fmt: str = "txt", agency: str = "朱阳关镇人民政府", year: int = 2025) -> str:
    out = io.StringIO()
    call_command("report", agency=agency, year=year, format=fmt, stdout=out)
    return out.getvalue()


def test_report_txt_matches_the_seed(demo):
    got, want = normalise(report()), normalise(SEED.read_text(encoding="utf-8"))
    headings = [F.section_heading(k) for k in F.SECTION_KEYS]
    for h in headings:
        assert h in got, f"missing section {h}"
    # each of the tables, byte for byte after whitespace normalisation
    for start, end in zip(headings[1:4], headings[2:5], strict=True):
        assert block(got, start, end) == block(want, start, end)
    # the narrative sections and the whole report too
    assert block(got, headings[0], headings[1]) == block(want, headings[0], headings[1])
    # published: the renderer adds the signature (agency, publication date) after section 六
    assert got[-2:] == ["朱阳关镇人民政府", "2026年1月20日"]
    got = got[:-2]
    assert block(got, headings[4], None) == block(want, headings[4], None)
    assert got == want


def test_report_figures_match_the_seed_when_parsed(demo):
    parsed_seed = parse_text(SEED.read_text(encoding="utf-8")).model
    ours = json.loads(report("json"))
    assert ours["table2"] == parsed_seed.to_dict()["table2"]
    assert ours["table3"] == parsed_seed.to_dict()["table3"]
    assert ours["table4"] == parsed_seed.to_dict()["table4"]
    # the narrative's figures (共计 21 条 …) agree with the records: no TEXT_TABLE_MISMATCH
    from gongkai.reportformat.model import from_dict

    assert [f.code for f in check(from_dict(ours)) if f.is_error] == []


def test_section_one_figures_come_from_the_records(demo):
    from gongkai.annual_reports.selectors import section_one_figures
    from gongkai.core.models import Agency

    zyg = Agency.objects.get(name="朱阳关镇人民政府")
    figures = section_one_figures(agency_ids=[zyg.pk], year=2025)
    assert figures.total == 21
    assert dict(figures.by_column) == {"通知公告": 4, "乡村振兴": 7, "公共服务": 6, "组织概况": 4}


def test_every_demo_agency_has_a_balanced_table3(demo):
    from gongkai.annual_reports.selectors import build_model
    from gongkai.core.models import Agency

    for agency in Agency.objects.all():
        for year in (2024, 2025):
            model = build_model(agency, year)
            codes = {f.code for f in check(model)}
            bad = codes & {"T3_BALANCE", "T3_OUTCOME_SUM", "T3_ROW_TOTAL", "T4_BLOCK_TOTAL"}
            assert not bad, (agency.name, year, bad)


def test_docx_and_pdf_need_an_output_file(demo):
    from gongkai.core.errors import UserError

    with pytest.raises((UserError, SystemExit)):
        report("docx")


def test_every_published_demo_report_reads_back_clean(demo):
    """The checker, run on our own published text, finds the same tables and no errors."""
    from gongkai.annual_reports.models import ReportSnapshot

    snapshots = list(ReportSnapshot.objects.all())
    assert len(snapshots) >= 4
    for snapshot in snapshots:
        parsed = parse_text(snapshot.text)
        ours = snapshot.model
        for table in ("table2", "table3", "table4"):
            assert parsed.model.to_dict()[table] == ours[table], (snapshot, table)
        errors = [f.code for f in [*parsed.findings, *check(parsed.model)] if f.is_error]
        assert errors == [], (str(snapshot), errors)
