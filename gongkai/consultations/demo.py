"""Demo 咨询投诉 for 朱阳关镇, built through the services as the demo people (core/demo.py): one
answered with the asker's consent and so public, one waiting for 初审, two just received. Three ask
about the same road, so the demand page (/inspections/demand/) shows them as one topic."""

from __future__ import annotations

from gongkai.core.models import Agency, User

from . import services
from .models import Consultation

# (kind, question, name, contact, consent_publish, how far the answer goes, answer)
MESSAGES = [
    (
        "consult",
        "朱阳关镇杜店村道路硬化工程什么时候开工？",
        "王秀英",
        "13900000001",
        True,
        "answered",
        "杜店村道路硬化工程计划于2026年3月开工，工期约两个月，开工前在村务公开栏公告。",
    ),
    (
        "consult",
        "杜店村道路硬化工程由哪家单位施工，工期多长？",
        "赵建军",
        "13900000002",
        False,
        "first_review",
        "施工单位经公开招标确定后在镇政府网站公告，合同工期60日历天。",
    ),
    (
        "suggestion",
        "建议公开杜店村道路硬化工程的预算和招标结果。",
        "李桂兰",
        "0398-7000001",
        True,
        "",
        "",
    ),
    ("complaint", "镇政府网站的通知公告栏目很久没有更新。", "陈立新", "13900000004", False, "", ""),
]


def load_demo(agencies: dict[str, Agency], people: dict[str, User]) -> None:
    town = agencies["zhuyangguan"]
    if Consultation.objects.filter(agency=town).exists():
        return
    clerk, office_head, leader = people["zyg_xxy"], people["zyg_bgs"], people["zyg_ld"]
    for kind, question, name, contact, consent, reach, answer in MESSAGES:
        consultation, _secret = services.consultation_submit_online(
            agency=town,
            kind=kind,
            question=question,
            name=name,
            contact=contact,
            consent_publish=consent,
        )
        if not reach:
            continue
        services.consultation_answer_save(actor=clerk, consultation=consultation, answer=answer)
        services.consultation_submit(actor=clerk, consultation=consultation)
        if reach == "answered":
            services.consultation_review(
                actor=office_head, consultation=consultation, stage="first", approve=True
            )
            services.consultation_review(
                actor=leader, consultation=consultation, stage="final", approve=True
            )
            services.consultation_answer(actor=clerk, consultation=consultation)
