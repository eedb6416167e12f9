"""Demo requests for the demo county (idempotent: keyed by agency, received date and content).

The platform gives each request its 编号 (`<year>-<seq>` per agency, services._next_number), as it does
for requests registered or submitted later, so an agency's list has one numbering series.

朱阳关镇人民政府 gets NOTHING in 2025 (its real 2025 report says it received no requests); it has two
open requests received in November 2026, so that its staff see work on their screens.
The others get realistic 2025 activity, some carried over from 2024 and into 2026, and a few open
requests in late 2026 that are due soon or overdue relative to 2026-11-26.
"""

from __future__ import annotations

import datetime

from . import services
from .choices import EventKind
from .models import Application

D = datetime.date.fromisoformat

# (agency key, applicant type, name, received, outcome or None, replied, fee, content, events)
REQUESTS = [
    (
        "guandaokou",
        "natural_person",
        "赵某",
        "2024-12-20",
        "granted",
        "2025-01-10",
        0,
        "官道口镇2024年度农村低保名单",
        [],
    ),
    (
        "guandaokou",
        "natural_person",
        "钱某",
        "2025-03-05",
        "granted",
        "2025-03-20",
        0,
        "官道口村人居环境整治项目资金使用情况",
        [],
    ),
    (
        "guandaokou",
        "commercial",
        "卢氏县某建材有限公司",
        "2025-05-12",
        "partial",
        "2025-06-05",
        0,
        "镇区道路改造工程中标结果及合同",
        [],
    ),
    (
        "guandaokou",
        "natural_person",
        "孙某",
        "2025-08-18",
        "other_other",
        "2025-08-20",
        0,
        "本人宅基地审批材料（申请人已撤回）",
        [],
    ),
    (
        "guandaokou",
        "natural_person",
        "钱某",
        "2025-12-22",
        "rejected_duplicate",
        "2026-01-15",
        0,
        "官道口村人居环境整治项目资金使用情况",
        [],
    ),
    (
        "wulichuan",
        "natural_person",
        "李某",
        "2025-04-01",
        "unable_not_held",
        "2025-04-25",
        0,
        "五里川镇2010年土地征收补偿协议",
        [],
    ),
    (
        "wulichuan",
        "social_welfare",
        "卢氏县某公益服务中心",
        "2025-07-07",
        "granted",
        "2025-07-30",
        0,
        "五里川镇留守儿童关爱项目实施方案",
        [],
    ),
    (
        "ziran",
        "legal_service",
        "河南某律师事务所",
        "2024-12-16",
        "withheld_third_party",
        "2025-01-20",
        0,
        "某矿业公司采矿权出让合同",
        [],
    ),
    (
        "ziran",
        "commercial",
        "三门峡某矿业有限公司",
        "2025-02-10",
        "granted",
        "2025-03-07",
        2200,
        "2015年以来全县31宗采矿权出让公示材料（按件计收31件）",
        [],
    ),
    (
        "ziran",
        "natural_person",
        "周某",
        "2025-06-03",
        "withheld_third_party",
        "2025-06-30",
        0,
        "邻户不动产登记信息",
        [],
    ),
    (
        "ziran",
        "research",
        "某大学资源环境学院",
        "2025-09-22",
        "partial",
        "2025-10-28",
        0,
        "卢氏县地质灾害隐患点分布及治理资料",
        [],
    ),
    (
        "ziran",
        "natural_person",
        "吴某",
        "2025-12-24",
        "granted",
        "2026-01-22",
        0,
        "朱阳关镇国土空间规划（2021—2035年）",
        [],
    ),
    (
        "zhuyangguan",
        "natural_person",
        "韩某",
        "2026-11-03",
        None,
        None,
        0,
        "朱阳关镇2026年度耕地地力保护补贴发放名册（本村部分）",
        [],
    ),
    (
        "zhuyangguan",
        "social_welfare",
        "卢氏县某公益服务中心",
        "2026-11-18",
        None,
        None,
        0,
        "朱阳关镇2026年农村饮水安全工程建设情况",
        [],
    ),
    (
        "ziran",
        "natural_person",
        "郑某",
        "2026-10-12",
        None,
        None,
        0,
        "本村土地整治项目验收材料",
        [],
    ),
    (
        "ziran",
        "natural_person",
        "王某",
        "2026-10-29",
        None,
        None,
        0,
        "2026年耕地占补平衡项目清单",
        [],
    ),
    (
        "renshe",
        "natural_person",
        "冯某",
        "2025-03-18",
        "granted",
        "2025-04-10",
        0,
        "2025年卢氏县事业单位公开招聘考试成绩及拟聘名单",
        [],
    ),
    (
        "renshe",
        "natural_person",
        "陈某",
        "2025-05-20",
        "rejected_petition",
        "2025-05-22",
        0,
        "投诉某企业拖欠工资",
        [],
    ),
    (
        "renshe",
        "natural_person",
        "陈某",
        "2025-11-03",
        "rejected_duplicate",
        "2025-11-28",
        0,
        "投诉某企业拖欠工资的处理情况",
        [],
    ),
    (
        "renshe",
        "natural_person",
        "褚某",
        "2026-11-02",
        None,
        None,
        0,
        "2026年公益性岗位人员名单",
        [],
    ),
    (
        "county",
        "commercial",
        "卢氏县某农业开发有限公司",
        "2024-12-27",
        "unable_needs_creation",
        "2025-01-24",
        0,
        "近十年全县招商引资项目汇总分析",
        [],
    ),
    (
        "county",
        "natural_person",
        "卫某",
        "2025-02-17",
        "granted",
        "2025-03-14",
        0,
        "卢氏县2025年政府工作报告",
        [],
    ),
    (
        "county",
        "other_org",
        "某村股份经济合作社",
        "2025-04-21",
        "withheld_process_info",
        "2025-05-19",
        0,
        "县政府常务会议关于某项目的讨论记录",
        [],
    ),
    (
        "county",
        "natural_person",
        "蒋某",
        "2025-07-14",
        "rejected_duplicate",
        "2025-08-08",
        0,
        "卢氏县2025年政府工作报告",
        [],
    ),
    (
        "county",
        "legal_service",
        "三门峡某律师事务所",
        "2025-12-15",
        "unable_not_held",
        "2026-02-03",
        0,
        "某地块2008年征收批复文件",
        [
            ("correction_requested", "2025-12-19", 0, "请写明地块位置"),
            ("correction_received", "2026-01-06", 0, ""),
        ],
    ),
    (
        "county",
        "natural_person",
        "沈某",
        "2026-10-15",
        None,
        None,
        0,
        "县城集中供暖价格调整听证材料",
        [("extension", "2026-11-10", 20, "需调取档案，经办公室主任同意")],
    ),
    (
        "county",
        "natural_person",
        "韩某",
        "2026-11-20",
        None,
        None,
        0,
        "某企业环评审批材料",
        [("consult_third_party", "2026-11-23", 0, "征求企业意见")],
    ),
]


