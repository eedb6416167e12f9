"""Demo: a self-inspection of the demo county's first township with open and closed findings,
through the services; `gongkai demo` calls `load_demo`."""

from __future__ import annotations

import datetime

from gongkai.core.choices import AgencyLevel
from gongkai.core.models import Agency

from . import services
from .models import Finding

ACTOR = "演示数据"


def load(*, today: datetime.date | None = None) -> None:
    town = Agency.objects.filter(level=AgencyLevel.TOWNSHIP).order_by("path").first()
    if town is None or Finding.objects.filter(agency=town).exists():
        return
    today = today or datetime.date.today()
    start = today - datetime.timedelta(days=40)
    run = services.inspection_run(actor=ACTOR, agency=town, today=start)
    findings = list(Finding.objects.filter(run=run).order_by("pk"))
    for finding in findings[:3]:  # fixed in time and accepted
        services.finding_rectify(
            actor=ACTOR,
            finding=finding,
            evidence="已在公开目录增设对应栏目并发布首批信息。",
            on=start + datetime.timedelta(days=5),
        )
        services.finding_close(actor=ACTOR, finding=finding, on=start + datetime.timedelta(days=7))
    if len(findings) > 3:  # rectified, waiting for acceptance
        services.finding_rectify(
            actor=ACTOR, finding=findings[3], evidence="栏目已设立，待县公开办验收。", on=today
        )
    # the rest stay open; those past their deadline show as 已逾期


def load_demo(agencies, people) -> None:
    """The `gongkai demo` entry point (core/management/commands/demo.py)."""
    load()
