"""Demo requests for the demo county (idempotent: keyed by 编号 within the agency).

朱阳关镇人民政府 gets NOTHING in 2025 (its real 2025 report says it received no requests); it has two
open requests received in November 2026, so that its staff see work on their screens.
The others get realistic 2025 activity, some carried over from 2024 and into 2026, and a few open
requests in late 2026 that are due soon or overdue relative to 2026-11-26.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from gongkai.core.audit import audit_record

from .choices import EventKind, Status
from .models import Application, ApplicationEvent

D = datetime.date.fromisoformat

# (agency key, 编号, applicant type, name, received, outcome or None, replied, fee, content, events)
REQUESTS = [
    (
        "guandaokou",
        "GDK-2024-007",
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
        "GDK-2025-001",
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
        "GDK-2025-002",
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
        "GDK-2025-003",
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
        "GDK-2025-004",
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
        "WLC-2025-001",
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
        "WLC-2025-002",
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
        "ZRJ-2024-015",
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
        "ZRJ-2025-001",
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
        "ZRJ-2025-002",
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
        "ZRJ-2025-003",
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
        "ZRJ-2025-004",
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
        "ZYG-2026-001",
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
        "ZYG-2026-002",
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
        "ZRJ-2026-028",
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
        "ZRJ-2026-031",
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
        "RSJ-2025-001",
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
        "RSJ-2025-002",
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
        "RSJ-2025-003",
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
        "RSJ-2026-012",
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
        "XZF-2024-031",
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
        "XZF-2025-001",
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
        "XZF-2025-002",
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
        "XZF-2025-003",
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
        "XZF-2025-004",
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
        "XZF-2026-033",
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
        "XZF-2026-040",
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


def load_demo(agencies, people) -> None:
    created = 0
    for key, number, kind, name, received, outcome, replied, fee, content, events in REQUESTS:
        agency = agencies[key]
        if Application.objects.filter(agency=agency, number=number).exists():
            continue
        status = Status.PROCESSING
        if outcome == "other_other":
            status = Status.WITHDRAWN
        elif outcome:
            status = Status.CONCLUDED
        elif any(e[0] == "consult_third_party" for e in events):
            status = Status.CONSULTING
        app = Application.objects.create(
            agency=agency,
            number=number,
            applicant_type=kind,
            applicant_name=name,
            contact="0398-7000000",
            channel="in_person",
            received_on=D(received),
            content=content,
            status=status,
            outcome=outcome,
            replied_on=D(replied) if replied else None,
            fee_method="items" if fee else "none",
            fee_quantity=31 if fee else 0,
            fee_yuan=Decimal(fee),
        )
        ApplicationEvent.objects.create(
            application=app, kind=EventKind.REGISTERED, date=app.received_on, note="演示数据"
        )
        for ev_kind, ev_date, days, note in events:
            ApplicationEvent.objects.create(
                application=app, kind=ev_kind, date=D(ev_date), days=days, note=note
            )
        if replied:
            ApplicationEvent.objects.create(
                application=app,
                kind=EventKind.WITHDRAWN if outcome == "other_other" else EventKind.DELIVERED,
                date=D(replied),
            )
        created += 1
    if created:
        audit_record(
            actor="演示数据",
            action="application.demo_load",
            object_type="applications.application",
            new={"created": created},
        )
