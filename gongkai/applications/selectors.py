"""All reads of disclosure requests that depend on who asks, the deadline lists, and THE Table 3
count the annual report uses."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.workdays import CalendarMissing, WorkCalendar
from gongkai.core.errors import NotFoundOrForbidden
from gongkai.core.permissions import agency_q

from . import clock
from .choices import ONLINE_CORRECTION_NOTE, ApplicantType
from .conf import clock_options
from .lookup_secrets import lookup_secret_matches
from .models import Application, ApplicationEvent
from .outcomes import OUTCOME_CODES, T3_ROW_CODES

NOT_FOUND = "未找到该申请。"
CLOCK_KINDS = (
    clock.CORRECTION_REQUESTED,
    clock.CORRECTION_RECEIVED,
    clock.CONSULT_THIRD_PARTY,
    clock.CONSULT_AGENCY,
    clock.CONSULT_END,
    clock.EXTENSION,
    clock.FEE_NOTICE,
    clock.FEE_PAID,
)
SOON_WORKING_DAYS = 5


# ---------------------------------------------------------------------------------------------
# Per user


def applications_for_user(user) -> QuerySet[Application]:
    return Application.objects.filter(agency_q(user)).select_related("agency")


def application_for_user(user, pk) -> Application:
    """The request, or NotFoundOrForbidden for both a missing and a forbidden one."""
    try:
        return applications_for_user(user).get(pk=int(pk))
    except (Application.DoesNotExist, TypeError, ValueError):
        raise NotFoundOrForbidden(NOT_FOUND) from None


def application_lookup(*, query_code: str, secret: str) -> Application:
    """The applicant's own lookup by query code + secret. A missing code and a wrong secret get the
    same 'not found' after the same work (lookup_secrets)."""
    code = (query_code or "").strip().upper()
    app = (
        Application.objects.filter(query_code=code).select_related("agency").first()
        if code
        else None
    )
    if not lookup_secret_matches(secret, app.secret_hash if app else None):
        raise NotFoundOrForbidden(NOT_FOUND)
    return app


# ---------------------------------------------------------------------------------------------
# The clock for many requests: one query for the requests, one for their events, one calendar.


@dataclass
class DueRow:
    id: int
    number: str
    agency_id: int
    received_on: datetime.date
    status: str
    due: datetime.date | None = None
    correction_notice_due: datetime.date | None = None
    stopped: str = ""
    days_left: int | None = None
    overdue: bool = False
    error: str = ""
    correction_late: bool = False  # the 补正 notice went out after the 7-working-day limit

    @property
    def overdue_days(self) -> int | None:
        """Working days past the due date (positive), for the 逾期工作日 columns."""
        if not self.overdue or self.days_left is None:
            return None
        return -self.days_left


def clock_event(e) -> clock.ClockEvent:
    return clock.ClockEvent(e.kind, e.date, e.days, e.party_received_on, e.deadline)


def clock_for(
    app: Application, *, calendar: WorkCalendar | None = None, events: Iterable | None = None
) -> clock.ClockResult:
    """The clock of one request (events from prefetch when given)."""
    calendar = calendar or get_calendar()
    if events is None:
        events = app.events.all()
    return clock.compute(
        app.received_on,
        [clock_event(e) for e in events if e.kind in CLOCK_KINDS],
        calendar,
        today=timezone.localdate(),
        **clock_options(),
    )


def due_rows(
    queryset: QuerySet[Application],
    *,
    today: datetime.date | None = None,
    calendar: WorkCalendar | None = None,
) -> list[DueRow]:
    """Due date, days left and overdue flag of every OPEN request in `queryset`."""
    today = today or timezone.localdate()
    calendar = calendar or get_calendar()
    options = clock_options()
    open_qs = queryset.filter(replied_on__isnull=True)
    rows = [
        DueRow(*values)
        for values in open_qs.values_list("id", "number", "agency_id", "received_on", "status")
    ]
    events: dict[int, list[clock.ClockEvent]] = defaultdict(list)
    for app_id, kind, date, days, received, deadline in (
        ApplicationEvent.objects.filter(application__in=open_qs.values("id"), kind__in=CLOCK_KINDS)
        .order_by()  # compute() sorts each request's events itself
        .values_list("application_id", "kind", "date", "days", "party_received_on", "deadline")
    ):
        events[app_id].append(clock.ClockEvent(kind, date, days, received, deadline))
    plain: dict[datetime.date, clock.ClockResult | CalendarMissing] = {}  # requests w/o events
    left: dict[datetime.date, int] = {}
    for row in rows:
        row_events = events.get(row.id)
        try:
            if row_events:
                result = clock.compute(
                    row.received_on, row_events, calendar, today=today, **options
                )
            else:
                if row.received_on not in plain:
                    try:
                        plain[row.received_on] = clock.compute(row.received_on, (), calendar)
                    except CalendarMissing as exc:
                        plain[row.received_on] = exc
                result = plain[row.received_on]
                if isinstance(result, CalendarMissing):
                    raise result
        except CalendarMissing as exc:
            row.error = exc.message
            continue
        row.correction_notice_due = result.correction_notice_due
        row.correction_late = result.correction_notice_late
        row.due, row.stopped = result.due, result.stopped
        if result.due is not None:
            if result.due not in left:
                left[result.due] = clock.days_left(result.due, today, calendar)
            row.days_left = left[result.due]
            row.overdue = today > result.due
    return rows


def deadline_lists(
    queryset: QuerySet[Application],
    *,
    today: datetime.date | None = None,
    soon: int = SOON_WORKING_DAYS,
) -> dict[str, list[DueRow]]:
    """{"overdue": [...], "due_soon": [...], "stopped": [...], "error": [...], "all": [...]}."""
    rows = due_rows(queryset, today=today)
    overdue = sorted((r for r in rows if r.overdue), key=lambda r: r.due)
    soon_rows = sorted(
        (r for r in rows if r.due and not r.overdue and r.days_left <= soon), key=lambda r: r.due
    )
    return {
        "overdue": overdue,
        "due_soon": soon_rows,
        "stopped": [r for r in rows if r.stopped],
        "correction_late": [r for r in rows if r.correction_late],
        "error": [r for r in rows if r.error],
        "all": rows,
    }


def office_deadlines_for_user(user, *, today: datetime.date | None = None) -> dict:
    """The user's own office."""
    return deadline_lists(applications_for_user(user).filter(agency_id=user.agency_id), today=today)


