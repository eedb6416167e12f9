"""The legal clock of a request, as PURE functions: (receipt date, events, calendar, settings) → dates.

Rules (spec requests-deadlines-fees.md §2, 条例 Art. 30–33):
- Working days are counted with the legal convention: the trigger day is not counted, day 1 is the
  next working day (`WorkCalendar.add_working_days`).
- Reply due: 20 working days from receipt (Art. 33).
- Correction (补正, Art. 30): the notice is due within 7 working days of receipt; while the applicant
  has not returned the corrected application the clock does not run, and the 20 days RESTART from the
  day the corrected application is received (the latest receipt counts).
- Consulting a third party (Art. 32) or another agency (Art. 33 ¶3, Art. 34) is not counted: a pause
  up to the day the answer arrives. The working days up to and including the start day are used;
  counting resumes on the first working day after the end day. The consulted party has 15 working
  days to answer, counted from the day it RECEIVED the letter (Art. 32, 34: 自收到征求意见书之日起).
  The pause starts on that day of receipt (setting GONGKAI_CONSULTATION_PAUSE_FROM_RECEIPT, default
  True — fewer days paused, the earlier due date) or, with the setting False, on the day the letter
  goes out. An agency's silence is consent (Art. 34): its pause always ends with its window.
- Extension (Art. 33 ¶2): once, at most 20 working days, added to the period.
- The third party's silence does not stop the clock for ever: past its 15-working-day window the
  office decides alone (Art. 32), so a consultation pause ends at the latest on the window's last day
  (setting GONGKAI_THIRD_PARTY_PAUSE_CAPPED, default True — the earlier due date).
- Fee notice (国办函〔2020〕109号): the applicant pays within 20 working days from the day after
  receiving the notice (the window runs from the applicant's receipt, the notice date when unknown). Whether that time is
  counted is read differently from place to place: with GONGKAI_FEE_PERIOD_PAUSES_CLOCK True the time
  from notice to payment is a pause like a consultation, ending at the latest with the payment
  window; the default is False, the safer reading (the clock keeps running, the earlier due date).
A date beyond the calendar data raises `CalendarMissing` — never guessed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from gongkai.calendars.workdays import WorkCalendar

REPLY_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
MAX_EXTENSION_DAYS = 20
FEE_PAYMENT_DAYS = 20

# Event kinds the clock reads (the same codes as choices.EventKind; kept as strings to stay pure).
CORRECTION_REQUESTED = "correction_requested"
CORRECTION_RECEIVED = "correction_received"
CONSULT_THIRD_PARTY = "consult_third_party"
CONSULT_AGENCY = "consult_agency"
CONSULT_END = "consult_end"
EXTENSION = "extension"
FEE_NOTICE = "fee_notice"
FEE_PAID = "fee_paid"
OTHER_PAUSE = "pause_other"  # an uncapped pause given by hand (`gongkai deadline --paused`)


# Same-day order: a start comes before its end (the database does not order events for us).
_RANK = {
    CORRECTION_REQUESTED: 0,
    CONSULT_THIRD_PARTY: 0,
    CONSULT_AGENCY: 0,
    OTHER_PAUSE: 0,
    FEE_NOTICE: 0,
}
_CONSULT_KINDS = (CONSULT_THIRD_PARTY, CONSULT_AGENCY, OTHER_PAUSE)


def _key(event: ClockEvent) -> tuple:
    return (event.date, _RANK.get(event.kind, 1))


@dataclass(frozen=True)
class ClockEvent:
    kind: str
    date: datetime.date
    days: int = 0  # extension length in working days
    received: datetime.date | None = None  # the other side received the letter (consult, fee)
    deadline: datetime.date | None = None  # the 补正期限 of a correction notice

    @property
    def window_start(self) -> datetime.date:
        return self.received or self.date


@dataclass(frozen=True)
class Pause:
    start: datetime.date
    end: datetime.date | None
    kind: str
    window_start: datetime.date | None = None  # the day the consulted party / applicant received


@dataclass
class ClockResult:
    received_on: datetime.date
    period_start: datetime.date  # receipt, or receipt of the corrected application
    correction_notice_due: datetime.date
    due: datetime.date | None  # None while the clock is stopped (awaiting correction, open pause)
    stopped: str = ""  # why `due` is None: "correction", "consulting", "fee"
    days_used: int = 0
    days_allowed: int = REPLY_DAYS
    third_party_answer_due: datetime.date | None = None
    fee_payment_due: datetime.date | None = None
    pauses: list[Pause] = field(default_factory=list)
    correction_notice_on: datetime.date | None = None  # the day the 补正 notice went out
    correction_deadline: datetime.date | None = None  # its 补正期限
    original_due: datetime.date | None = None  # the due date without the extension

    @property
    def correction_notice_late(self) -> bool:
        """Art. 30: the 补正 notice is due within 7 working days of receipt."""
        return bool(
            self.correction_notice_on and self.correction_notice_on > self.correction_notice_due
        )

    @property
    def days_remaining(self) -> int:
        return self.days_allowed - self.days_used


def _start(ev: ClockEvent, from_receipt: bool) -> datetime.date:
    if ev.kind in (CONSULT_THIRD_PARTY, CONSULT_AGENCY) and from_receipt:
        return ev.window_start
    return ev.date


def pauses_from_events(
    events: Iterable[ClockEvent], *, fee_pauses: bool = True, from_receipt: bool = True
) -> list[Pause]:
    """Pairs start and end events in date order. Consultation starts pair with CONSULT_END,
    fee notices with FEE_PAID."""
    pauses: list[Pause] = []
    open_consult: ClockEvent | None = None
    open_fee: ClockEvent | None = None
    for ev in sorted(events, key=_key):
        if ev.kind in _CONSULT_KINDS and open_consult is None:
            open_consult = ev
        elif ev.kind == CONSULT_END and open_consult is not None:
            start = _start(open_consult, from_receipt)
            pauses.append(
                Pause(start, max(ev.date, start), open_consult.kind, open_consult.window_start)
            )
            open_consult = None
        elif ev.kind == FEE_NOTICE and fee_pauses and open_fee is None:
            open_fee = ev
        elif ev.kind == FEE_PAID and open_fee is not None:
            pauses.append(Pause(open_fee.date, ev.date, FEE_NOTICE, open_fee.window_start))
            open_fee = None
    for ev in (open_consult, open_fee):
        if ev is not None:
            pauses.append(Pause(_start(ev, from_receipt), None, ev.kind, ev.window_start))
    return sorted(pauses, key=lambda p: p.start)


def compute(
    received_on: datetime.date,
    events: Iterable[ClockEvent],
    calendar: WorkCalendar,
    *,
    fee_pauses: bool = False,
    cap_third_party: bool = True,
    consultation_from_receipt: bool = True,
    today: datetime.date | None = None,
) -> ClockResult:
    """`today`, when given, closes a pause whose answer or payment window has run out unanswered."""
    events = sorted(events, key=_key)
    extensions = [e for e in events if e.kind == EXTENSION]
    if extensions:
        without = [e for e in events if e.kind != EXTENSION]
        result = compute(
            received_on,
            without,
            calendar,
            fee_pauses=fee_pauses,
            cap_third_party=cap_third_party,
            consultation_from_receipt=consultation_from_receipt,
            today=today,
        )
        original = result.due
        result = _compute(
            received_on,
            events,
            calendar,
            fee_pauses,
            cap_third_party,
            consultation_from_receipt,
            today,
        )
        result.original_due = original
        return result
    result = _compute(
        received_on, events, calendar, fee_pauses, cap_third_party, consultation_from_receipt, today
    )
    result.original_due = result.due
    return result


def _compute(
    received_on: datetime.date,
    events: list[ClockEvent],
    calendar: WorkCalendar,
    fee_pauses: bool,
    cap_third_party: bool,
    from_receipt: bool,
    today: datetime.date | None,
) -> ClockResult:
    if not events:  # the common case: no correction, pause or extension
        return ClockResult(
            received_on=received_on,
            period_start=received_on,
            correction_notice_due=calendar.add_working_days(received_on, CORRECTION_NOTICE_DAYS),
            due=calendar.add_working_days(received_on, REPLY_DAYS),
        )
    result = ClockResult(
        received_on=received_on,
        period_start=received_on,
        correction_notice_due=calendar.add_working_days(received_on, CORRECTION_NOTICE_DAYS),
        due=None,
    )
    # Correction: the latest receipt of a corrected application restarts the period.
    requested = [e for e in events if e.kind == CORRECTION_REQUESTED]
    received = [e for e in events if e.kind == CORRECTION_RECEIVED]
    if requested:
        result.correction_notice_on = requested[0].date
        result.correction_deadline = requested[-1].deadline
    if requested and (not received or received[-1].date < requested[-1].date):
        result.stopped = "correction"
        return result
    if received:
        result.period_start = received[-1].date
    start = result.period_start
    result.days_allowed = REPLY_DAYS + sum(
        min(e.days, MAX_EXTENSION_DAYS) for e in events if e.kind == EXTENSION
    )
    pauses = [
        p
        for p in pauses_from_events(events, fee_pauses=fee_pauses, from_receipt=from_receipt)
        if p.start >= start
    ]
    pauses = [_capped(p, calendar, cap_third_party, today) for p in pauses]
    result.pauses = pauses
    for ev in events:
        if ev.kind == CONSULT_THIRD_PARTY and ev.date >= start:
            result.third_party_answer_due = calendar.add_working_days(
                ev.window_start, THIRD_PARTY_DAYS
            )
        if ev.kind == FEE_NOTICE and ev.date >= start:
            result.fee_payment_due = calendar.add_working_days(ev.window_start, FEE_PAYMENT_DAYS)
    # Walk the running segments: [start, pause.start], then from pause.end onwards.
    used = 0
    cursor = start
    for pause in pauses:
        if pause.start < cursor:  # overlapping or nested pause: counted from the later end
            if pause.end is None:
                result.days_used = used
                result.stopped = "fee" if pause.kind == FEE_NOTICE else "consulting"
                return result
            cursor = max(cursor, pause.end)
            continue
        segment = calendar.working_days_between(cursor, pause.start)
        if used + segment >= result.days_allowed:
            break  # the deadline fell before this pause began
        used += segment
        if pause.end is None:
            result.days_used = used
            result.stopped = "fee" if pause.kind == FEE_NOTICE else "consulting"
            return result
        cursor = pause.end
    result.days_used = used
    result.due = calendar.add_working_days(cursor, result.days_allowed - used)
    return result


def _capped(
    pause: Pause, calendar: WorkCalendar, cap_third_party: bool, today: datetime.date | None
) -> Pause:
    """A pause with a statutory window ends at the latest on the window's last day, counted from
    the day the other side received the letter: third party 15 working days (Art. 32, with
    `cap_third_party`), another agency 15 (Art. 34: silence is consent), fee payment 20. An open
    one whose window has run out by `today` is closed there."""
    if pause.kind == CONSULT_THIRD_PARTY and cap_third_party:
        window = THIRD_PARTY_DAYS
    elif pause.kind == CONSULT_AGENCY:
        window = THIRD_PARTY_DAYS
    elif pause.kind == FEE_NOTICE:
        window = FEE_PAYMENT_DAYS
    else:
        return pause
    last_day = max(
        calendar.add_working_days(pause.window_start or pause.start, window), pause.start
    )
    if pause.end is None:
        if today and today > last_day:
            return Pause(pause.start, last_day, pause.kind, pause.window_start)
        return pause
    return Pause(pause.start, min(pause.end, last_day), pause.kind, pause.window_start)


def days_left(due: datetime.date, today: datetime.date, calendar: WorkCalendar) -> int:
    """Working days left until `due` (0 on the due day itself); negative when overdue."""
    if today <= due:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


def is_overdue(due: datetime.date | None, today: datetime.date) -> bool:
    return due is not None and today > due


def reply_due(
    received_on: datetime.date,
    calendar: WorkCalendar,
    *,
    correction_received: datetime.date | None = None,
    paused: Iterable[tuple[datetime.date, datetime.date]] = (),
    consultations: Iterable[tuple[datetime.date, datetime.date | None]] = (),
    extension_days: int = 0,
    extended_on: datetime.date | None = None,
) -> ClockResult:
    """Convenience wrapper for the CLI and tests. `consultations`: (day the consulted party received
    the letter, day its answer arrived or None); each pause ends at the answer or at the end of the
    15-working-day window, whichever is earlier."""
    events = []
    for a, b in consultations:
        window_end = calendar.add_working_days(a, THIRD_PARTY_DAYS)
        end = window_end if b is None else min(b, window_end)
        events += [ClockEvent(CONSULT_AGENCY, a, received=a), ClockEvent(CONSULT_END, end)]
    if correction_received:
        events += [
            ClockEvent(CORRECTION_REQUESTED, received_on),
            ClockEvent(CORRECTION_RECEIVED, correction_received),
        ]
    for a, b in paused:
        events += [ClockEvent(OTHER_PAUSE, a), ClockEvent(CONSULT_END, b)]
    if extension_days:
        events.append(ClockEvent(EXTENSION, extended_on or received_on, extension_days))
    return compute(received_on, events, calendar)


def paused_working_days(result: ClockResult, calendar: WorkCalendar, today: datetime.date) -> int:
    """Working days not counted because of pauses (consultations, the fee period): the days after
    each pause began up to its end (or up to `today` while it is still open)."""
    total = 0
    for pause in result.pauses:
        end = pause.end or max(today, pause.start)
        total += calendar.working_days_between(pause.start, end)
    return total
