"""Properties of the legal clock that must hold for every date, not only the worked examples."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications import clock

D = datetime.date
dates = st.dates(min_value=D(2005, 1, 1), max_value=D(2025, 6, 30))
gaps = st.integers(min_value=0, max_value=40)  # calendar days


@settings(max_examples=300, deadline=None)
@given(received=dates)
def test_the_reply_is_due_on_the_20th_working_day_after_receipt(official_calendar, received):
    due = clock.compute(received, [], official_calendar).due
    assert official_calendar.is_working_day(due)
    assert official_calendar.working_days_between(received, due) == clock.REPLY_DAYS


@settings(max_examples=300, deadline=None)
@given(received=dates, start_gap=gaps, length=gaps)
def test_a_pause_never_brings_the_due_date_forward(official_calendar, received, start_gap, length):
    start = received + datetime.timedelta(days=start_gap)
    end = start + datetime.timedelta(days=length)
    plain = clock.compute(received, [], official_calendar).due
    paused = clock.reply_due(received, official_calendar, paused=[(start, end)]).due
    assert paused >= plain
    # A pause that begins after the deadline has passed changes nothing.
    if start > plain:
        assert paused == plain


@settings(max_examples=300, deadline=None)
@given(received=dates, start_gap=gaps, length=st.integers(min_value=0, max_value=80))
def test_capping_third_party_pauses_never_gives_a_later_date(
    official_calendar, received, start_gap, length
):
    start = received + datetime.timedelta(days=start_gap)
    events = [
        clock.ClockEvent(clock.CONSULT_THIRD_PARTY, start),
        clock.ClockEvent(clock.CONSULT_END, start + datetime.timedelta(days=length)),
    ]
    capped = clock.compute(received, events, official_calendar).due
    uncapped = clock.compute(received, events, official_calendar, cap_third_party=False).due
    assert capped <= uncapped


@settings(max_examples=300, deadline=None)
@given(received=dates, days=st.integers(min_value=1, max_value=clock.MAX_EXTENSION_DAYS))
def test_an_extension_adds_exactly_its_working_days(official_calendar, received, days):
    plain = clock.compute(received, [], official_calendar).due
    extended = clock.reply_due(received, official_calendar, extension_days=days).due
    assert official_calendar.working_days_between(plain, extended) == days


@settings(max_examples=200, deadline=None)
@given(received=dates, notice_gap=gaps, paid_gap=gaps)
def test_by_default_the_fee_period_does_not_move_the_due_date(
    official_calendar, received, notice_gap, paid_gap
):
    notice = received + datetime.timedelta(days=notice_gap)
    events = [
        clock.ClockEvent(clock.FEE_NOTICE, notice),
        clock.ClockEvent(clock.FEE_PAID, notice + datetime.timedelta(days=paid_gap)),
    ]
    plain = clock.compute(received, [], official_calendar).due
    assert clock.compute(received, events, official_calendar).due == plain
    assert clock.compute(received, events, official_calendar, fee_pauses=True).due >= plain
