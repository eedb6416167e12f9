"""Demo records: the catalogue and published items of the demo county.

朱阳关镇人民政府 gets exactly its 2025 record from the seed report (four columns; 21 items: 通知公告 4,
乡村振兴 7, 公共服务 6, 组织概况 4; no normative documents), each through the three-level review.
The county's and 自然资源局's policy items carry their 文号; demo_rich.py adds a 解读, an item with a PDF
attachment and a 图文 item.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import NormativeDocument, Publication
from .services import (
    catalogue_column_add,
    document_abolish,
    document_register,
    publication_create,
    publication_publish,
    publication_review,
    publication_submit,
)

D = datetime.date
SYSTEM = "演示数据"

# 朱阳关镇 — column order as the seed names them.
ZYG_COLUMNS = ["乡村振兴", "组织概况", "通知公告", "公共服务"]
# (column, title, formed_on, published_on)
ZYG_2025 = [
    ("通知公告", "朱阳关镇关于做好2025年春季森林防火工作的通知", D(2025, 2, 17), D(2025, 2, 20)),
    (
        "通知公告",
        "朱阳关镇关于做好2025年汛期地质灾害防范工作的通知",
        D(2025, 5, 16),
        D(2025, 5, 21),
    ),
    (
        "通知公告",
        "朱阳关镇关于开展2026年度城乡居民医疗保险集中缴费工作的公告",
        D(2025, 9, 8),
        D(2025, 9, 12),
    ),
    (
        "通知公告",
        "朱阳关镇关于秋冬季森林防火期严禁野外用火的通告",
        D(2025, 10, 27),
        D(2025, 10, 31),
    ),
    (
        "乡村振兴",
        "朱阳关镇2025年度衔接推进乡村振兴补助资金项目计划公示",
        D(2025, 3, 5),
        D(2025, 3, 11),
    ),
    ("乡村振兴", "朱阳关镇2025年雨露计划职业教育补助对象公示", D(2025, 4, 10), D(2025, 4, 15)),
    ("乡村振兴", "朱阳关镇2025年脱贫人口小额信贷贴息情况公示", D(2025, 5, 26), D(2025, 5, 30)),
    ("乡村振兴", "朱阳关镇2025年防止返贫动态监测对象认定结果公示", D(2025, 7, 7), D(2025, 7, 10)),
    ("乡村振兴", "朱阳关镇2025年衔接资金项目实施进度公示", D(2025, 8, 18), D(2025, 8, 22)),
    (
        "乡村振兴",
        "朱阳关镇2025年特色产业到户奖补资金发放情况公示",
        D(2025, 10, 13),
        D(2025, 10, 17),
    ),
    ("乡村振兴", "朱阳关镇2025年乡村公益性岗位人员名单公示", D(2025, 12, 1), D(2025, 12, 5)),
    ("公共服务", "朱阳关镇便民服务中心办事指南（2025年版）", D(2025, 1, 6), D(2025, 1, 10)),
    (
        "公共服务",
        "朱阳关镇2025年第一季度农村低保及特困供养人员名单公示",
        D(2025, 3, 24),
        D(2025, 3, 28),
    ),
    ("公共服务", "朱阳关镇2025年耕地地力保护补贴发放情况公示", D(2025, 6, 9), D(2025, 6, 13)),
    (
        "公共服务",
        "朱阳关镇2025年第二季度农村低保及特困供养人员名单公示",
        D(2025, 6, 23),
        D(2025, 6, 27),
    ),
    ("公共服务", "朱阳关镇2025年高龄津贴发放情况公示", D(2025, 9, 22), D(2025, 9, 26)),
    ("公共服务", "朱阳关镇2025年第四季度临时救助对象公示", D(2025, 12, 15), D(2025, 12, 19)),
    ("组织概况", "朱阳关镇人民政府领导班子成员及分工", D(2025, 1, 13), D(2025, 1, 16)),
    ("组织概况", "朱阳关镇人民政府机构职能", D(2025, 2, 24), D(2025, 2, 27)),
    ("组织概况", "朱阳关镇内设机构及联系方式", D(2025, 4, 21), D(2025, 4, 24)),
    ("组织概况", "朱阳关镇所属站所设置及职责", D(2025, 8, 4), D(2025, 8, 7)),
]
# 2024, for year-on-year comparison (18 items).
ZYG_2024 = [
    ("通知公告", "朱阳关镇关于做好2024年春季森林防火工作的通知", D(2024, 2, 26), D(2024, 2, 29)),
    ("通知公告", "朱阳关镇关于做好2024年防汛工作的通知", D(2024, 5, 20), D(2024, 5, 24)),
    (
        "通知公告",
        "朱阳关镇关于开展2025年度城乡居民医疗保险集中缴费工作的公告",
        D(2024, 9, 9),
        D(2024, 9, 13),
    ),
    (
        "乡村振兴",
        "朱阳关镇2024年度衔接推进乡村振兴补助资金项目计划公示",
        D(2024, 3, 4),
        D(2024, 3, 8),
    ),
    ("乡村振兴", "朱阳关镇2024年雨露计划职业教育补助对象公示", D(2024, 4, 8), D(2024, 4, 12)),
    ("乡村振兴", "朱阳关镇2024年脱贫人口小额信贷贴息情况公示", D(2024, 6, 3), D(2024, 6, 7)),
    ("乡村振兴", "朱阳关镇2024年衔接资金项目实施进度公示", D(2024, 8, 19), D(2024, 8, 23)),
    (
        "乡村振兴",
        "朱阳关镇2024年特色产业到户奖补资金发放情况公示",
        D(2024, 10, 14),
        D(2024, 10, 18),
    ),
    ("公共服务", "朱阳关镇便民服务中心办事指南（2024年版）", D(2024, 1, 8), D(2024, 1, 12)),
    (
        "公共服务",
        "朱阳关镇2024年第一季度农村低保及特困供养人员名单公示",
        D(2024, 3, 25),
        D(2024, 3, 29),
    ),
    ("公共服务", "朱阳关镇2024年耕地地力保护补贴发放情况公示", D(2024, 6, 11), D(2024, 6, 14)),
    ("公共服务", "朱阳关镇2024年高龄津贴发放情况公示", D(2024, 9, 23), D(2024, 9, 27)),
    ("公共服务", "朱阳关镇2024年第四季度临时救助对象公示", D(2024, 12, 16), D(2024, 12, 20)),
    ("组织概况", "朱阳关镇人民政府领导班子成员及分工（2024年）", D(2024, 1, 15), D(2024, 1, 18)),
    ("组织概况", "朱阳关镇人民政府机构职能（2024年）", D(2024, 3, 11), D(2024, 3, 14)),
    ("组织概况", "朱阳关镇内设机构及联系方式（2024年）", D(2024, 4, 22), D(2024, 4, 25)),
    ("组织概况", "朱阳关镇所属站所设置及职责（2024年）", D(2024, 8, 5), D(2024, 8, 8)),
    ("乡村振兴", "朱阳关镇2024年乡村公益性岗位人员名单公示", D(2024, 12, 2), D(2024, 12, 6)),
]

OTHERS = {
    "county": [
        (
            "政策文件",
            "卢氏县人民政府关于印发卢氏县2025年国民经济和社会发展计划的通知",
            D(2025, 2, 10),
            D(2025, 2, 14),
        ),
        (
            "政策文件",
            "卢氏县人民政府关于进一步优化营商环境的若干措施",
            D(2025, 4, 7),
            D(2025, 4, 11),
        ),
        (
            "政策文件",
            "卢氏县人民政府关于印发卢氏县城区集中供热管理办法的通知",
            D(2025, 9, 1),
            D(2025, 9, 5),
        ),
        ("财政信息", "卢氏县2025年政府预算公开", D(2025, 2, 20), D(2025, 2, 26)),
        ("财政信息", "卢氏县2024年政府决算公开", D(2025, 8, 25), D(2025, 8, 29)),
        ("通知公告", "卢氏县2025年部分节假日安排的通知", D(2024, 12, 16), D(2024, 12, 18)),
        (
            "通知公告",
            "卢氏县人民政府关于2025年国有建设用地使用权出让的公告",
            D(2025, 6, 16),
            D(2025, 6, 20),
        ),
        ("人事信息", "卢氏县人民政府关于任免工作人员职务的通知", D(2025, 3, 3), D(2025, 3, 7)),
        (
            "政策文件",
            "卢氏县人民政府关于印发卢氏县2024年重点工作的通知",
            D(2024, 2, 19),
            D(2024, 2, 23),
        ),
        ("财政信息", "卢氏县2024年政府预算公开", D(2024, 2, 21), D(2024, 2, 27)),
    ],
    "guandaokou": [
        (
            "通知公告",
            "官道口镇关于做好2025年春季森林防火工作的通知",
            D(2025, 2, 18),
            D(2025, 2, 21),
        ),
        (
            "乡村振兴",
            "官道口镇2025年衔接推进乡村振兴补助资金项目计划公示",
            D(2025, 3, 6),
            D(2025, 3, 12),
        ),
        ("乡村振兴", "官道口镇2025年雨露计划职业教育补助对象公示", D(2025, 4, 14), D(2025, 4, 18)),
        ("公共服务", "官道口镇2025年耕地地力保护补贴发放情况公示", D(2025, 6, 10), D(2025, 6, 16)),
        ("组织概况", "官道口镇人民政府领导班子成员及分工", D(2025, 1, 13), D(2025, 1, 17)),
        # published late: formed in January, published in March (> 20 working days)
        ("公共服务", "官道口镇2024年第四季度临时救助对象公示", D(2025, 1, 2), D(2025, 3, 10)),
    ],
    "wulichuan": [
        (
            "通知公告",
            "五里川镇关于做好2025年汛期地质灾害防范工作的通知",
            D(2025, 5, 19),
            D(2025, 5, 23),
        ),
        ("乡村振兴", "五里川镇2025年香菇产业奖补资金发放公示", D(2025, 7, 14), D(2025, 7, 18)),
        (
            "公共服务",
            "五里川镇2025年城乡居民基本养老保险待遇领取人员公示",
            D(2025, 9, 15),
            D(2025, 9, 19),
        ),
    ],
    "ziran": [
        (
            "政策文件",
            "卢氏县自然资源局关于进一步规范农村宅基地审批管理的通知",
            D(2025, 3, 17),
            D(2025, 3, 21),
        ),
        ("行政执法", "卢氏县自然资源局2025年行政执法统计年报", D(2025, 1, 20), D(2025, 1, 24)),
        (
            "行政执法",
            "卢氏县自然资源局行政处罚决定书（卢自然资罚〔2025〕12号）",
            D(2025, 6, 4),
            D(2025, 6, 10),
        ),
        (
            "通知公告",
            "卢氏县国有建设用地使用权挂牌出让公告（卢自然资挂〔2025〕3号）",
            D(2025, 7, 1),
            D(2025, 7, 4),
        ),
        ("通知公告", "卢氏县2025年度地质灾害防治方案", D(2025, 4, 1), D(2025, 4, 8)),
        ("财政信息", "卢氏县自然资源局2025年部门预算", D(2025, 2, 24), D(2025, 2, 28)),
        ("财政信息", "卢氏县自然资源局2024年部门预算", D(2024, 2, 26), D(2024, 3, 1)),
    ],
    "renshe": [
        ("通知公告", "卢氏县2025年事业单位公开招聘工作人员公告", D(2025, 5, 6), D(2025, 5, 9)),
        (
            "公共服务",
            "卢氏县2025年城乡居民基本养老保险基础养老金调整公告",
            D(2025, 7, 21),
            D(2025, 7, 25),
        ),
        ("公共服务", "卢氏县2025年就业见习基地名单公示", D(2025, 10, 9), D(2025, 10, 15)),
    ],
}
# Drafts awaiting review: (agency key, column, title, formed_on, how far it got)
DRAFTS = [
    (
        "ziran",
        "通知公告",
        "卢氏县2026年度地质灾害防治方案（送审稿）",
        D(2026, 11, 20),
        "first_review",
    ),
    (
        "ziran",
        "政策文件",
        "卢氏县自然资源局关于规范矿业权出让收益征收工作的通知",
        D(2026, 11, 18),
        "final_review",
    ),
    (
        "guandaokou",
        "通知公告",
        "官道口镇关于做好2026年冬季森林防火工作的通知",
        D(2026, 11, 24),
        "draft",
    ),
    (
        "zhuyangguan",
        "通知公告",
        "朱阳关镇关于做好2026年冬季森林防火工作的通知",
        D(2026, 11, 23),
        "first_review",
    ),
]
# (agency key, 文号, title, kind, issued_on, abolished_on)
DOCUMENTS = [
    (
        "county",
        "卢政〔2022〕6号",
        "卢氏县城乡居民最低生活保障工作实施细则",
        "normative",
        D(2022, 4, 12),
        None,
    ),
    (
        "county",
        "卢政〔2023〕4号",
        "卢氏县政府投资项目管理办法",
        "normative",
        D(2023, 3, 8),
        D(2025, 9, 1),
    ),
    (
        "county",
        "卢政〔2023〕11号",
        "卢氏县城区集中供热管理暂行办法",
        "normative",
        D(2023, 10, 20),
        D(2025, 9, 1),
    ),
    (
        "county",
        "卢政〔2024〕3号",
        "卢氏县农村集体经济组织财务管理办法",
        "normative",
        D(2024, 2, 28),
        None,
    ),
    ("county", "卢政〔2024〕9号", "卢氏县重大行政决策程序规定", "normative", D(2024, 7, 15), None),
    (
        "county",
        "卢政〔2025〕2号",
        "卢氏县进一步优化营商环境的若干措施",
        "normative",
        D(2025, 4, 7),
        None,
    ),
    ("county", "卢政〔2025〕7号", "卢氏县城区集中供热管理办法", "normative", D(2025, 9, 1), None),
    ("county", "卢政〔2025〕8号", "卢氏县政府投资项目管理办法", "normative", D(2025, 9, 1), None),
    (
        "ziran",
        "卢自然资〔2023〕2号",
        "卢氏县农村宅基地审批管理暂行办法",
        "normative",
        D(2023, 5, 10),
        D(2025, 3, 17),
    ),
    (
        "ziran",
        "卢自然资〔2025〕1号",
        "卢氏县农村宅基地审批管理办法",
        "normative",
        D(2025, 3, 17),
        None,
    ),
    (
        "ziran",
        "卢自然资〔2024〕5号",
        "卢氏县地质灾害危险性评估管理规定",
        "normative",
        D(2024, 6, 3),
        None,
    ),
]


def _at(day: datetime.date, hour: int):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _walk(pub, people, formed, published_on, upto="published"):
    clerk, head, leader = people
    publication_submit(actor=clerk, publication=pub, at=_at(formed, 10))
    if upto == "first_review":
        return
    review_day = formed + datetime.timedelta(days=1)
    publication_review(
        actor=head,
        publication=pub,
        stage="first",
        approve=True,
        secrecy_checked=True,
        note="已进行保密审查，同意公开。",
        at=_at(review_day, 9),
    )
    if upto == "final_review":
        return
    publication_review(
        actor=leader,
        publication=pub,
        stage="final",
        approve=True,
        note="同意发布。",
        at=_at(review_day, 15),
    )
    publication_publish(
        actor=clerk, publication=pub, published_on=published_on, at=_at(published_on, 11)
    )


PREFIXES = {
    "zhuyangguan": "zyg",
    "ziran": "zrj",
    "guandaokou": "gdk",
    "wulichuan": "wlc",
    "renshe": "rs",
    "county": "xian",
}


def _reviewers(key, people):
    """The agency's own 信息员/办公室主任/分管领导 (core/demo.py): the drafter never approves."""
    prefix = PREFIXES[key]
    return people[f"{prefix}_xxy"], people[f"{prefix}_bgs"], people[f"{prefix}_ld"]


