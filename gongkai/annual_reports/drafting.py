"""Drafting the narrative (sections 一, 五, 六) from the records, in the register of the seed report.

The figure-bearing sentences come from reportformat's drafting helpers, so the checker reads them back
unchanged; the rest is the office's usual wording, meant to be edited.
"""

from __future__ import annotations

from gongkai.core.choices import AgencyLevel
from gongkai.core.models import Agency
from gongkai.reportformat import narrative as N
from gongkai.reportformat.model import AnnualReport as ReportModel

from .models import ReportNarrative

PLACEHOLDER = (
    "（请填写"  # drafted text the office must replace; publishing refuses while it remains
)

SUBHEADS = (
    "（一）主动公开情况",
    "（二）依申请公开情况",
    "（三）政府信息管理情况",
    "（四）政府信息公开平台建设情况",
    "（五）监督保障机制",
)


def self_name(agency: Agency) -> str:
    return {
        AgencyLevel.TOWNSHIP: "本镇" if agency.name.endswith("镇人民政府") else "本乡",
        AgencyLevel.COUNTY: "本县",
        AgencyLevel.DEPARTMENT: "本局" if agency.name.endswith("局") else "本单位",
    }.get(agency.level, "本单位")


def draft_section_one(agency: Agency, year: int, model: ReportModel) -> str:
    from .selectors import report_agency_ids, section_one_figures

    me = self_name(agency)
    figures = section_one_figures(agency_ids=report_agency_ids(agency), year=year)
    columns = "、".join(name for name, _ in figures.by_column)
    portal = agency.county().name if agency.level != AgencyLevel.COUNTY else agency.name
    proactive = (
        f"{me}严格遵循《中华人民共和国政府信息公开条例》规定的主动公开范围，及时发布并更新政府信息。"
        + (f"公开内容主要涵盖{columns}等类别。" if columns else "")
        + N.draft_section_one_proactive(figures.total, figures.by_column)
    )
    requests = f"{me}严格执行政府信息依申请公开工作流程。" + N.draft_section_one_requests(model)
    management = (
        f"按照“公开为常态、不公开为例外”的原则，{me}全面落实公文公开属性审查制度与信息发布保密审查机制，"
        "坚持“先审查、后公开”，严格执行专职人员拟稿、办公室主任初审、主管领导终审的三级审查程序。"
    )
    platform = (
        f"{me}主要通过{portal}门户网站“政务公开”栏目，依法依规向社会公开政府信息，"
        "安排专人负责栏目信息更新维护，确保政府信息公开及时、准确、便民。"
    )
    oversight = (
        "一是落实责任考核与追究制度。二是积极畅通监督渠道，通过门户网站公布咨询与投诉方式，"
        "主动接受社会监督。三是加强日常监督检查，定期开展政务公开工作自查，发现问题立即整改。"
        + N.draft_appeals(model)
    )
    bodies = (proactive, requests, management, platform, oversight)
    return "\n".join(f"{head}\n{body}" for head, body in zip(SUBHEADS, bodies, strict=True))


def draft_section_five(agency: Agency, year: int) -> str:
    last = ReportNarrative.objects.filter(agency=agency, year=year - 1).first()
    lines = [
        "（一）存在问题",
        "（请填写本年度工作中存在的主要问题。）",
        "（二）整改措施",
        "（请填写针对上述问题的改进措施。）",
    ]
    if last and last.section5.strip():
        lines += [
            f"（三）{year - 1}年度报告所列问题的整改情况",
            f"{year - 1}年度报告所列问题如下，请逐条说明整改情况：",
            *[p for p in last.section5.splitlines() if p.strip()],
        ]
    return "\n".join(lines)


def draft_section_six(agency: Agency, year: int, model: ReportModel) -> str:
    lines = [f"1.{N.draft_section_six_fees(model.fees_yuan)}"]
    n = 2
    if agency.level == AgencyLevel.COUNTY:
        for item in (
            "年度政务公开工作要点落实情况",
            "人大代表建议和政协提案办理结果公开情况",
            "政务公开工作创新情况",
        ):
            lines.append(f"{n}.{item}：（请填写）")
            n += 1
    lines.append(f"{n}.本报告中所列数据的统计时限为{year}年1月1日起至{year}年12月31日止。")
    return "\n".join(lines)


def draft_narrative(agency: Agency, year: int, model: ReportModel) -> dict[str, str]:
    return {
        "一": draft_section_one(agency, year, model),
        "五": draft_section_five(agency, year),
        "六": draft_section_six(agency, year, model),
    }
