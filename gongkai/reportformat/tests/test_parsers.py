"""Renderers and parsers: one model through .txt, .html, .docx and .pdf comes back the same; the
readers cope with what published reports look like (page chrome, spans, &nbsp;, full-width digits,
wrapped labels, old labels, the 2019 layout)."""

from __future__ import annotations

import datetime
import re

import pytest

from gongkai.reportformat.findings import dedupe
from gongkai.reportformat.model import empty_model, to_dict
from gongkai.reportformat.parse import parse_bytes, parse_file
from gongkai.reportformat.parse_html import parse_html
from gongkai.reportformat.parse_text import parse_text
from gongkai.reportformat.render_docx import render_docx
from gongkai.reportformat.render_html import render_html_document, render_html_fragment
from gongkai.reportformat.render_text import render_text
from gongkai.reportformat.rules import check
from gongkai.reportformat.sample import sample_model

from .helpers import beyond_seed, check_text, codes, seed_text


def _model():
    m = sample_model(21)
    m.published_on = datetime.date(2026, 1, 20)
    return m


def _comparable(m, *, squash_space=False):
    d = to_dict(m)
    if squash_space:
        d["sections"] = {k: re.sub(r"\s+", "", v) for k, v in d["sections"].items()}
        d["preamble"] = re.sub(r"\s+", "", d["preamble"])
    return d


def _render_pdf(m):
    pytest.importorskip("weasyprint")
    from gongkai.reportformat.render_pdf import render_pdf

    return render_pdf(m)


@pytest.mark.parametrize("kind", ["txt", "html", "docx", "pdf"])
def test_round_trip_through_every_format(kind, tmp_path):
    m = _model()
    data = {
        "txt": lambda: render_text(m).encode("utf-8"),
        "html": lambda: render_html_document(m).encode("utf-8"),
        "docx": lambda: render_docx(m),
        "pdf": lambda: _render_pdf(m),
    }[kind]()
    path = tmp_path / f"report.{kind}"
    path.write_bytes(data)
    result = parse_file(path)
    assert result.source_kind == kind
    squash = kind == "pdf"  # PDF text comes back re-wrapped
    assert _comparable(result.model, squash_space=squash) == _comparable(m, squash_space=squash)
    if kind == "pdf":  # top-aligned wrapped labels spell the statutory ones: the fast path is sure
        assert set(result.table_paths.values()) == {"text"}
    # the text rendering copies the seed's half-width brackets: style warnings only
    assert beyond_seed(dedupe(result.findings + check(result.model))) == []


def test_html_fragment_structure_and_escaping():
    m = _model()
    m.sections["五"] = "<script>alert(1)</script> & 问题"
    html = render_html_fragment(m)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<section") == 6 and html.count("<table") == 3
    assert 'colspan="5">法人或其他组织' in html
    assert 'rowspan="22">三、本年度办理结果' in html
    doc = render_html_document(m)
    assert "Noto Serif CJK SC" in doc and "size: A4" in doc


PORTAL_PAGE = """<!DOCTYPE html><html><head><title>门户网站</title>
<script>var x = "一、总体情况";</script><style>p{color:red}</style></head><body>
<div class="nav">首页 &gt; 政务公开 &gt; 年度报告</div>
<h1>某某县司法局２０２４年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>本报告所列数据的统计期限为2024年1月1日至2024年12月31日。全年共收到政府信息公开申请３件。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>规范性文件</td><td>２</td><td>0</td><td>1&nbsp;</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr><tr><td>行政许可</td><td colspan="3">5</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>行政处罚</td><td colspan="3">1</td></tr><tr><td>行政强制</td><td colspan="3">0</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">0.5</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>３</td><td>&nbsp;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
</table>
<p>（表三其余各行略）</p>
<div class="footer">主办单位：某某县人民政府办公室 网站标识码 1234</div>
</body></html>"""


