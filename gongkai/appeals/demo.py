"""Demo reviews and lawsuits (idempotent). 朱阳关镇 has none (its 2025 report says so)."""

import datetime

from gongkai.applications.demo import demo_request
from gongkai.core.audit import audit_record

from .models import Appeal

D = datetime.date.fromisoformat

# (agency key, 编号, kind, filed, result, closed, related request: (received, content))
APPEALS = [
    (
        "county",
        "XZF-FY-2025-01",
        "review",
        "2025-06-10",
        "upheld",
        "2025-08-20",
        ("2025-04-21", "县政府常务会议关于某项目的讨论记录"),
    ),
    (
        "county",
        "XZF-SS-2025-01",
        "suit_after_review",
        "2025-09-15",
        "pending",
        None,
        ("2025-04-21", "县政府常务会议关于某项目的讨论记录"),
    ),
    (
        "ziran",
        "ZRJ-SS-2025-01",
        "suit_direct",
        "2025-08-01",
        "pending",
        None,
        ("2025-06-03", "邻户不动产登记信息"),
    ),
    (
        "ziran",
        "ZRJ-FY-2025-01",
        "review",
        "2025-02-20",
        "corrected",
        "2025-04-18",
        ("2024-12-16", "某矿业公司采矿权出让合同"),
    ),
]


def load_demo(agencies, people) -> None:
    created = 0
    for key, number, kind, filed, result, closed, (received, content) in APPEALS:
        agency = agencies[key]
        if Appeal.objects.filter(agency=agency, number=number).exists():
            continue
        Appeal.objects.create(
            agency=agency,
            number=number,
            kind=kind,
            filed_on=D(filed),
            result=result,
            closed_on=D(closed) if closed else None,
            application=demo_request(agency, received, content),
        )
        created += 1
    if created:
        audit_record(
            actor="演示数据",
            action="appeal.demo_load",
            object_type="appeals.appeal",
            new={"created": created},
        )