# 文号 of the policy items (title → 文号); a 文号 in the register (DOCUMENTS) also links the item to it.
DOC_NUMBERS = {
    "卢氏县人民政府关于印发卢氏县2024年重点工作的通知": "卢政〔2024〕1号",
    "卢氏县人民政府关于印发卢氏县2025年国民经济和社会发展计划的通知": "卢政〔2025〕1号",
    "卢氏县人民政府关于进一步优化营商环境的若干措施": "卢政〔2025〕2号",
    "卢氏县人民政府关于印发卢氏县城区集中供热管理办法的通知": "卢政〔2025〕7号",
    "卢氏县自然资源局关于进一步规范农村宅基地审批管理的通知": "卢自然资〔2025〕1号",
}


def _load_items(agency, key, people, items, columns=None):
    for name in columns or []:
        catalogue_column_add(actor=SYSTEM, agency=agency, name=name)
    actors = _reviewers(key, people)
    for column, title, formed, published in items:
        if Publication.objects.filter(agency=agency, title=title).exists():
            continue
        number = DOC_NUMBERS.get(title, "")
        registered = NormativeDocument.objects.filter(agency=agency, doc_number=number).first()
        pub = publication_create(
            actor=actors[0],
            agency=agency,
            column=column,
            title=title,
            formed_on=formed,
            body=f"{title}。\n\n（正文略）",
            publisher=agency.name,
            doc_number=number,
            normative_document=registered if number else None,
        )
        _walk(pub, actors, formed, published)


