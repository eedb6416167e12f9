"""Reads about units: each task period's state, the reminders due, what a person may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing
from gongkai.core.models import Agency
from gongkai.core.permissions import visible_agencies

from .choices import REMIND_WORKING_DAYS_BEFORE, PeriodState, ReminderKind
from .models import ReportingTask, UnitSubmission
from .periods import Period, periods_until


@dataclass
class TaskPeriod:
    task: ReportingTask
    period: Period
    state: str
    label: str
    working_days_left: int | None = None  # until the due date (due_soon) or past it (overdue)

    @property
    def state_label(self) -> str:
        return PeriodState(self.state).label

    @property
    def reminder_kind(self) -> str | None:
        return {
            PeriodState.DUE_SOON: ReminderKind.BEFORE,
            PeriodState.OVERDUE: ReminderKind.AFTER,
        }.get(self.state)


def tasks_for_user(user) -> QuerySet[ReportingTask]:
    """Tasks of units the person may see, or tasks their own office assigned."""
    agencies = visible_agencies(user)
    return ReportingTask.objects.filter(unit__in=agencies) | ReportingTask.objects.filter(
        office__in=agencies
    )


def submissions_for_user(user) -> QuerySet[UnitSubmission]:
    agencies = visible_agencies(user)
    return (
        UnitSubmission.objects.filter(unit__in=agencies)
        | UnitSubmission.objects.filter(office__in=agencies)
    ).select_related("unit", "office", "publication", "task")


def task_periods(
    tasks, *, today: datetime.date | None = None, before: int = REMIND_WORKING_DAYS_BEFORE
) -> list[TaskPeriod]:
    """Every started period of every task, with its state on `today` (met, open, due soon, overdue).
    A period is met by a submission for the task in that period (one query for all tasks)."""
    today = today or timezone.localdate()
    tasks = list(tasks)
    met = set(
        UnitSubmission.objects.filter(task__in=[t.pk for t in tasks], period_start__isnull=False)
        .values_list("task_id", "period_start")
        .distinct()
    )
    calendar = get_calendar()
    rows = []
    for task in tasks:
        for period in periods_until(task.rhythm, task.starts_on, task.due_on, today, task.ends_on):
            row = TaskPeriod(task, period, PeriodState.OPEN, period.label(task.rhythm))
            if (task.pk, period.start) in met:
                row.state = PeriodState.MET
            elif today > period.due:
                row.state = PeriodState.OVERDUE
                row.working_days_left = _working_days(calendar, period.due, today)
            else:
                left = _working_days(calendar, today, period.due)
                row.working_days_left = left
                if left is not None and left <= before:
                    row.state = PeriodState.DUE_SOON
            rows.append(row)
    return rows


def _working_days(calendar, start, end) -> int | None:
    try:
        return calendar.working_days_between(start, end)
    except CalendarMissing:
        return None


def reminders_for_agencies(agencies, *, today: datetime.date | None = None) -> list[TaskPeriod]:
    """What the 工作台 of a unit or its office shows: unmet periods due soon or overdue."""
    ids = [a.pk if isinstance(a, Agency) else a for a in agencies]
    tasks = ReportingTask.objects.filter(unit_id__in=ids) | ReportingTask.objects.filter(
        office_id__in=ids
    )
    rows = task_periods(tasks.select_related("unit", "office").distinct(), today=today)
    return [r for r in rows if r.reminder_kind]


def reminders_for_user(user, *, today: datetime.date | None = None) -> list[TaskPeriod]:
    if not user.is_authenticated or user.agency_id is None:
        return []
    return reminders_for_agencies([user.agency_id], today=today)
