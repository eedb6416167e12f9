"""Demo: the 站所 of 卢氏县 report to their offices. Tasks start a few periods before today, so the
story reads the same whenever the demo is loaded: each recurring task has exactly one missed period,
the rest met; submissions go through the office's review and are published in its name."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gongkai.publications.services import (
    publication_publish,
    publication_review,
    publication_submit,
)

from .models import ReportingTask
from .periods import calendar_period
from .services import reporting_task_create, unit_submit

SYSTEM = "演示数据"


def _months_back(day: datetime.date, n: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - n
    return datetime.date(index // 12, index % 12 + 1, 1)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _publish(submission, office_people, day: datetime.date) -> None:
    """The office's own review: 信息员 submits, 办公室主任 初审, 分管领导 终审, 信息员 publishes."""
    clerk, head, leader = office_people
    item = submission.publication
    publication_submit(actor=clerk, publication=item, at=_at(day, 9))
    publication_review(
        actor=head, publication=item, stage="first", approve=True, secrecy_checked=True,
        at=_at(day, 11),
    )  # fmt: skip
    publication_review(actor=leader, publication=item, stage="final", approve=True, at=_at(day, 15))
    publication_publish(actor=clerk, publication=item, published_on=day, at=_at(day, 16))


def load_demo(agencies, people) -> None:
    if ReportingTask.objects.exists():
        return  # idempotent
    today = timezone.localdate()
    zyg_people = (people["zyg_xxy"], people["zyg_bgs"], people["zyg_ld"])

    # 朱阳关镇农业服务中心: monthly news for the last six months; the third month was missed.
    agri = agencies["zyg_agri"]
    start = _months_back(today, 6)
    monthly = reporting_task_create(
        actor=people["zyg_xxy"], unit=agri, title="报送本站所工作动态", rhythm="monthly",
        starts_on=start,
    )  # fmt: skip
    for n in range(6, 0, -1):
        if n == 4:
            continue  # the missed month: overdue
        month = _months_back(today, n)
        sent = unit_submit(
            actor=people["zyg_nf"], unit=agri, column="工作动态", task=monthly,
            title=f"朱阳关镇农业服务中心{month.month}月份工作动态",
            body="开展春耕备耕技术指导，发放良种补贴明白纸。", formed_on=month.replace(day=8),
            at=_at(month.replace(day=8)),
        )  # fmt: skip
        # The office publishes within days; once (the first month) it waited four weeks.
        delay = 28 if n == 6 else 3
        _publish(sent, zyg_people, month.replace(day=8) + datetime.timedelta(days=delay))

    # 朱阳关镇财政所: quarterly update of its service guide; the last quarter was missed.
    finance = agencies["zyg_finance"]
    this_quarter = calendar_period("quarterly", today).start
    q_start = _months_back(this_quarter, 12)
    quarterly = reporting_task_create(
        actor=people["xian_gkb"], unit=finance, title="更新办事指南", rhythm="quarterly",
        starts_on=q_start,
    )  # fmt: skip
    for n in (12, 9, 6):
        quarter = _months_back(this_quarter, n)
        unit_submit(
            actor=people["zyg_czs"], unit=finance, column="办事指南", task=quarterly,
            title=f"惠民惠农财政补贴资金申领办事指南（{quarter.year}年第"
            f"{(quarter.month - 1) // 3 + 1}季度更新）",
            body="申领条件、所需材料、办理时限、咨询电话。", at=_at(quarter.replace(day=15)),
        )  # fmt: skip

    # 自然资源所: a one-off task, met on time (the submission waits for the 局's 初审).
    station = agencies["ziran_station"]
    once_start = _months_back(today, 2)
    once = reporting_task_create(
        actor=people["zrj_xxy"], unit=station, title="报送耕地保护专项检查情况", rhythm="once",
        starts_on=once_start, due_on=once_start + datetime.timedelta(days=20),
    )  # fmt: skip
    sent = unit_submit(
        actor=people["zrs_xxy"], unit=station, column="工作动态", task=once,
        title="朱阳关自然资源所耕地保护专项检查情况", body="检查图斑32个，整改到位30个。",
        at=_at(once_start + datetime.timedelta(days=12)),
    )  # fmt: skip
    publication_submit(
        actor=people["zrj_xxy"], publication=sent.publication,
        at=_at(once_start + datetime.timedelta(days=13)),
    )  # fmt: skip
