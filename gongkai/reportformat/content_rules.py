"""Content rules on the narrative: 信息处理费 statement (section 六), Art. 50(四) content for a 人民政府,
and the names of regulations and documents cited (checked against ``REAL_TITLES``)."""

from __future__ import annotations

import difflib
import re

from .findings import Finding
from .model import AnnualReport
from .narrative import extract_fees_yuan

# The real titles the reports cite (without 《》). Add to this list when a report cites another one.
REAL_TITLES = (
    "中华人民共和国政府信息公开条例",
    "政府信息公开信息处理费管理办法",
    "关于印发《政府信息公开信息处理费管理办法》的通知",
    "中华人民共和国政府信息公开工作年度报告格式",
    "关于印发中华人民共和国政府信息公开工作年度报告格式的通知",
    "中华人民共和国保守国家秘密法",
    "中华人民共和国保守国家秘密法实施条例",
    "中华人民共和国个人信息保护法",
    "中华人民共和国档案法",
    "中华人民共和国行政复议法",
    "中华人民共和国行政诉讼法",
    "中华人民共和国行政许可法",
    "中华人民共和国行政处罚法",
    "中华人民共和国政府信息公开条例实施细则",
    "关于全面推进政务公开工作的意见",
    "政府网站与政务新媒体检查指标",
)
_REAL = set(REAL_TITLES)
_CITED = re.compile(r"《([^《》]{6,40})》")

_FEE_WORDS = re.compile(r"处理费|收费|收取费用")

# Art. 50(四): 政府信息公开工作考核、社会评议和责任追究结果情况 — each with the words reports use.
_ART50 = (
    ("工作考核", ("考核", "考评", "绩效")),
    ("社会评议", ("评议", "社会监督", "测评", "满意度", "群众评价")),
    ("责任追究", ("追究", "问责")),
)


def check_fee_statement(m: AnnualReport) -> list[Finding]:
    six = m.sections.get("六")
    if six is None:
        return []  # SECTION_MISSING says it already
    if extract_fees_yuan(six) is not None or _FEE_WORDS.search(six):
        return []
    return [
        Finding(
            "FEE_STATEMENT_MISSING",
            {"section": "六"},
            "第六部分没有说明本年度是否收取政府信息公开信息处理费。",
            expected="写明收取的金额（元），或写明未收取",
            found="未提及信息处理费",
        )
    ]


def check_art50(m: AnnualReport) -> list[Finding]:
    if "人民政府" not in (m.agency or "") or "办公" in (m.agency or ""):
        return []
    text = m.preamble + "\n".join(m.sections.values())
    missing = [name for name, words in _ART50 if not any(w in text for w in words)]
    if not missing:
        return []
    return [
        Finding(
            "ART50_CONTENT_MISSING",
            {"section": "一"},
            f"报告没有写明政府信息公开{'、'.join(missing)}情况"
            "（条例第五十条第（四）项要求人民政府报告工作考核、社会评议和责任追究结果情况）。",
            expected="工作考核、社会评议和责任追究结果情况",
            found=f"缺少：{'、'.join(missing)}",
        )
    ]


def check_titles(m: AnnualReport) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    for key, text in [("一", m.preamble), *m.sections.items()]:
        for mt in _CITED.finditer(text or ""):
            name = mt.group(1).strip()
            if name in _REAL or name in seen:
                continue
            best = difflib.get_close_matches(name, REAL_TITLES, n=1, cutoff=0.85)
            if not best:
                continue
            seen.add(name)
            out.append(
                Finding(
                    "REGULATION_NAME_WRONG",
                    {"section": key},
                    f"第{key}部分引用的《{name}》名称有误，正式名称为《{best[0]}》。",
                    expected=f"《{best[0]}》",
                    found=f"《{name}》",
                )
            )
    return out


def check_content(m: AnnualReport) -> list[Finding]:
    return [*check_fee_statement(m), *check_art50(m), *check_titles(m)]