def demo_request(agency, received: str, content: str) -> Application | None:
    """The demo request received on that day with that content (also used by appeals/demo.py)."""
    return Application.objects.filter(
        agency=agency, received_on=D(received), content=content
    ).first()


def _people(key, people):
    from gongkai.publications.demo import PREFIXES

    prefix = PREFIXES[key]
    return people[f"{prefix}_xxy"], people[f"{prefix}_bgs"], people[f"{prefix}_ld"]


def _id_number(kind: str, seq: int) -> str:
    """Made-up identity numbers with valid check digits (the demo stores only their masked form)."""
    from gongkai.core.sensitive import credit_code_check_char, id_check_digit

    if kind == "natural_person":
        first17 = f"41122419800101{seq:03d}"
        return first17 + id_check_digit(first17)
    first17 = f"91411224MA{seq:07d}"
    return first17 + credit_code_check_char(first17)


def _walk(app, events, outcome, replied, fee, people):
    """Everything after 登记, through the services, as the agency's own people."""
    clerk, head, leader = people
    svc = services
    for kind, day, days, note in events:
        day = D(day)
        if kind == EventKind.CORRECTION_REQUESTED:
            svc.application_request_correction(
                actor=clerk, application=app, date=day, note=note, days=days or 10
            )
        elif kind == EventKind.CORRECTION_RECEIVED:
            svc.application_receive_correction(actor=clerk, application=app, date=day, note=note)
        elif kind == EventKind.EXTENSION:
            svc.application_extend(
                actor=clerk, approver=head, application=app, date=day, days=days, reason=note
            )
        elif kind == EventKind.CONSULT_THIRD_PARTY:
            svc.application_pause(
                actor=clerk, application=app, kind="third_party", date=day, note=note
            )
    if not outcome:
        return
    replied = D(replied)
    if outcome == "other_other":
        svc.application_withdraw(actor=clerk, application=app, date=replied)
        return
    if fee:
        notice_on = app.received_on + datetime.timedelta(days=3)
        svc.application_send_fee_notice(
            actor=clerk, application=app, method="items", quantity=31, date=notice_on
        )
        svc.application_record_payment(
            actor=clerk, application=app, date=notice_on + datetime.timedelta(days=4)
        )
    svc.application_draft_reply(actor=clerk, application=app, outcome=outcome, date=replied)
    svc.application_review(actor=head, application=app, stage="first", approve=True, date=replied)
    svc.application_review(actor=leader, application=app, stage="final", approve=True, date=replied)
    svc.application_deliver(actor=clerk, application=app, date=replied)
    svc.application_conclude(actor=clerk, application=app, date=replied)


