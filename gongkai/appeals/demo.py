"""Demo reviews and lawsuits (idempotent). 朱阳关镇 has none (its 2025 report says so)."""

import datetime

from gongkai.applications.models import Application
from gongkai.core.audit import audit_record

from .models import Appeal

D = datetime.date.fromisoformat

# (agency key, 编号, kind, filed, result, closed, related application 编号)
APPEALS = [
    ("county", "XZF-FY-2025-01", "review", "2025-06-10", "upheld", "2025-08-20", "XZF-2025-002"),
    (
        "county",
        "XZF-SS-2025-01",
        "suit_after_review",
        "2025-09-15",
        "pending",
        None,
        "XZF-2025-002",
    ),
    ("ziran", "ZRJ-SS-2025-01", "suit_direct", "2025-08-01", "pending", None, "ZRJ-2025-002"),
    ("ziran", "ZRJ-FY-2025-01", "review", "2025-02-20", "corrected", "2025-04-18", "ZRJ-2024-015"),
]


def load_demo(agencies, people) -> None:
    created = 0
    for key, number, kind, filed, result, closed, app_number in APPEALS:
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
            application=Application.objects.filter(agency=agency, number=app_number).first(),
        )
        created += 1
    if created:
        audit_record(
            actor="演示数据",
            action="appeal.demo_load",
            object_type="appeals.appeal",
            new={"created": created},
        )
