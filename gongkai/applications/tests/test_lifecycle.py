"""One request walked through correction, third-party consultation, extension, a fee, another
agency's opinion and the reply, on frozen dates, across the 2025 National Day and 2026 Spring
Festival breaks. Expected dates derived by hand from the official schedules:
  2025: 9/28 (Sun) 班; 10/1–10/8 休; 10/11 (Sat) 班.
  2026: 1/1–1/3 休; 1/4 (Sun) 班; 2/15–2/23 休; 2/14 (Sat) 班; 2/28 (Sat) 班.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.selectors import clock_for, table3_counts

from .factories import register

D = datetime.date.fromisoformat


def at(day):
    return time_machine.travel(datetime.datetime.fromisoformat(day + "T10:00:00+08:00"), tick=False)


def due_of(app):
    return clock_for(Application.objects.get(pk=app.pk))


@pytest.mark.django_db
def test_lifecycle(county, personas, settings):
    # This walk reads the fee period as a pause (the other reading is the default; both are tested
    # in test_clock_fees.py and test_demo_setting.py).
    settings.GONGKAI_FEE_PERIOD_PAUSES_CLOCK = True
    clerk, head, leader = personas["clerk"], personas["office_head"], personas["leader"]
    with at("2025-09-25"):
        app = register(clerk, county["town"], received="2025-09-25")
    # 20 working days from Thu 9/25: 9/26 (1), 9/28 Sun 班 (2), 9/29 (3), 9/30 (4), 10/1–8 休,
    # 10/9 (5), 10/10 (6), 10/11 Sat 班 (7), 10/13–17 (12), 10/20–24 (17), 10/27 (18), 28 (19), 29 (20).
    r = due_of(app)
    assert r.due == D("2025-10-29")
    assert r.correction_notice_due == D("2025-10-11")  # 9/26, 9/28, 9/29, 9/30, 10/9, 10/10, 10/11

    with at("2025-09-26"):
        services.application_request_correction(
            actor=clerk, application=app, date=D("2025-09-26"), note="请写明项目名称", days=10
        )
    assert due_of(app).due is None  # the clock waits for the corrected application

    with at("2025-10-09"):
        services.application_receive_correction(actor=clerk, application=app, date=D("2025-10-09"))
    # Restart from Thu 10/9: 10/10 (1), 10/11 Sat 班 (2), 10/13–17 (7), 10/20–24 (12),
    # 10/27–31 (17), 11/3 (18), 11/4 (19), 11/5 (20).
    assert due_of(app).due == D("2025-11-05")

    with at("2025-10-31"):
        services.application_pause(
            actor=clerk,
            application=app,
            kind="third_party",
            date=D("2025-10-31"),
            note="涉及企业信息",
        )
        r = due_of(app)  # seen on the day the letter goes out
    # Used: 10/10, 10/11, 10/13–17, 10/20–24, 10/27–31 = 17 working days; 3 left.
    assert r.due is None and r.days_used == 17
    # The third party answers within 15 working days of 10/31: 11/3–7, 11/10–14, 11/17–21.
    assert r.third_party_answer_due == D("2025-11-21")

    with at("2025-11-21"):
        services.application_resume(actor=clerk, application=app, date=D("2025-11-21"))
    # 3 left after Fri 11/21: 11/24, 11/25, 11/26.
    assert due_of(app).due == D("2025-11-26")

    with at("2025-11-24"):
        services.application_extend(
            actor=head, application=app, date=D("2025-11-24"), days=20, reason="需要调取档案"
        )
    # 23 left after 11/21: 11/24–28 (5), 12/1–5 (10), 12/8–12 (15), 12/15–19 (20), 12/22–24 (23).
    assert due_of(app).due == D("2025-12-24")

    with at("2025-12-05"):
        services.application_send_fee_notice(
            actor=clerk, application=app, method="pages", quantity=31, date=D("2025-12-05")
        )
        r = due_of(app)
    # Used 17 + (11/24–28, 12/1–5) = 27 of 40. The applicant pays within 20 working days of 12/5:
    # 12/8–12 (5), 12/15–19 (10), 12/22–26 (15), 12/29–31 (18), 1/1–3 休, 1/4 Sun 班 (19), 1/5 (20).
    assert r.due is None and r.days_used == 27
    assert r.fee_payment_due == D("2026-01-05")
    assert Application.objects.get(pk=app.pk).fee_yuan == Decimal(10)  # page 31 at 10 元

    with at("2026-01-05"):
        services.application_record_payment(actor=clerk, application=app, date=D("2026-01-05"))
    # 13 left after Mon 1/5: 1/6–9 (4), 1/12–16 (9), 1/19–22 (13).
    assert due_of(app).due == D("2026-01-22")

    with at("2026-01-09"):
        services.application_pause(
            actor=clerk,
            application=app,
            kind="other_agency",
            date=D("2026-01-09"),
            note="征求县自然资源局意见",
        )
    # The county bureau answers on 1/28, inside its 15-working-day window from receipt (Art. 34:
    # 1/12–16, 1/19–23, 1/26–30 → 1/30; silence after that would count as consent).
    with at("2026-01-28"):
        services.application_resume(actor=clerk, application=app, date=D("2026-01-28"))
    # Used 27 + (1/6–9) = 31; 9 left after Wed 1/28: 1/29 (1), 1/30 (2), 2/2–6 (7), 2/9 (8),
    # 2/10 (9).
    assert due_of(app).due == D("2026-02-10")

    with at("2026-02-09"):
        services.application_draft_reply(
            actor=clerk, application=app, outcome="partial", note="区分处理"
        )
        services.application_review(actor=head, application=app, stage="first", approve=True)
        services.application_review(actor=leader, application=app, stage="final", approve=True)
    with at("2026-02-10"):
        services.application_deliver(actor=clerk, application=app, date=D("2026-02-10"))
        services.application_conclude(actor=clerk, application=app)
    app.refresh_from_db()
    assert (app.status, app.outcome, app.replied_on) == ("concluded", "partial", D("2026-02-10"))
    # Counted as carried forward from 2025 and as 部分公开 in 2026.
    ids = [county["town"].pk]
    assert table3_counts(agency_ids=ids, year=2025)["carried_forward"]["natural_person"] == 1
    t2026 = table3_counts(agency_ids=ids, year=2026)
    assert t2026["carried_over"]["total"] == 1 and t2026["partial"]["total"] == 1
