"""Make the checker's test fixtures the way disclosure offices make their reports.

    .venv/bin/python scripts/make_checker_fixtures.py

Reads the real report texts copied into ``gongkai/reportformat/tests/fixtures/sources/`` and writes,
next to them, documents laid out as Word/WPS exports and portal pages really are:

- ``middle_narrow.pdf``   cells centred vertically (``vertical-align: middle``), a narrow label column
                          so labels wrap over two or three lines, merged group cells;
- ``bottom.pdf``          cells aligned to the bottom;
- ``split_pages.pdf``     Table 3 split over two pages, its header repeated on the second page;
- ``split_noheader.pdf``  Table 3 split over two pages, no repeated header;
- ``no_rules.pdf``        tables without ruling lines (borders removed), centred cells;
- ``vmerge.docx``         Word tables with vertical merges (``w:vMerge``) and labels split over
                          several paragraphs of one cell;
- ``office.html``         a portal page: rowspans, a label split by ``<p>``, a nested table.

Numbers: Tables 3 and 4 and the narrative from ``02_shanghai`` (上海市人民政府办公厅 2025); Table 2
from ``05_shuyang`` (its Shanghai transcription has ambiguous cells). Needs WeasyPrint, python-docx and
fonts-noto-cjk. Keep the output small: the fixtures are committed.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "gongkai" / "reportformat" / "tests" / "fixtures"
SOURCES = FIXTURES / "sources"
SHANGHAI = SOURCES / "02_shanghai-gov-office-2025_FULL.txt"
SHUYANG = SOURCES / "05_shuyang-fgj-2023_FULL.txt"

T3_LAYOUT = [
    # (group, subgroup, label) — the office layout: group and subgroup cells span several rows
    ("一、本年新收政府信息公开申请数量", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("三、本年度办理结果", "（一）予以公开", None),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "三、本年度办理结果",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "三、本年度办理结果",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("三、本年度办理结果", "（六）其他处理", "3.其他"),
    ("三、本年度办理结果", "（七）总计", None),
    ("四、结转下年度继续办理", None, None),
]


def pipe_numbers(path: Path, start: str, stop: str) -> list[list[str]]:
    """The number cells of the ``| label | n | … |`` lines between two headings of a source text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    a = next(i for i, x in enumerate(lines) if x.startswith(start))
    b = next(i for i, x in enumerate(lines) if i > a and x.startswith(stop))
    out = []
    for line in lines[a:b]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        nums = [c for c in cells if re.fullmatch(r"\d+|", c)]
        if line.startswith("|") and len(nums) >= 3 and any(nums):
            out.append(nums)
    return out


def source_numbers() -> dict:
    t3 = pipe_numbers(SHANGHAI, "三、收到", "四、政府")
    t4 = pipe_numbers(SHANGHAI, "四、政府", "五、")[0]
    assert len(t3) == 25 and all(len(r) == 7 for r in t3), t3
    assert len(t4) == 15, t4
    docs = pipe_numbers(SHUYANG, "二、主动", "三、收到")
    return {"table3": t3, "table4": t4, "docs": docs[:2]}


NARRATIVE = {
    "一": [
        "（一）主动公开方面",
        "全年主动公开市政府规章22件、市政府及市政府办公厅行政规范性文件34件、人事任免文件196件、"
        "其他文件84件。",
        "（二）依申请公开方面",
        "市政府共受理政府信息公开申请1295件，办结1191件（含上年结转189件），均在法定期限内答复。"
        "其中，予以公开及部分公开208件（17.46%），不予公开20件（1.68%），因本机关不掌握等原因无法提供"
        "564件（47.36%），属信访、重复申请等不予处理80件（6.72%），其他处理319件（26.78%，"
        "含申请人主动撤回157件）。",
        "（五）监督保障方面",
        "将政府信息公开工作纳入绩效考核，开展社会评议，落实责任追究制度。",
    ],
    "五": ["（一）存在的主要问题", "政策信息较为分散。", "（二）改进情况", "优化门户网站栏目。"],
    "六": ["2025年度本机关未收取信息处理费。"],
}
AGENCY, YEAR = "上海市人民政府办公厅", 2025