def load_demo(agencies, people) -> None:
    _register_documents(agencies)  # first: policy items link to their register entry
    _load_items(agencies["zhuyangguan"], "zhuyangguan", people, ZYG_2024 + ZYG_2025, ZYG_COLUMNS)
    for key, items in OTHERS.items():
        _load_items(agencies[key], key, people, items)
    for key, column, title, formed, upto in DRAFTS:
        agency = agencies[key]
        if Publication.objects.filter(agency=agency, title=title).exists():
            continue
        actors = _reviewers(key, people)
        clerk = actors[0]
        pub = publication_create(
            actor=clerk,
            agency=agency,
            column=column,
            title=title,
            formed_on=formed,
            body=f"{title}。\n\n（征求意见稿，内部审查中）",
        )
        if upto != "draft":
            _walk(pub, (clerk, actors[1], actors[2]), formed, None, upto=upto)
    from .demo_rich import load_rich_items

    load_rich_items(agencies, people)


def _register_documents(agencies) -> None:
    for key, number, title, kind, issued, abolished in DOCUMENTS:
        agency = agencies[key]
        if NormativeDocument.objects.filter(agency=agency, doc_number=number).exists():
            continue
        document = document_register(
            actor=SYSTEM, agency=agency, doc_number=number, title=title, kind=kind, issued_on=issued
        )
        if abolished:
            document_abolish(actor=SYSTEM, document=document, abolished_on=abolished)
