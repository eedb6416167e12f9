"""Model shape, JSON Schema, every rule on a hand-broken model, narrative extraction and drafting."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.reportformat import formats as F
from gongkai.reportformat.findings import RULE_CODES
from gongkai.reportformat.model import empty_model, from_dict, to_dict
from gongkai.reportformat.narrative import (
    draft_section_one_proactive,
    draft_section_one_requests,
    draft_section_six_fees,
    extract_fees_yuan,
)
from gongkai.reportformat.rules import check
from gongkai.reportformat.sample import sample_model
from gongkai.reportformat.schema import schema_json

SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "annual-report-model.schema.json"


def test_empty_model_has_every_cell_zero_and_spec_shape():
    d = to_dict(empty_model(2025, "朱阳关镇人民政府"))
    assert d["table2"] == {
        "rules": {"issued": 0, "abolished": 0, "in_force": 0},
        "normative": {"issued": 0, "abolished": 0, "in_force": 0},
        "licensing": 0,
        "penalty": 0,
        "coercion": 0,
        "fees_10k_yuan": "0",
    }
    assert list(d["table3"]) == [r.code for r in F.TABLE3_ROWS_2021]
    assert list(d["table3"]["new"]) == [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ]
    assert d["table4"]["suit_after_review"] == dict.fromkeys(
        ["upheld", "corrected", "other", "pending", "total"], 0
    )
    assert d["statistics_period"] == {"start": "2025-01-01", "end": "2025-12-31"}


def test_to_dict_from_dict_round_trip_and_decimal_string():
    m = sample_model(7)
    m.table2["fees_10k_yuan"] = Decimal("4068.208")
    d = to_dict(m)
    assert d["table2"]["fees_10k_yuan"] == "4068.208"
    assert from_dict(json.loads(json.dumps(d, ensure_ascii=False))) == m


def test_schema_file_is_current_and_validates_models():
    jsonschema = pytest.importorskip("jsonschema")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json()
    schema = json.loads(schema_json())
    jsonschema.Draft202012Validator.check_schema(schema)
    for m in (
        empty_model(2025, "某镇人民政府"),
        sample_model(1),
        empty_model(2019, "某局", "2019"),
    ):
        jsonschema.validate(to_dict(m), schema)
    bad = to_dict(sample_model(2))
    bad["table3"]["new"]["total"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


@pytest.mark.parametrize("seed", range(20))
def test_sample_models_are_clean(seed):
    assert check(sample_model(seed)) == []


# -- every rule on a hand-broken model ------------------------------------------------------------
def _break_balance(m):
    m.table3["carried_forward"]["commercial"] += 1
    m.table3["carried_forward"]["total"] += 1


def _outcome_sum(m):
    # the row stays consistent (its 总计 moves too); the column sum does not.
    m.table3["granted"]["research"] += 2
    m.table3["granted"]["total"] += 2


def _row_total(m):
    # swap one applicant cell between two rows: columns still add up, the two rows do not.
    g, p = m.table3["granted"], m.table3["partial"]
    col = next(c for c in F.T3_APPLICANT_COLUMNS if g[c] != p[c])
    g[col], p[col] = p[col], g[col]


def _set(path, value):
    def f(m):
        obj = m
        for k in path[:-1]:
            obj = getattr(obj, k) if isinstance(k, str) and hasattr(obj, k) else obj[k]
        obj[path[-1]] = value

    return f


def _attr(name, value):
    return lambda m: setattr(m, name, value)


BROKEN = [
    ("T3_BALANCE", {"table": 3, "column": "commercial"}, _break_balance, {}),
    ("T3_OUTCOME_SUM", {"table": 3, "row": "total", "column": "research"}, _outcome_sum, {}),
    ("T3_ROW_TOTAL", {"table": 3, "row": "granted", "column": "total"}, _row_total, {}),
    (
        "T4_BLOCK_TOTAL",
        {"table": 4, "row": "suit_direct", "column": "total"},
        lambda m: m.table4["suit_direct"].__setitem__(
            "total", m.table4["suit_direct"]["total"] + 3
        ),
        {},
    ),
    ("CELL_BLANK", {"table": 2, "row": "licensing"}, _set(("table2", "licensing"), None), {}),
    (
        "CELL_INVALID",
        {"table": 4, "row": "review", "column": "upheld"},
        _set(("table4", "review", "upheld"), -2),
        {},
    ),
    ("SECTION_MISSING", {"section": "六"}, lambda m: m.sections.pop("六"), {}),
    (
        "TEXT_TABLE_MISMATCH",
        {"section": "六"},
        lambda m: m.sections.__setitem__("六", "本年度收取信息处理费 999 元。"),
        {},
    ),
    (
        "FORMAT_OUTDATED",
        {"section": "一"},
        lambda m: m.sections.__setitem__(
            "一", m.sections["一"] + "\n根据国办公开办函〔2019〕60号编制。"
        ),
        {},
    ),
    (
        "CROSS_YEAR",
        {"table": 3, "row": "carried_over", "column": "natural_person"},
        None,
        {"previous": "shifted"},
    ),
    (
        "LATE",
        {"field": "published_on"},
        _attr("published_on", datetime.date(2026, 3, 2)),
        {"deadline": datetime.date(2026, 1, 31)},
    ),
    ("LABEL_NONSTANDARD", None, None, {}),  # parser-only: see test_parsers
    (
        "IMPLAUSIBLE",
        {"table": 2, "row": "rules"},
        _set(("table2", "rules", "issued"), 2),
        {"may_make_rules": False},
    ),
    (
        "PERIOD_MISMATCH",
        {"field": "statistics_period"},
        _attr("period_start", datetime.date(2024, 12, 1)),
        {},
    ),
    (
        "FEE_STATEMENT_MISSING",
        {"section": "六"},
        lambda m: m.sections.__setitem__("六", "本报告所列数据的统计期限为全年。"),
        {},
    ),
    (
        "ART50_CONTENT_MISSING",
        {"section": "一"},
        lambda m: m.sections.__setitem__("一", "（一）主动公开情况\n按规定主动公开政府信息。"),
        {},
    ),
    (
        "REGULATION_NAME_WRONG",
        {"section": "六"},
        lambda m: m.sections.__setitem__(
            "六", m.sections["六"] + "\n依照《政府信息公开处理费管理办法》执行。"
        ),
        {},
    ),
]


def test_every_rule_is_covered():
    assert {code for code, *_ in BROKEN} == set(RULE_CODES)


@pytest.mark.parametrize(
    "code,location,breaker,kwargs", [b for b in BROKEN if b[1]], ids=[b[0] for b in BROKEN if b[1]]
)
def test_rule_fires_on_broken_model(code, location, breaker, kwargs):
    m = sample_model(11)
    m.sections["一"] = (  # no figures to contradict; the Art. 50(四) content a government reports
        "（一）主动公开情况\n按规定主动公开政府信息。\n"
        "将政府信息公开工作纳入绩效考核，接受社会评议，落实责任追究。"
    )
    kwargs = dict(kwargs)
    if kwargs.get("previous") == "shifted":
        prev = sample_model(12, year=2024)
        prev.table3["carried_forward"]["natural_person"] = (
            m.table3["carried_over"]["natural_person"] + 1
        )
        prev.table3["new"] = dict(m.table3["new"])
        kwargs["previous"] = prev
    if breaker:
        breaker(m)
    findings = check(m, **kwargs)
    assert location in [f.location for f in findings if f.code == code]
    assert {f.code for f in findings} == {code}
    f = next(f for f in findings if f.code == code)
    warnings = ("IMPLAUSIBLE", "PERIOD_MISMATCH", "ART50_CONTENT_MISSING", "REGULATION_NAME_WRONG")
    assert f.severity == ("warning" if code in warnings else "error")
    assert f.title and f.fix and f.place  # a clerk's title, place and fix for every rule
    assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message)


def test_implausible_yoy_jump_and_fee_unit():
    prev, m = sample_model(1, year=2024), sample_model(1)
    prev.table3["new"]["total"] = 10
    m.table3["new"]["total"] = 80
    m.table2["fees_10k_yuan"] = Decimal(35000)
    locs = [f.location for f in check(m, previous=prev) if f.code == "IMPLAUSIBLE"]
    assert {"table": 3, "row": "new", "column": "total"} in locs
    assert {"table": 2, "row": "fees_10k_yuan"} in locs


def test_blank_cells_never_break_arithmetic():
    m = sample_model(3)
    for cols in m.table3.values():
        cols["commercial"] = None
    m.table4["review"]["total"] = None
    found = {f.code for f in check(m)}
    assert found == {"CELL_BLANK"}


# -- narrative -----------------------------------------------------------------------------------
def test_draft_proactive_matches_seed_sentence():
    assert draft_section_one_proactive(
        21, [("通知公告", 4), ("乡村振兴信息", 7), ("公共服务信息", 6), ("组织概况信息", 4)]
    ) == (
        "全年通过不同渠道和方式主动公开政府信息共计 21 条，包括通知公告 4 条、乡村振兴信息 7 条、"
        "公共服务信息 6 条、组织概况信息 4 条。"
    )


def test_draft_requests_none_received():
    m = empty_model(2025, "朱阳关镇人民政府")
    assert draft_section_one_requests(m) == (
        "截至 2025 年 12 月 31 日，未收到公民、法人或其他组织要求公开政府信息的申请。"
    )


def test_narrative_percentages_and_received():
    m = sample_model(5)
    new, done = m.table3["new"]["total"], m.table3["total"]["total"]
    granted = m.table3["granted"]["total"]
    assert granted and done
    wrong = (Decimal(granted) * 100 / done + 5).quantize(Decimal("0.01"))
    m.sections["一"] = (
        f"全年共受理政府信息公开申请{new + 1}件，办结{done}件，"
        f"其中予以公开{granted}件（{wrong}%）。"
    )
    found = [(f.expected, f.found) for f in check(m) if f.code == "TEXT_TABLE_MISMATCH"]
    assert found[0] == (new, new + 1)
    assert found[1][1] == f"{wrong}%"
    assert len(found) == 2


def test_not_received_contradicts_table():
    m = sample_model(5)
    m.sections["一"] = "本年度未收到公民、法人或其他组织要求公开政府信息的申请。"
    assert [f.code for f in check(m) if f.is_error] == ["TEXT_TABLE_MISMATCH"]


@pytest.mark.parametrize(
    "text,value",
    [
        ("2025年度本机关未收取信息公开处理费。", Decimal(0)),
        ("截至目前未发出政府信息公开处理费收费通知书，不存在收取信息处理费的情况。", Decimal(0)),
        ("本年度收取信息处理费 120 元。", Decimal(120)),
        ("本年度无其他需要报告的事项。", None),
    ],
)
def test_extract_fees(text, value):
    assert extract_fees_yuan(text) == value


def test_draft_fees_reads_back():
    assert extract_fees_yuan(draft_section_six_fees(0)) == 0
    assert extract_fees_yuan(draft_section_six_fees(Decimal(45))) == Decimal(45)


def test_late_message_writes_dates_without_zero_padding():
    """WALKTHROUGH 21: 2026年2月10日, not 2026年02月10日 (the seed's own dating style)."""
    import datetime as _dt

    from gongkai.reportformat.model import AnnualReport as _Report
    from gongkai.reportformat.rules import check_late

    report = _Report(year=2025, agency="朱阳关镇人民政府")
    report.published_on = _dt.date(2026, 2, 10)
    (finding,) = check_late(report, _dt.date(2026, 1, 31))
    assert "报告于 2026年2月10日 发布，晚于发布期限 2026年1月31日（逾期 10 天）" in finding.message