def test_html_portal_page_with_chrome_spans_nbsp_and_fullwidth_digits():
    result = parse_html(PORTAL_PAGE)
    m = result.model
    assert (m.year, m.agency) == (2024, "某某县司法局")
    assert m.table2["normative"] == {"issued": 2, "abolished": 0, "in_force": 1}
    assert m.table2["licensing"] == 5 and str(m.table2["fees_10k_yuan"]) == "0.5"
    assert m.table3["new"]["natural_person"] == 3 and m.table3["new"]["commercial"] is None
    assert m.table3["granted"]["total"] == 3
    findings = dedupe(result.findings + check(m))
    assert {"table": 3, "row": "new", "column": "commercial"} in [
        f.location for f in findings if f.code == "CELL_BLANK"
    ]
    assert {"table": 2, "row": "normative"} in [
        f.location for f in findings if f.code == "LABEL_NONSTANDARD"
    ]
    assert "主办单位" not in "".join(m.sections.values())


LAYOUT_TEXT = """            某某镇人民政府 2025 年政府信息公开工作年度报告
一、总体情况
     本镇全年未收到政府信息公开申请。
二、主动公开政府信息情况
第二十条第（一）项
信息内容             本年制发件数   本年废止件数   现行有效件数
规章                      0            0             0
行政规范性文件            1            0             4
第二十条第（五）项
行政许可                  0
第二十条第（六）项
行政处罚                  0
行政强制                  0
第二十条第（八）项
行政事业性收费            0
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量     0   0   0   0   0   0   0
二、上年结转政府信息公开申请数量     0   0   0   0   0   0   0
三、本年度办理结果 （一）予以公开    0   0   0   0   0   0   0
      （二）部分公开（区分处理的，   0   0   0   0   0   0   0
      只计这一情形，不计其他情形）
"""


def test_layout_text_with_wrapped_row_label():
    result = parse_text(LAYOUT_TEXT, layout=True)
    m = result.model
    assert m.agency == "某某镇人民政府"
    assert m.table2["normative"]["in_force"] == 4
    assert m.table3["partial"] == dict.fromkeys(m.table3["partial"], 0)
    # the wrapped label is read whole: no LABEL_NONSTANDARD for row "partial"
    assert not [f for f in result.findings if f.code == "LABEL_NONSTANDARD"]


def test_nonstandard_row_label_and_half_width_brackets():
    text = seed_text().replace("行政规范性文件\t0\t0\t0", "规范性文件\t0\t0\t0")
    text = text.replace("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "(二) 部分公开")
    _, findings = check_text(text)
    assert [(f.code, f.location) for f in findings if f.code == "LABEL_NONSTANDARD"] == [
        ("LABEL_NONSTANDARD", {"table": 2, "row": "normative"}),
        ("LABEL_NONSTANDARD", {"table": 3, "row": "granted"}),  # "(一)": half-width brackets
        ("LABEL_NONSTANDARD", {"table": 3, "row": "partial"}),
        ("LABEL_NONSTANDARD", {"table": 3, "row": "total"}),  # "(七)"
    ]
    assert all(f.severity == "warning" for f in findings)


def test_seed_row_without_group_cell_is_read():
    m = parse_text(seed_text()).model
    assert m.table3["rejected_confirmation"] == dict.fromkeys(m.table3["new"], 0)


def test_2019_trial_layout_is_recognised_and_outdated():
    old = empty_model(2022, "某某镇人民政府", "2019")
    old.sections = {k: "内容。" for k in "一二三四五六"}
    old.sections["六"] = "本年度未收取信息处理费。"
    result = parse_text(render_text(old))
    assert result.format_name == "2019"
    assert "other" in result.model.table3 and "other_other" not in result.model.table3
    assert to_dict(result.model)["table2"] == to_dict(old)["table2"]
    findings = dedupe(result.findings + check(result.model))
    assert codes(beyond_seed(findings)) == {"FORMAT_OUTDATED", "ART50_CONTENT_MISSING"}
    # the same layout for a 2020 report is not outdated
    old.year = 2020
    assert codes(check(parse_text(render_text(old)).model)) == {"ART50_CONTENT_MISSING"}


def test_parse_bytes_sniffs_html_without_extension():
    m = _model()
    result = parse_bytes(render_html_fragment(m).encode("utf-8"), "report")
    assert result.source_kind == "html"
    assert result.model.table3 == m.table3


def test_gb18030_text_is_decoded():
    result = parse_bytes(seed_text().encode("gb18030"), "report.txt")
    assert result.model.agency == "朱阳关镇人民政府"
