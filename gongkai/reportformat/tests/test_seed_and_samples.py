"""The real reports: the seed must check clean and re-render identically; hand-broken copies of it
must give exactly the matching findings; each sample must give the findings its defects call for."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from gongkai.reportformat.parse_text import parse_text
from gongkai.reportformat.render_text import render_text

from .helpers import DATA, SEED_WARNINGS, beyond_seed, check_text, codes, section_block, seed_text

HEADINGS = [
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
]


def test_seed_parses_and_checks_clean():
    result, findings = check_text(seed_text())
    m = result.model
    assert beyond_seed(findings) == []
    assert codes(findings) == SEED_WARNINGS and not any(f.is_error for f in findings)
    assert (m.year, m.agency, m.format) == (2025, "朱阳关镇人民政府", "2021")
    assert (m.period_start, m.period_end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert m.fees_yuan == Decimal(0)
    assert set(m.sections) == {"一", "二", "三", "四", "五", "六"}
    assert m.sections["五"].startswith("（一）存在问题")
    assert all(v == 0 for cols in m.table3.values() for v in cols.values())


@pytest.mark.parametrize("start,end", list(zip(HEADINGS, HEADINGS[1:], strict=False)))
def test_seed_tables_render_byte_for_byte(start, end):
    seed = seed_text()
    rendered = render_text(parse_text(seed).model)
    assert section_block(rendered, start, end) == section_block(seed, start, end)


def test_seed_whole_text_round_trips():
    seed = seed_text()
    assert render_text(parse_text(seed).model).strip() == seed.strip()


# -- hand-broken copies of the seed ----------------------------------------------------------
def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_seed_with_one_changed_cell():
    text = _replace_once(
        seed_text(),
        "一、本年新收政府信息公开申请数量\t\t0\t",
        "一、本年新收政府信息公开申请数量\t\t1\t",
    )
    _, findings = check_text(text)
    findings = beyond_seed(findings)
    assert codes(findings) == {"T3_ROW_TOTAL", "T3_BALANCE"}
    balance = next(f for f in findings if f.code == "T3_BALANCE")
    assert balance.location == {"table": 3, "column": "natural_person"}
    assert (balance.expected, balance.found) == (1, 0)
    assert "自然人" in balance.message


def test_seed_with_narrative_count_off_by_one():
    text = _replace_once(seed_text(), "共计 21 条", "共计 22 条")
    _, findings = check_text(text)
    findings = beyond_seed(findings)
    assert [f.code for f in findings] == ["TEXT_TABLE_MISMATCH"]
    f = findings[0]
    assert f.location == {"section": "一"}
    assert (f.expected, f.found) == (22, 21)
    assert "通知公告4条" in f.message and "合计21条" in f.message


def test_seed_with_missing_section():
    seed = seed_text()
    a = seed.index("五、存在的主要问题及改进情况")
    b = seed.index("六、其他需要报告的事项")
    _, findings = check_text(seed[:a] + seed[b:])
    findings = beyond_seed(findings)
    assert [(f.code, f.location) for f in findings] == [("SECTION_MISSING", {"section": "五"})]


def test_seed_with_blank_cell():
    seed = seed_text()
    values = "\t".join(["0"] * 15)
    blanked = "\t".join(["0", "0", "", *["0"] * 12])
    _, findings = check_text(_replace_once(seed, values, blanked))
    findings = beyond_seed(findings)
    assert [(f.code, f.location) for f in findings] == [
        ("CELL_BLANK", {"table": 4, "row": "review", "column": "other"})
    ]


def test_seed_with_blank_table3_cell_skips_sums():
    text = _replace_once(seed_text(), "(七) 总计\t0\t", "(七) 总计\t\t")
    _, findings = check_text(text)
    findings = beyond_seed(findings)
    assert [(f.code, f.location) for f in findings] == [
        ("CELL_BLANK", {"table": 3, "row": "total", "column": "natural_person"})
    ]


# -- the real samples (expectations from reading each file) -----------------------------------
def sample(name: str):
    return check_text((DATA / name).read_text(encoding="utf-8"))


def _at(findings, code):
    return [f.location for f in findings if f.code == code]


def test_sample_02_shanghai_office():
    # Full report; the extraction left "?" in the 本年废止件数 cells of Table 2, and the heading of
    # section 五 was lost. Table 3 and Table 4 balance; the narrative figures (1295 received,
    # 1191 concluded incl. 189 carried over, 208 (17.46%) granted/partly granted, …) match.
    result, findings = sample("02_shanghai-gov-office-2025_FULL.txt")
    m = result.model
    assert (m.year, m.agency) == (2025, "上海市人民政府办公厅")
    assert m.table3["new"]["total"] == 1295 and m.table3["total"]["total"] == 1191
    assert m.table4["suit_after_review"] == {
        "upheld": 6,
        "corrected": 0,
        "other": 9,
        "pending": 7,
        "total": 22,
    }
    assert m.table2["rules"]["issued"] == 22  # "22（其中修订16件）"
    assert codes(findings) == {"CELL_INVALID", "LABEL_NONSTANDARD"}
    assert _at(findings, "CELL_INVALID") == [
        {"table": 2, "row": "rules", "column": "abolished"},
        {"table": 2, "row": "normative", "column": "abolished"},
    ]
    assert _at(findings, "LABEL_NONSTANDARD") == [{"section": "五"}]


def test_sample_05_shuyang_blank_org_columns():
    # Table 3 leaves the five 法人或其他组织 columns blank; the transcription marks rows (三)5 to (五)5
    # as "[inferred 0]" (no published figures); 规范性文件 instead of 行政规范性文件; section 五 uses the
    # variant heading 存在的主要问题及整改措施. 26 applications in text and table; 249 = sum of items.
    result, findings = sample("05_shuyang-fgj-2023_FULL.txt")
    m = result.model
    assert (m.year, m.agency) == (2023, "沭阳县发展和改革局")
    assert m.published_on == datetime.date(2024, 1, 17)
    assert m.table3["new"]["natural_person"] == 26 and m.table3["new"]["commercial"] is None
    assert m.table4["review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert codes(findings) == {"CELL_BLANK", "CELL_INVALID", "LABEL_NONSTANDARD"}
    assert {"table": 3, "row": "new", "column": "commercial"} in _at(findings, "CELL_BLANK")
    assert {"table": 3, "row": "withheld_internal_affairs", "column": "natural_person"} in _at(
        findings, "CELL_INVALID"
    )
    assert _at(findings, "LABEL_NONSTANDARD") == [
        {"section": "五"},
        {"table": 2, "row": "normative"},
    ]


def test_sample_06_partial_reports_what_is_missing():
    # Cut inside Table 3 at row (三)7, whose 总计 cell is cut off; the year comes from the
    # statistics period (2024年1月1日至2024年12月31日).
    result, findings = sample("06_shenzhen-longgang-dept-2024_PARTIAL.txt")
    m = result.model
    assert m.year == 2024 and m.table3["new"]["total"] == 66
    assert _at(findings, "SECTION_MISSING") == [{"section": k} for k in "四五六"]
    blank = _at(findings, "CELL_BLANK")
    assert blank[0] == {"table": 3, "row": "withheld_enforcement_file", "column": "total"}
    assert {"table": 3, "row": "carried_forward"} in blank
    assert codes(findings) == {"SECTION_MISSING", "CELL_BLANK", "LABEL_NONSTANDARD"}


def test_sample_07_cites_the_2019_notice():
    result, findings = sample("07_xixian-taiping-town-2022_PARTIAL.txt")
    assert (result.model.year, result.model.agency) == (2022, "太平镇人民政府")
    # the excerpt ends before any 考核/评议/追究 text; its Table 3 uses half-width brackets
    assert codes(findings) == {
        "SECTION_MISSING",
        "CELL_BLANK",
        "FORMAT_OUTDATED",
        "ART50_CONTENT_MISSING",
        "LABEL_NONSTANDARD",
    }
    assert _at(findings, "SECTION_MISSING") == [{"section": k} for k in "四五六"]
    # None of the three is reported; the message names them as Art. 50(四) does, without "工作工作".
    (art50,) = [f.message for f in findings if f.code == "ART50_CONTENT_MISSING"]
    assert "政府信息公开工作考核、社会评议、责任追究" in art50 and "工作工作" not in art50


def test_sample_09_township_reports_rules():
    # A township with 规章 2/0/2; text breakdown 32 = 1+2+1+6+2+2+1+1+1+1+3+1+9+1; cut in Table 2.
    result, findings = sample("09_taojiang-songmutang-town-2022_PARTIAL.txt")
    assert result.model.agency == "桃江县松木塘镇人民政府"
    assert codes(findings) == {
        "SECTION_MISSING",
        "CELL_BLANK",
        "IMPLAUSIBLE",
        "ART50_CONTENT_MISSING",
    }
    assert _at(findings, "IMPLAUSIBLE") == [{"table": 2, "row": "rules"}]
    assert _at(findings, "CELL_BLANK") == [{"table": 2, "row": "fees_10k_yuan"}]
    assert _at(findings, "SECTION_MISSING") == [{"section": k} for k in "三四五六"]


def test_sample_14_blank_cells():
    # No title or year in the excerpt; Table 3 blank except 总计 (and 自然人 of row 一).
    result, findings = sample("14_xuwen-justice-bureau_PARTIAL_blank-cells.txt")
    m = result.model
    assert m.year is None
    assert (
        m.table3["new"]["natural_person"] == 0
        and m.table3["carried_over"]["natural_person"] is None
    )
    assert m.table3["granted"]["total"] == 0
    blank = _at(findings, "CELL_BLANK")
    assert {"table": 3, "row": "carried_over", "column": "natural_person"} in blank
    assert {"table": 3, "row": "new", "column": "natural_person"} not in blank
    assert codes(findings) == {"SECTION_MISSING", "CELL_BLANK", "LABEL_NONSTANDARD"}


# -- the header: agency and year from the title, else from 统计期限 / the signature -----------------
def _shuyang() -> str:
    return (DATA / "05_shuyang-fgj-2023_FULL.txt").read_text(encoding="utf-8")


def _drop_line(text: str, line: str) -> str:
    assert f"\n{line}\n" in text
    return text.replace(f"\n{line}\n", "\n", 1)


def test_header_from_the_title_line():
    result, _ = sample("05_shuyang-fgj-2023_FULL.txt")
    assert (result.model.agency, result.model.year) == ("沭阳县发展和改革局", 2023)
    assert result.header == {"agency": "title", "year": "title"}


def test_titleless_report_takes_agency_from_signature_and_year_from_the_period():
    # the report's own signature (沭阳县发展和改革局 / 2024年1月17日) and 统计时限 2023年1月1日至…
    text = _drop_line(_shuyang(), "沭阳县发展和改革局2023年政府信息公开年度报告")
    result, findings = check_text(text)
    assert (result.model.agency, result.model.year) == ("沭阳县发展和改革局", 2023)
    assert result.header == {"agency": "signature", "year": "statistics_period"}


def test_a_sentence_that_ends_like_a_title_is_not_the_agency():
    # the old bug: a wrapped line "计期限从…年度报告" gave the agency "计期限从"
    text = _drop_line(_shuyang(), "沭阳县发展和改革局2023年政府信息公开年度报告")
    text = text.replace(
        "一、总体情况", "计期限从2023年起的本机关政府信息公开工作年度报告\n一、总体情况", 1
    )
    result, _ = check_text(text)
    assert result.model.agency == "沭阳县发展和改革局"  # from the signature, not the fragment


def test_no_title_and_no_signature_is_said_in_verdict_and_json(tmp_path, capsys):
    import json

    from gongkai.reportformat.checkcli import main

    text = _drop_line(_shuyang(), "沭阳县发展和改革局2023年政府信息公开年度报告")
    text = _drop_line(text, "沭阳县发展和改革局")  # the signature's agency line
    path = tmp_path / "notitle.txt"
    path.write_text(text, encoding="utf-8")
    main([str(path), "--json"])
    item = json.loads(capsys.readouterr().out)
    assert item["agency"] == "" and item["year"] == 2023
    assert item["header"] == {
        "agency_from": None,
        "year_from": "statistics_period",
        "note": "未能从标题、统计期限或落款中识别出发布机关。",
    }
    assert "未能从标题、统计期限或落款中识别出发布机关" in item["verdict"]


def test_label_warnings_name_their_place():
    # the seed's half-width "(一)予以公开" and 沭阳's "规范性文件": 表 · 行 leads the message
    _, findings = check_text(seed_text())
    msgs = [f.message for f in findings if f.code == "LABEL_NONSTANDARD"]
    assert any(x.startswith("表三 · （一）予以公开：行名写作“(一)予以公开”") for x in msgs)
    _, findings = sample("05_shuyang-fgj-2023_FULL.txt")
    msgs = [f.message for f in findings if f.code == "LABEL_NONSTANDARD"]
    assert any(x.startswith("表二 · 行政规范性文件：行名写作“规范性文件”") for x in msgs)
