"""The records behind a figure (drill-down): the publications or requests that were counted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.selectors import due_rows
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing
from gongkai.core.errors import UserError
from gongkai.publications.choices import PROACTIVE_DEADLINE_WORKING_DAYS
from gongkai.publications.models import Publication

from . import figures
from .periods import Period

LIMIT = 1000
KINDS = {
    "published": "本期发布的主动公开信息",
    "timely": "有成文日期的本期发布信息（按时/超期）",
    "late": "超期发布的信息",
    "catalogue": "本期发布的主动公开信息（按栏目）",
    "requests": "本期答复的申请（按期/超期）及本期到期、期末仍未答复的申请",
    "overdue": "已逾期未答复的申请",
}


UNANSWERED = "逾期未答复"


@dataclass
class RecordRow:
    label: str
    url: str
    date: datetime.date | None
    detail: str
    flag: str = ""


def records(agency_ids: list[int], kind: str, period: Period) -> list[RecordRow]:
    if kind not in KINDS:
        raise UserError(f"未知的明细类型“{kind}”。可选：{'、'.join(KINDS)}。")
    if kind in ("published", "timely", "late", "catalogue"):
        return _publications(agency_ids, kind, period)
    if kind == "requests":
        return _replies(agency_ids, period)
    return _overdue(agency_ids)


def _publications(agency_ids, kind, period) -> list[RecordRow]:
    qs = Publication.objects.filter(figures.published_items(agency_ids, period)).select_related(
        "column", "agency"
    )
    if kind in ("timely", "late"):
        qs = qs.filter(formed_on__isnull=False)
    calendar = get_calendar()
    out = []
    for p in qs.order_by("published_on", "id")[: LIMIT * (3 if kind == "late" else 1)]:
        flag = ""
        if kind in ("timely", "late"):
            try:
                deadline = calendar.add_working_days(p.formed_on, PROACTIVE_DEADLINE_WORKING_DAYS)
            except CalendarMissing:
                continue
            flag = "按时" if p.published_on <= deadline else "超期"
            if kind == "late" and flag != "超期":
                continue
            detail = f"成文 {p.formed_on}，期限 {deadline}，发布 {p.published_on}"
        else:
            detail = f"{p.agency.name} · {p.column.name if p.column else '未分栏目'}"
        out.append(RecordRow(p.title, f"/publications/staff/{p.pk}/", p.published_on, detail, flag))
    return out[:LIMIT]


def _replies(agency_ids, period) -> list[RecordRow]:
    """The requests answered in the period, then those due in it and unanswered at its end
    (answered later, or still open) — the rows behind `figures.requests_on_time`."""
    rows = figures.reply_rows(agency_ids, period)[:LIMIT]
    apps = Application.objects.in_bulk([r[0] for r in rows])
    out = []
    for app_id, _agency, on_time in rows:
        app = apps[app_id]
        flag = "无法计算" if on_time is None else ("按期" if on_time else "超期")
        out.append(
            RecordRow(
                app.number,
                f"/requests/staff/{app.pk}/",
                app.replied_on,
                f"收到 {app.received_on}，答复 {app.replied_on}",
                flag,
            )
        )
    after = period.end + datetime.timedelta(days=1)
    later = [
        (app_id, due)
        for app_id, _agency, _replied, due in figures.replies_between(
            agency_ids, after, figures.LAST_DAY
        )
        if due is not None and period.start <= due <= period.end
    ][:LIMIT]
    apps = Application.objects.in_bulk([app_id for app_id, _due in later])
    for app_id, due in later:
        app = apps[app_id]
        out.append(
            RecordRow(
                app.number,
                f"/requests/staff/{app.pk}/",
                due,
                f"收到 {app.received_on}，期限 {due}，期末未答复（{app.replied_on} 答复）",
                UNANSWERED,
            )
        )
    for r in figures.overdue_open(agency_ids, period, today=timezone.localdate())[:LIMIT]:
        out.append(
            RecordRow(
                r.number,
                f"/requests/staff/{r.id}/",
                r.due,
                f"收到 {r.received_on}，期限 {r.due}，至今未答复",
                UNANSWERED,
            )
        )
    return out[:LIMIT]


def _overdue(agency_ids) -> list[RecordRow]:
    rows = [
        r
        for r in due_rows(
            Application.objects.filter(agency_id__in=agency_ids), today=timezone.localdate()
        )
        if r.overdue
    ]
    return [
        RecordRow(
            r.number,
            f"/requests/staff/{r.id}/",
            r.due,
            f"收到 {r.received_on}，期限 {r.due}",
            "逾期",
        )
        for r in sorted(rows, key=lambda r: r.due)[:LIMIT]
    ]