def _remedies(agencies) -> None:
    """Every letter that carries remedies names the 复议机关 and the 人民法院: the county government
    reviews its townships and departments (《行政复议法》第二十四条); the city reviews the county."""
    from .letters import request_settings_set
    from .models import RequestSettings

    for agency in agencies.values():
        if agency.level == "unit" or RequestSettings.objects.filter(agency=agency).exists():
            continue
        body = "三门峡市人民政府" if agency.level == "county" else "卢氏县人民政府"
        court = "三门峡市中级人民法院" if agency.level == "county" else "卢氏县人民法院"
        request_settings_set(
            actor="演示数据", agency=agency, reconsideration_body=body, court=court
        )


def load_demo(agencies, people) -> None:
    """Every request is registered and handled through the services, by the agency's 信息员, with
    初审 by its 办公室主任 and 终审 by its 分管领导 (core/demo.py). The clock needs the working-day
    calendar: years missing from the table are filled from the chinesecalendar package first."""
    from gongkai.calendars.services import calendar_seed_from_package

    calendar_seed_from_package(actor="演示数据")
    _remedies(agencies)
    # Registered in order of receipt, so each agency's 编号 follow the dates.
    rows = sorted(enumerate(REQUESTS, start=1), key=lambda pair: pair[1][3])
    for seq, row in rows:
        key, kind, name, received, outcome, replied, fee, content, events = row
        agency = agencies[key]
        if demo_request(agency, received, content) is not None:
            continue
        who = _people(key, people)
        app, _secret = services.application_register(
            actor=who[0],
            agency=agency,
            applicant_type=kind,
            applicant_name=name,
            id_number=_id_number(kind, seq),
            contact="0398-7000000",
            content=content,
            channel="in_person",
            received_on=D(received),
        )
        if not events or events[0][0] != EventKind.CORRECTION_REQUESTED:
            services.application_start_processing(
                actor=who[0], application=app, date=app.received_on
            )
        _walk(app, events, outcome, replied, fee, who)
