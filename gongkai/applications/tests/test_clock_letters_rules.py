"""The clock and fee rules of issue 8 (spec requests-deadlines-fees.md §2, §4; 条例 Art. 30, 32–34):
the 11th application of a month is charged; an extension after the due date is refused; a silent
party's pause is capped; the deadline command's new options, including JSON errors."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command

from gongkai.applications import clock, services
from gongkai.applications.models import Application
from gongkai.core.errors import UserError

from .factories import register

D = datetime.date.fromisoformat


def at(day: str):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00+08:00"), tick=False)


@pytest.mark.django_db
def test_eleventh_application_of_the_month_is_charged(county, personas):
    clerk = personas["clerk"]
    with at("2025-11-28"):
        for day in range(3, 13):  # ten free applications, none charged
            register(clerk, county["town"], received=f"2025-11-{day:02d}")
        other_month = register(clerk, county["town"], received="2025-10-31")
        eleventh = register(clerk, county["town"], received="2025-11-14")
        services.application_start_processing(actor=clerk, application=eleventh)
        services.application_send_fee_notice(
            actor=clerk, application=eleventh, method="items", quantity=1, date=D("2025-11-17")
        )
        # The month's 1st application of another applicant stays free.
        stranger = register(
            clerk, county["town"], received="2025-11-14", id_number="410122198001011235"
        )
        services.application_start_processing(actor=clerk, application=stranger)
        with pytest.raises(UserError, match="免费额度"):
            services.application_send_fee_notice(
                actor=clerk, application=stranger, method="items", quantity=1, date=D("2025-11-17")
            )
    assert Application.objects.get(pk=eleventh.pk).fee_yuan == 100  # spec §4: n=11 → 100 元
    assert other_month.fee_yuan == 0


@pytest.mark.django_db
def test_extension_only_on_or_before_the_original_due_date(county, personas):
    head = personas["office_head"]
    # Spec §2: received 2025-09-25 → due 2025-10-29; extended by 20 → 2025-11-26.
    with at("2025-10-30"):
        app = register(personas["clerk"], county["town"], received="2025-09-25")
        services.application_start_processing(actor=personas["clerk"], application=app)
        with pytest.raises(UserError, match="晚于原答复期限（2025-10-29）"):
            services.application_extend(
                actor=head, application=app, date=D("2025-10-30"), reason="调档"
            )
        assert not app.events.filter(kind="extension").exists()
        services.application_extend(
            actor=head, application=app, date=D("2025-10-29"), reason="调档"
        )
        with pytest.raises(UserError, match="只能延长一次"):
            services.application_extend(
                actor=head, application=app, date=D("2025-10-29"), days=5, reason="再延"
            )
    from gongkai.applications.selectors import clock_for

    result = clock_for(app)
    assert result.due == D("2025-11-26") and result.original_due == D("2025-10-29")


def test_silent_third_party_pause_is_capped(official_calendar):
    # Received 2025-09-25; the third party receives the letter on 10-09 and never answers. Its
    # window: 10-10, 10-11 (Sat 班), 10-13..17, 10-20..24, 10-27, 10-28, 10-29 → 15th day 10-29.
    # Used before: 9-26, 9-28 (Sun 班), 9-29, 9-30, 10-09 = 5; 15 left after 10-29:
    # 10-30, 10-31, 11-3..7, 11-10..14, 11-17, 11-18, 11-19 → 2025-11-19.
    events = [
        clock.ClockEvent(clock.CONSULT_THIRD_PARTY, D("2025-10-09"), received=D("2025-10-09"))
    ]
    capped = clock.compute(D("2025-09-25"), events, official_calendar, today=D("2025-12-01"))
    assert capped.due == D("2025-11-19")
    assert capped.third_party_answer_due == D("2025-10-29")
    uncapped = clock.compute(
        D("2025-09-25"), events, official_calendar, cap_third_party=False, today=D("2025-12-01")
    )
    assert uncapped.due is None and uncapped.stopped == "consulting"
    # An agency's silence is consent (Art. 34): always capped.
    agency = [clock.ClockEvent(clock.CONSULT_AGENCY, D("2025-10-09"), received=D("2025-10-09"))]
    assert clock.compute(
        D("2025-09-25"), agency, official_calendar, cap_third_party=False, today=D("2025-12-01")
    ).due == D("2025-11-19")


def test_consultation_pause_starts_at_receipt_or_at_sending(official_calendar):
    # Letter sent Thu 10-09, received Mon 10-13, answered 10-20. The days 10-10, 10-11 (Sat 班),
    # 10-13 are paused only when the pause starts on sending.
    events = [
        clock.ClockEvent(clock.CONSULT_THIRD_PARTY, D("2025-10-09"), received=D("2025-10-13")),
        clock.ClockEvent(clock.CONSULT_END, D("2025-10-20")),
    ]
    from_receipt = clock.compute(D("2025-09-25"), events, official_calendar)
    from_sending = clock.compute(
        D("2025-09-25"), events, official_calendar, consultation_from_receipt=False
    )
    assert from_sending.due == official_calendar.add_working_days(from_receipt.due, 3)
    # The window runs from receipt either way: 15 working days after 10-13.
    assert from_receipt.third_party_answer_due == official_calendar.add_working_days(
        D("2025-10-13"), 15
    )


def test_fee_window_runs_from_receipt_of_the_notice(official_calendar):
    notice = clock.ClockEvent(clock.FEE_NOTICE, D("2025-12-05"), received=D("2025-12-08"))
    r = clock.compute(D("2025-11-20"), [notice], official_calendar)
    assert r.fee_payment_due == official_calendar.add_working_days(D("2025-12-08"), 20)


@pytest.mark.django_db
def test_correction_notice_late_flag_and_deadline(client, county, personas):
    clerk = personas["clerk"]
    with at("2025-10-13"):
        # Spec §2: received 2025-09-25 → the 补正 notice is due by 2025-10-11.
        app = register(clerk, county["town"], received="2025-09-25")
        services.application_request_correction(
            actor=clerk, application=app, date=D("2025-10-13"), note="请写明年度", days=5
        )
        client.force_login(personas["county_office"])
        overview = client.get("/requests/staff/county/").content.decode()
        client.force_login(clerk)
        case = client.get(f"/requests/staff/{app.pk}/").content.decode()
    assert 'data-flag="correction-late"' in case and "条例第三十条" in case
    assert 'id="correction-late"' in overview and app.number in overview
    assert app.events.get(kind="correction_requested").deadline == D("2025-10-20")


def run_deadline(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        call_command("deadline", *args)
    return exc.value.code, capsys.readouterr()


@pytest.mark.django_db
def test_deadline_command_new_options(capsys):
    call_command("deadline", "--received", "2025-09-25", "--extended-on", "2025-10-29", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["reply_due"] == "2025-11-26" and out["original_due"] == "2025-10-29"
    call_command("deadline", "--received", "2025-09-25", "--consultation", "2025-10-09:", "--json")
    assert json.loads(capsys.readouterr().out)["reply_due"] == "2025-11-19"
    call_command(  # an answer before the window ends ends the pause there
        "deadline", "--received", "2025-09-25", "--consultation", "2025-10-09:2025-10-10", "--json"
    )
    short = json.loads(capsys.readouterr().out)["reply_due"]
    assert short < "2025-11-19"
    call_command(
        "deadline",
        "--received",
        "2025-09-25",
        "--correction-notice",
        "2025-10-13",
        "--correction-days",
        "10",
    )
    captured = capsys.readouterr()
    assert "补正期限：2025-10-27" in captured.out and "条例第三十条" in captured.err
    call_command(
        "deadline",
        "--received",
        "2025-09-25",
        "--extended-on",
        "2025-10-20",
        "--extension-days",
        "5",
    )
    assert "2025-11-05" in capsys.readouterr().out  # 10-29 + 5 working days


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args,code",
    [
        (["--extended-on", "2025-10-30"], "extension_too_late"),
        (["--extended-on", "2025-10-20", "--extension-days", "21"], "invalid_extension_days"),
        (["--paused", "2025-09-20:2025-09-30"], "pause_before_receipt"),
        (["--consultation", "2025-09-24:"], "pause_before_receipt"),
        (["--consultation", "2025-10-09"], "invalid_span"),
        (["--correction-notice", "2025-10-13"], "correction_incomplete"),
    ],
)
def test_deadline_command_json_errors(capsys, args, code):
    status, captured = run_deadline(capsys, "--received", "2025-09-25", *args, "--json")
    payload = json.loads(captured.out)
    assert status == 2 and payload["error"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in payload["message"])