def county_deadlines_for_user(user, *, today: datetime.date | None = None) -> dict:
    """Everything the user may see (a county office: its whole county)."""
    return deadline_lists(applications_for_user(user), today=today)


# ---------------------------------------------------------------------------------------------
# Table 3 (ledgers.md §1 counting rules), counted in SQL

T3_COLUMNS = (*ApplicantType.values, "total")


def table3_counts(*, agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Every Table 3 row code × every column code for the agencies and year.

    new: received in Y. carried_over: received before Y and not replied before 1 January Y.
    outcome rows: replied in Y, under the outcome. total: replied in Y. carried_forward: received by
    31 December Y and not replied by then. Since a reply is never before receipt (a constraint),
    new + carried_over = total + carried_forward in every column, by construction.
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    replied_in_year = Q(replied_on__lte=end)  # ≥ start is implied by the base filter
    aggregates = {
        "new": Count("id", filter=Q(received_on__gte=start)),
        "carried_over": Count("id", filter=Q(received_on__lt=start)),
        **{code: Count("id", filter=replied_in_year & Q(outcome=code)) for code in OUTCOME_CODES},
        "total": Count("id", filter=replied_in_year),
        "carried_forward": Count("id", filter=Q(replied_on__isnull=True) | Q(replied_on__gt=end)),
    }
    grouped = (
        Application.objects.filter(agency_id__in=list(agency_ids), received_on__lte=end)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .values("applicant_type")
        .annotate(**aggregates)
        .order_by()
    )
    result = {row: dict.fromkeys(T3_COLUMNS, 0) for row in T3_ROW_CODES}
    for group in grouped:
        column = group["applicant_type"]
        for row in T3_ROW_CODES:
            result[row][column] = group[row]
    for row in T3_ROW_CODES:
        result[row]["total"] = sum(result[row][c] for c in ApplicantType.values)
    return result


def fees_charged_yuan(*, agency_ids: list[int], year: int) -> Decimal:
    """Information processing fees charged on requests replied in `year` (section 六), in 元."""
    total = Application.objects.filter(
        agency_id__in=list(agency_ids), replied_on__year=year
    ).aggregate(s=Sum("fee_yuan"))["s"]
    return (total or Decimal(0)).quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------------------------
# Staff screens: the request list, the review queue and one request's case file

LIST_LIMIT = 300
DUE_FILTERS = {"soon": "即将到期（5个工作日内）", "overdue": "已逾期"}


@dataclass
class StaffRow:
    app: Application
    due: DueRow | None  # None for a request already replied to


def _rows(apps: list[Application], today: datetime.date) -> list[StaffRow]:
    ids = [app.pk for app in apps]
    due = {r.id: r for r in due_rows(Application.objects.filter(pk__in=ids), today=today)}
    return [StaffRow(app, due.get(app.pk)) for app in apps]


def staff_rows_for_user(
    user,
    *,
    status: str = "",
    due: str = "",
    today: datetime.date | None = None,
    limit: int = LIST_LIMIT,
) -> tuple[list[StaffRow], int]:
    """The requests the user may see, filtered by status ("open" = every open status) and by
    the clock ("soon": due within SOON_WORKING_DAYS working days, "overdue"). Returns the rows
    (at most `limit`) and how many matched."""
    from .choices import OPEN_STATUSES

    today = today or timezone.localdate()
    qs = applications_for_user(user)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if due in DUE_FILTERS:
        lists = deadline_lists(qs, today=today)
        wanted = lists["overdue" if due == "overdue" else "due_soon"]
        ids = [r.id for r in wanted]
        by_id = {a.pk: a for a in qs.filter(pk__in=ids[:limit])}
        rows = [StaffRow(by_id[r.id], r) for r in wanted[:limit]]
        return rows, len(wanted)
    total = qs.count()
    return _rows(list(qs.order_by("-received_on", "-id")[:limit]), today), total


REVIEW_STAGES = {"first": "first_review", "final": "final_review"}


def reviews_for_user(user, *, today: datetime.date | None = None) -> list[StaffRow]:
    """待我审核: 初审 for an 办公室主任, 终审 for a 分管领导, in the user's own agency (a
    superuser: both stages everywhere). Oldest receipt first."""
    from gongkai.core.choices import Role

    today = today or timezone.localdate()
    qs = applications_for_user(user)
    if user.is_superuser:
        qs = qs.filter(status__in=list(REVIEW_STAGES.values()))
    elif user.role == Role.OFFICE_HEAD:
        qs = qs.filter(agency_id=user.agency_id, status=REVIEW_STAGES["first"])
    elif user.role == Role.LEADER:
        qs = qs.filter(agency_id=user.agency_id, status=REVIEW_STAGES["final"])
    else:
        qs = qs.none()
    return _rows(list(qs.order_by("received_on", "id")), today)


@dataclass
class CaseFile:
    app: Application
    events: list
    letters: list
    clock: clock.ClockResult | None = None
    days_left: int | None = None
    overdue: bool = False
    paused_days: int = 0
    error: str = ""


def case_file_for_user(user, pk, *, today: datetime.date | None = None) -> CaseFile:
    """One request with its events, letters and clock; NotFoundOrForbidden as application_for_user."""
    today = today or timezone.localdate()
    app = application_for_user(user, pk)
    events = list(app.events.select_related("actor").order_by("date", "id"))
    letters = app.letters.select_related("replaces").order_by("issued_on", "seq")
    case = CaseFile(app=app, events=events, letters=list(letters))
    calendar = get_calendar()
    try:
        result = clock_for(app, calendar=calendar, events=events)
        case.clock = result
        case.paused_days = clock.paused_working_days(result, calendar, today)
        if result.due is not None and app.is_open:
            case.days_left = clock.days_left(result.due, today, calendar)
            case.overdue = clock.is_overdue(result.due, today)
    except CalendarMissing as exc:
        case.error = exc.message
    return case


# ---------------------------------------------------------------------------------------------
# The applicant's own view (lookup by query code + secret): never anything the office keeps for
# itself (review opinions, internal notes, the ID number, letters not yet delivered).

PUBLIC_EVENT_KINDS = (
    "registered",
    "correction_requested",
    "correction_received",
    "consult_third_party",
    "consult_agency",
    "consult_end",
    "extension",
    "fee_notice",
    "fee_paid",
    "delivered",
    "concluded",
    "withdrawn",
    "abandoned",
)
REPLIED_STATUSES = ("delivered", "concluded")


@dataclass
class ApplicantView:
    app: Application
    events: list
    clock: clock.ClockResult | None = None
    clock_error: str = ""
    correction: ApplicationEvent | None = None  # the 补正 notice while the office waits for it
    reply_letter: object = None  # the issued, non-voided reply letter once the reply is delivered
    corrections_sent: list = field(default_factory=list)  # (date, text) of the applicant's 网上补正


def applicant_view(app: Application) -> ApplicantView:
    """What the holder of the query code and secret sees of their own request."""
    events = list(app.events.order_by("date", "id"))
    view = ApplicantView(app=app, events=[e for e in events if e.kind in PUBLIC_EVENT_KINDS])
    if app.is_open:
        try:
            view.clock = clock_for(app, events=events)
        except CalendarMissing as exc:
            view.clock_error = exc.message
    if app.status == "awaiting_correction":
        view.correction = next(
            (e for e in reversed(events) if e.kind == clock.CORRECTION_REQUESTED), None
        )
    view.reply_letter = reply_letter_for_holder(app)
    view.corrections_sent = [
        (e.date, e.note.removeprefix(ONLINE_CORRECTION_NOTE))
        for e in events
        if e.kind == clock.CORRECTION_RECEIVED and e.note.startswith(ONLINE_CORRECTION_NOTE)
    ]
    return view


def reply_letter_for_holder(app: Application):
    """The reply letter the applicant may read: issued, not voided, of a delivered reply. Call it only
    with a request found by application_lookup (query code + secret)."""
    if app.status not in REPLIED_STATUSES:
        return None
    return (
        app.letters.select_related("agency")
        .filter(kind__startswith="reply_", voided_on__isnull=True)
        .order_by("-issued_on", "-seq")
        .first()
    )
