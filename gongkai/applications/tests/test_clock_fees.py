"""The spec's worked examples (requests-deadlines-fees.md §2 and §4), table-driven."""

import datetime
from decimal import Decimal

import pytest

from gongkai.applications import clock, fees
from gongkai.calendars.workdays import CalendarMissing

D = datetime.date.fromisoformat


# (received, extension days, reply due, correction-notice due or None) — numbers FROM THE SPEC §2.
DEADLINE_EXAMPLES = [
    ("2025-09-25", 0, "2025-10-29", "2025-10-11"),
    ("2025-09-25", 20, "2025-11-26", "2025-10-11"),
    ("2025-01-20", 0, "2025-02-21", None),
    ("2025-12-31", 0, "2026-01-29", None),
    ("2026-01-30", 0, "2026-03-05", None),
]


@pytest.mark.parametrize("received,ext,due,notice", DEADLINE_EXAMPLES)
def test_spec_deadline_examples(official_calendar, received, ext, due, notice):
    result = clock.reply_due(D(received), official_calendar, extension_days=ext)
    assert result.due == D(due)
    if notice:
        assert result.correction_notice_due == D(notice)


# Numbers FROM THE SPEC §4.
ITEM_EXAMPLES = [(10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (50, 7000)]
PAGE_EXAMPLES = [(30, 0), (31, 10), (100, 700), (150, 1700), (200, 2700), (250, 4700)]


@pytest.mark.parametrize("n,yuan", ITEM_EXAMPLES)
def test_spec_item_fees(n, yuan):
    assert fees.item_fee_cumulative(n) == Decimal(yuan)


@pytest.mark.parametrize("p,yuan", PAGE_EXAMPLES)
def test_spec_page_fees(p, yuan):
    assert fees.page_fee(p) == Decimal(yuan)


def test_item_fee_is_cumulative_within_the_month():
    # 25 items earlier this month, 10 more now: items 26–30 at 100, 31–35 at 200 (spec bands).
    assert fees.item_fee(10, earlier_items_this_month=25) == Decimal(5 * 100 + 5 * 200)
    assert fees.item_fee(5) == 0


def test_correction_restarts_the_period(official_calendar):
    # Corrected application received Tue 2025-09-30: day 1 is Thu 10-09 (10/1–10/8 off),
    # Sat 10-11 is a working day; 20th working day is 2025-11-04.
    r = clock.reply_due(D("2025-09-25"), official_calendar, correction_received=D("2025-09-30"))
    assert r.period_start == D("2025-09-30")
    assert r.due == D("2025-11-04")


def test_awaiting_correction_stops_the_clock(official_calendar):
    r = clock.compute(
        D("2025-09-25"),
        [clock.ClockEvent(clock.CORRECTION_REQUESTED, D("2025-09-26"))],
        official_calendar,
    )
    assert r.due is None and r.stopped == "correction"
    assert r.correction_notice_due == D("2025-10-11")


def test_pause_is_not_counted(official_calendar):
    # Received Mon 2025-03-03. Letter out Fri 03-07 (4 days used: 4,5,6,7), answer Fri 03-21.
    # 16 days left from 03-21: 24..28 (5), 31..4/3 (9), 4/4 清明 off, 4/7..11 (14), 14 (15), 15 (16).
    r = clock.reply_due(
        D("2025-03-03"), official_calendar, paused=[(D("2025-03-07"), D("2025-03-21"))]
    )
    assert r.days_used == 4
    assert r.due == D("2025-04-15")


def test_pause_after_the_deadline_does_not_move_it(official_calendar):
    r = clock.reply_due(
        D("2025-01-20"), official_calendar, paused=[(D("2025-03-03"), D("2025-03-10"))]
    )
    assert r.due == D("2025-02-21")


@pytest.mark.parametrize("pauses_clock,due", [(True, "2025-04-15"), (False, "2025-03-31")])
def test_fee_period_pause_setting(official_calendar, pauses_clock, due):
    # Received 2025-03-03 (due 2025-03-31 without pauses). Fee notice 03-07, paid 03-21.
    events = [
        clock.ClockEvent(clock.FEE_NOTICE, D("2025-03-07")),
        clock.ClockEvent(clock.FEE_PAID, D("2025-03-21")),
    ]
    r = clock.compute(D("2025-03-03"), events, official_calendar, fee_pauses=pauses_clock)
    assert r.due == D(due)
    # The applicant pays within 20 working days from the day after the notice: 03-07 + 20 = 04-07
    # (04-04 清明 off).
    assert r.fee_payment_due == D("2025-04-07")


def test_third_party_answer_due(official_calendar):
    events = [clock.ClockEvent(clock.CONSULT_THIRD_PARTY, D("2025-10-17"))]
    r = clock.compute(D("2025-09-25"), events, official_calendar)
    assert r.stopped == "consulting" and r.due is None
    # 15 working days after Fri 10-17: 10/20–24 (5), 10/27–31 (10), 11/3–7 (15).
    assert r.third_party_answer_due == D("2025-11-07")


def test_days_left_and_overdue(official_calendar):
    due = D("2025-10-29")
    assert clock.days_left(due, D("2025-10-27"), official_calendar) == 2
    assert clock.days_left(due, due, official_calendar) == 0
    assert clock.days_left(due, D("2025-10-31"), official_calendar) == -2
    assert clock.is_overdue(due, D("2025-10-30")) and not clock.is_overdue(due, due)


def test_beyond_the_calendar_raises(official_calendar):
    with pytest.raises(CalendarMissing) as exc:
        clock.reply_due(D("2026-12-20"), official_calendar)
    assert "2027" in exc.value.message


# Received Thu 2025-09-25 (due 10-29 without pauses). Third-party letter Fri 10-17: working days
# used up to and including 10-17: 9/26, 9/28 (调休), 9/29, 9/30, 10/9, 10/10, 10/11 (调休), 10/13–17
# = 12, so 8 remain. The third party's window ends on the 15th working day after 10-17: 11-07.
def test_late_third_party_answer_pauses_only_its_window(official_calendar):
    events = [
        clock.ClockEvent(clock.CONSULT_THIRD_PARTY, D("2025-10-17")),
        clock.ClockEvent(clock.CONSULT_END, D("2025-11-21")),  # answered two weeks late
    ]
    capped = clock.compute(D("2025-09-25"), events, official_calendar)
    # Counting resumes after 11-07: 11/10–14 (5), 11/17–19 (8).
    assert capped.due == D("2025-11-19")
    uncapped = clock.compute(D("2025-09-25"), events, official_calendar, cap_third_party=False)
    # Counting resumes after 11-21: 11/24–28 (5), 12/1–3 (8).
    assert uncapped.due == D("2025-12-03")


def test_unanswered_third_party_stops_the_clock_only_until_its_window_ends(official_calendar):
    events = [clock.ClockEvent(clock.CONSULT_THIRD_PARTY, D("2025-10-17"))]
    waiting = clock.compute(D("2025-09-25"), events, official_calendar, today=D("2025-11-07"))
    assert waiting.due is None and waiting.stopped == "consulting"
    silent = clock.compute(D("2025-09-25"), events, official_calendar, today=D("2025-11-10"))
    assert silent.due == D("2025-11-19") and not silent.stopped
    never = clock.compute(
        D("2025-09-25"), events, official_calendar, today=D("2026-01-05"), cap_third_party=False
    )
    assert never.due is None


def test_fee_pause_ends_with_the_payment_window(official_calendar):
    # Received Mon 2025-03-03; fee notice Fri 03-07; the payment window ends 04-07 (see above).
    # Used through 03-07: 03/04–07 = 4, so 16 remain after the window: 04/08–11 (4), 04/14–18 (9),
    # 04/21–25 (14), Sun 04/27 (15, 劳动节调休上班), 04/28 (16).
    events = [clock.ClockEvent(clock.FEE_NOTICE, D("2025-03-07"))]
    r = clock.compute(
        D("2025-03-03"), events, official_calendar, fee_pauses=True, today=D("2025-04-08")
    )
    assert r.due == D("2025-04-28")
