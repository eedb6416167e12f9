"""Plain-text rendering in the tab-separated layout of the seed report (what the county portal's
editor pastes, and what a published report copied out of a web page looks like)."""

from __future__ import annotations

from decimal import Decimal

from gongkai.core.cn import cn_date

from . import formats as F
from .model import AnnualReport

# Each Table 3 row: (text before the seven numbers, text after them) exactly as in the seed.
T3_TEXT_LAYOUT = {
    "new": ("一、本年新收政府信息公开申请数量\t\t", "\t"),
    "carried_over": ("二、上年结转政府信息公开申请数量\t\t", "\t"),
    "granted": ("三、本年度办理结果\t(一) 予以公开\t", "\t"),
    "partial": ("\t(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)\t", "\t"),
    "withheld_state_secret": ("\t(三) 不予公开\t1. 属于国家秘密\t", ""),
    "withheld_prohibited_by_law": ("\t\t2. 其他法律行政法规禁止公开\t", ""),
    "withheld_three_safety": ("\t\t3. 危及“三安全一稳定”\t", ""),
    "withheld_third_party": ("\t\t4. 保护第三方合法权益\t", ""),
    "withheld_internal_affairs": ("\t\t5. 属于三类内部事务信息\t", ""),
    "withheld_process_info": ("\t\t6. 属于四类过程性信息\t", ""),
    "withheld_enforcement_file": ("\t\t7. 属于行政执法案卷\t", ""),
    "withheld_query_matter": ("\t\t8. 属于行政查询事项\t", ""),
    "unable_not_held": ("\t(四) 无法提供\t1. 本机关不掌握相关政府信息\t", ""),
    "unable_needs_creation": ("\t\t2. 没有现成信息需要另行制作\t", ""),
    "unable_unclear": ("\t\t3. 补正后申请内容仍不明确\t", ""),
    "rejected_petition": ("\t(五) 不予处理\t1. 信访举报投诉类申请\t", ""),
    "rejected_duplicate": ("\t\t2. 重复申请\t", ""),
    "rejected_publication": ("\t\t3. 要求提供公开出版物\t", ""),
    "rejected_excessive": ("\t\t4. 无正当理由大量反复申请\t", ""),
    "rejected_confirmation": ("5. 要求行政机关确认或重新出具已获取信息\t\t", "\t"),
    "other_no_correction": (
        "(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t",
        "\t",
    ),
    "other_no_fee": (
        "\t2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t",
        "\t",
    ),
    "other_other": ("\t3. 其他\t", "\t"),
    "other": ("(六) 其他处理\t\t", "\t"),  # 2019 trial format: one row
    "total": ("(七) 总计\t", "\t\t"),
    "carried_forward": ("四、结转下年度继续办理\t\t", "\t"),
}
T3_TEXT_HEADER = (
    "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t总计\t",
    "\t\t自然人\t法人或其他组织\t\t\t\t\t\t",
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t",
)
T4_TEXT_HEADER = (
    "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
    "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
    "\t\t\t\t\t结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t结果 维持\t结果 纠正\t其他 结果\t"
    "尚未 审结\t总计",
)


def cell_text(v) -> str:
    """A cell as printed: '' for blank, decimals without trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        s = format(v, "f")
        return (s.rstrip("0").rstrip(".") if "." in s else s) or "0"
    return str(v)


def table2_lines(m: AnnualReport) -> list[str]:
    t = m.table2
    if m.format == F.FORMAT_2019:
        return _table2_lines_2019(m)
    docs = [
        f"{label}\t" + "\t".join(cell_text((t.get(code) or {}).get(c)) for c, _ in cols)
        for code, label, cols in (
            ("rules", "规章", F.T2_COLUMNS_DOCS),
            ("normative", "行政规范性文件", F.T2_COLUMNS_DOCS),
        )
    ]
    return [
        "第二十条第（一）项\t\t\t",
        "信息内容\t" + "\t".join(label for _, label in F.T2_COLUMNS_DOCS),
        *docs,
        "第二十条第（五）项\t\t\t",
        f"信息内容\t{F.T2_DECISIONS}\t\t",
        f"行政许可\t{cell_text(t.get('licensing'))}\t\t",
        "第二十条第（六）项\t\t\t",
        f"信息内容\t{F.T2_DECISIONS}\t\t",
        f"行政处罚\t{cell_text(t.get('penalty'))}\t\t",
        f"行政强制\t{cell_text(t.get('coercion'))}\t\t",
        "第二十条第（八）项\t\t\t",
        f"信息内容\t{F.T2_FEES}\t\t",
        f"行政事业性收费\t{cell_text(t.get('fees_10k_yuan'))}\t\t",
    ]


def _table2_lines_2019(m: AnnualReport) -> list[str]:
    lines: list[str] = []
    block = None
    for row in F.TABLE2_ROWS_2019:
        if row.block != block:
            block = row.block
            lines.append(f"{block}\t\t\t")
            lines.append("信息内容\t" + "\t".join(label for _, label in row.columns))
        vals = m.table2.get(row.code) or {}
        lines.append(f"{row.label}\t" + "\t".join(cell_text(vals.get(c)) for c, _ in row.columns))
    return lines


def table3_lines(m: AnnualReport) -> list[str]:
    lines = list(T3_TEXT_HEADER)
    for r in F.table3_rows(m.format):
        before, after = T3_TEXT_LAYOUT[r.code]
        cols = m.table3.get(r.code) or {}
        lines.append(before + "\t".join(cell_text(cols.get(c)) for c in F.T3_COLUMN_CODES) + after)
    return lines


def table4_lines(m: AnnualReport) -> list[str]:
    vals = [
        cell_text((m.table4.get(b) or {}).get(c))
        for b in F.T4_BLOCK_CODES
        for c in F.T4_COLUMN_CODES
    ]
    return [*T4_TEXT_HEADER, "\t".join(vals)]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def render_text(m: AnnualReport) -> str:
    """The whole report: title, six sections, tables; blank lines between blocks as in the seed."""
    blocks: list[str] = ["", m.title]
    if m.preamble.strip():
        blocks += _paragraphs(m.preamble)
    tables = {"二": table2_lines, "三": table3_lines, "四": table4_lines}
    for key in F.SECTION_KEYS:
        if key not in m.sections and key not in tables:
            continue
        blocks.append(F.section_heading(key))
        text = m.sections.get(key, "")
        if key in tables:
            blocks.append("\n".join(tables[key](m)))
        blocks += _paragraphs(text)
    if m.published_on:
        d = m.published_on
        blocks += [m.agency, cn_date(d)]
    return "\n" + "\n\n".join(blocks) + "\n"