# -- HTML (for the PDFs and the portal page) -------------------------------------------------
def _td(text: str, rows: int = 1, cols: int = 1, cls: str = "") -> str:
    span = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
    klass = f' class="{cls}"' if cls else ""
    return f"<td{span}{klass}>{html.escape(text)}</td>"


def table2_html(docs) -> str:
    out = ['<table class="t2">']
    out.append("<tr>" + _td("第二十条第（一）项", cols=4) + "</tr>")
    out.append(
        "<tr>"
        + "".join(_td(x) for x in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"))
        + "</tr>"
    )
    for label, nums in zip(("规章", "行政规范性文件"), docs, strict=True):
        out.append("<tr>" + _td(label, cls="lab") + "".join(_td(n) for n in nums) + "</tr>")
    for block, rows, head in (
        ("第二十条第（五）项", ["行政许可"], "本年处理决定数量"),
        ("第二十条第（六）项", ["行政处罚", "行政强制"], "本年处理决定数量"),
        ("第二十条第（八）项", ["行政事业性收费"], "本年收费金额（单位：万元）"),
    ):
        out.append("<tr>" + _td(block, cols=4) + "</tr>")
        out.append("<tr>" + _td("信息内容") + _td(head, cols=3) + "</tr>")
        for r in rows:
            out.append("<tr>" + _td(r, cls="lab") + _td("0", cols=3) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def table3_html(t3, *, thead: bool = True) -> str:
    head = [
        "<tr>"
        + _td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
        + _td("申请人情况", cols=7)
        + "</tr>",
        "<tr>" + _td("自然人", 2) + _td("法人或其他组织", cols=5) + _td("总计", 2) + "</tr>",
        "<tr>"
        + "".join(_td(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))
        + "</tr>",
    ]
    body = []
    for i, ((g, s, label), nums) in enumerate(zip(T3_LAYOUT, t3, strict=True)):
        cells = ""
        if s is None:
            cells += _td(g, cols=3, cls="lab")
        else:
            if i == 0 or T3_LAYOUT[i - 1][0] != g:
                cells += _td(g, rows=sum(1 for x in T3_LAYOUT if x[0] == g), cls="grp")
            if label is None:
                cells += _td(s, cols=2, cls="lab")
            else:
                if T3_LAYOUT[i - 1][1] != s:
                    cells += _td(s, rows=sum(1 for x in T3_LAYOUT if x[1] == s), cls="grp")
                cells += _td(label, cls="lab")
        body.append("<tr>" + cells + "".join(_td(n) for n in nums) + "</tr>")
    if thead:
        return (
            '<table class="t3"><thead>'
            + "".join(head)
            + "</thead><tbody>"
            + "".join(body)
            + "</tbody></table>"
        )
    return '<table class="t3">' + "".join(head + body) + "</table>"


def table4_html(t4) -> str:
    cols = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return (
        '<table class="t4"><tr>'
        + _td("行政复议", cols=5)
        + _td("行政诉讼", cols=10)
        + "</tr><tr>"
        + "".join(_td(c, 2) for c in cols)
        + _td("未经复议直接起诉", cols=5)
        + _td("复议后起诉", cols=5)
        + "</tr><tr>"
        + "".join(_td(c) for c in cols * 2)
        + "</tr><tr>"
        + "".join(_td(n) for n in t4)
        + "</tr></table>"
    )


def report_html(nums, css: str, *, thead: bool = True, break_t3: bool = False) -> str:
    def paras(key):
        return "".join(f"<p>{html.escape(p)}</p>" for p in NARRATIVE[key])

    t3 = table3_html(nums["table3"], thead=thead)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<style>
@page {{ size: A4; margin: 18mm 16mm; }}
body {{ font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.5; }}
h1 {{ font-size: 15pt; text-align: center; }}
table {{ border-collapse: collapse; width: 100%; margin: 6pt 0; }}
td {{ border: 0.6pt solid #000; padding: 2pt 3pt; text-align: center; font-size: 9pt; }}
td.lab, td.grp {{ width: 4.2em; }}
{css}
</style></head><body>
<h1>{AGENCY}{YEAR}年政府信息公开工作年度报告</h1>
<p>本报告所列数据的统计期限为{YEAR}年1月1日至{YEAR}年12月31日。</p>
<h2>一、总体情况</h2>{paras("一")}
<h2>二、主动公开政府信息情况</h2>{table2_html(nums["docs"])}
<h2{' style="break-before: page"' if break_t3 else ""}>三、收到和处理政府信息公开申请情况</h2>{t3}
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>{table4_html(nums["table4"])}
<h2>五、存在的主要问题及改进情况</h2>{paras("五")}
<h2>六、其他需要报告的事项</h2>{paras("六")}
<p style="text-align:right">{AGENCY}</p><p style="text-align:right">{YEAR + 1}年1月20日</p>
</body></html>"""


PDF_VARIANTS = {
    "middle_narrow.pdf": ("td { vertical-align: middle; }", True, False),
    "bottom.pdf": ("td { vertical-align: bottom; }", True, False),
    # larger type and a page break before Table 3: the table runs over onto the next page
    "split_pages.pdf": (
        "td { vertical-align: middle; font-size: 12pt; padding: 5pt; }",
        True,
        True,
    ),
    "split_noheader.pdf": (
        "td { vertical-align: middle; font-size: 12pt; padding: 5pt; }",
        False,
        True,
    ),
    "no_rules.pdf": (
        "td { border: none; vertical-align: middle; padding: 4pt 3pt; } tr { break-inside: avoid; }",
        True,
        False,
    ),
}


def make_pdfs(nums) -> None:
    from weasyprint import HTML

    for name, (css, thead, brk) in PDF_VARIANTS.items():
        doc = report_html(nums, css, thead=thead, break_t3=brk)
        (FIXTURES / name).write_bytes(HTML(string=doc).write_pdf())


def make_html(nums) -> None:
    doc = report_html(nums, "td { vertical-align: middle; }")
    # a label split over two paragraphs of one cell, and a nested table in a narrative cell
    doc = doc.replace(
        '<td class="lab">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>',
        '<td colspan="2" class="lab"><p>（二）部分公开</p><p>（区分处理的，只计这一情形，'
        "不计其他情形）</p></td>",
    ).replace('colspan="2" class="lab"><p>', 'class="lab"><p>', 1)
    doc = doc.replace(
        "<h2>五、",
        '<table class="layout"><tr><td><table><tr><td>附：本页为网站转载</td></tr></table>'
        "</td></tr></table><h2>五、",
    )
    (FIXTURES / "office.html").write_text(doc, encoding="utf-8")


# -- DOCX -------------------------------------------------------------------------------------
def make_docx(nums) -> None:
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.oxml.ns import qn

    doc = Document()

    def para(text, container=doc):
        p = container.add_paragraph(text)
        for r in p.runs:
            r.font.name = "仿宋_GB2312"
            r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
        return p

    def cell_text(cell, text: str, split: bool = False):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        parts = [text]
        if split and "（" in text[1:]:
            cut = text.index("（", 1)
            parts = [text[:cut], text[cut:]]
        cell.paragraphs[0].text = parts[0]
        for p in parts[1:]:
            cell.add_paragraph(p)

    para(f"{AGENCY}{YEAR}年政府信息公开工作年度报告")
    para(f"本报告所列数据的统计期限为{YEAR}年1月1日至{YEAR}年12月31日。")
    para("一、总体情况")
    for p in NARRATIVE["一"]:
        para(p)
    para("二、主动公开政府信息情况")
    para("第二十条第（一）项")
    t = doc.add_table(rows=3, cols=4)
    for j, x in enumerate(("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")):
        cell_text(t.cell(0, j), x)
    for i, (label, row) in enumerate(zip(("规章", "行政规范性文件"), nums["docs"], strict=True)):
        cell_text(t.cell(i + 1, 0), label)
        for j, n in enumerate(row):
            cell_text(t.cell(i + 1, j + 1), n)
    for block, rows, head in (
        ("第二十条第（五）项", ["行政许可"], "本年处理决定数量"),
        ("第二十条第（六）项", ["行政处罚", "行政强制"], "本年处理决定数量"),
        ("第二十条第（八）项", ["行政事业性收费"], "本年收费金额（单位：万元）"),
    ):
        para(block)
        t = doc.add_table(rows=1 + len(rows), cols=2)
        cell_text(t.cell(0, 0), "信息内容")
        cell_text(t.cell(0, 1), head)
        for i, r in enumerate(rows):
            cell_text(t.cell(i + 1, 0), r)
            cell_text(t.cell(i + 1, 1), "0")
    para("三、收到和处理政府信息公开申请情况")
    t = doc.add_table(rows=3 + len(T3_LAYOUT), cols=10)
    t.cell(0, 0).merge(t.cell(2, 2))
    cell_text(t.cell(0, 0), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    t.cell(0, 3).merge(t.cell(0, 9))
    cell_text(t.cell(0, 3), "申请人情况")
    t.cell(1, 3).merge(t.cell(2, 3))
    cell_text(t.cell(1, 3), "自然人")
    t.cell(1, 4).merge(t.cell(1, 8))
    cell_text(t.cell(1, 4), "法人或其他组织")
    t.cell(1, 9).merge(t.cell(2, 9))
    cell_text(t.cell(1, 9), "总计")
    for j, x in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")):
        cell_text(t.cell(2, 4 + j), x)
    first: dict[str, int] = {}
    for i, (g, s, label) in enumerate(T3_LAYOUT):
        r = 3 + i
        for j, n in enumerate(nums["table3"][i]):
            cell_text(t.cell(r, 3 + j), n)
        if s is None:
            t.cell(r, 0).merge(t.cell(r, 2))
            cell_text(t.cell(r, 0), g)
            continue
        first.setdefault(g, r)
        first.setdefault(s, r)
        if label is None:
            t.cell(r, 1).merge(t.cell(r, 2))
            cell_text(t.cell(r, 1), s, split=True)
        else:
            cell_text(t.cell(r, 2), label)
    # vertical merges (w:vMerge) for the group cells
    for key in {g for g, s, _ in T3_LAYOUT if s} | {s for _, s, lab in T3_LAYOUT if lab}:
        rows = [3 + i for i, x in enumerate(T3_LAYOUT) if key in (x[0], x[1])]
        col = 0 if key.startswith("三、") else 1
        t.cell(rows[0], col).merge(t.cell(rows[-1], col))
        cell_text(t.cell(rows[0], col), key)
    para("四、政府信息公开行政复议、行政诉讼情况")
    t = doc.add_table(rows=4, cols=15)
    t.cell(0, 0).merge(t.cell(0, 4))
    cell_text(t.cell(0, 0), "行政复议")
    t.cell(0, 5).merge(t.cell(0, 14))
    cell_text(t.cell(0, 5), "行政诉讼")
    cols = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    for j, c in enumerate(cols):
        t.cell(1, j).merge(t.cell(2, j))
        cell_text(t.cell(1, j), c)
        cell_text(t.cell(2, 5 + j), c)
        cell_text(t.cell(2, 10 + j), c)
    t.cell(1, 5).merge(t.cell(1, 9))
    cell_text(t.cell(1, 5), "未经复议直接起诉")
    t.cell(1, 10).merge(t.cell(1, 14))
    cell_text(t.cell(1, 10), "复议后起诉")
    for j, n in enumerate(nums["table4"]):
        cell_text(t.cell(3, j), n)
    para("五、存在的主要问题及改进情况")
    for p in NARRATIVE["五"]:
        para(p)
    para("六、其他需要报告的事项")
    for p in NARRATIVE["六"]:
        para(p)
    para(AGENCY)
    para(f"{YEAR + 1}年1月20日")
    doc.save(FIXTURES / "vmerge.docx")


def main() -> int:
    nums = source_numbers()
    make_pdfs(nums)
    make_html(nums)
    make_docx(nums)
    for f in sorted(FIXTURES.iterdir()):
        if f.is_file():
            print(f"{f.name:24} {f.stat().st_size // 1024:>5} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
