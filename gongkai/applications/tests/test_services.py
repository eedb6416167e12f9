"""Bad input → UserError and NOTHING written; permissions; privacy of the ID number."""

import datetime

import pytest
import time_machine

from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.selectors import application_for_user, applications_for_user
from gongkai.core.audit_models import AuditEvent
from gongkai.core.errors import NotFoundOrForbidden, UserError

from .factories import ID_NUMBER, register

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2025, 12, 10, 10, tzinfo=datetime.UTC), tick=False):
        yield


def counts():
    return (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        AuditEvent.objects.count(),
    )


def processing(personas, county, **kw):
    app = register(personas["clerk"], county["town"], received="2025-11-03", **kw)
    return services.application_start_processing(
        actor=personas["clerk"], application=app, date=D("2025-11-03")
    )


def assert_nothing_written(before, fn):
    with pytest.raises(UserError):
        fn()
    assert counts() == before


def test_register_validates_art29(county, personas):
    before = counts()
    with pytest.raises(UserError) as exc:
        services.application_register(
            actor=personas["clerk"],
            agency=county["town"],
            applicant_type="natural_person",
            applicant_name="",
            id_number="123",
            contact="",
            content="",
            channel="in_person",
            received_on=D("2025-11-03"),
        )
    assert len(exc.value.problems) == 4
    assert counts() == before


def test_register_rejects_future_receipt_and_duplicate_number(county, personas):
    register(personas["clerk"], county["town"], number="A-1")
    before = counts()
    assert_nothing_written(
        before, lambda: register(personas["clerk"], county["town"], number="A-1")
    )
    assert_nothing_written(
        before, lambda: register(personas["clerk"], county["town"], received="2025-12-11")
    )


def test_reply_before_receipt_rejected(county, personas):
    app = processing(personas, county)
    services.application_draft_reply(actor=personas["clerk"], application=app, outcome="granted")
    services.application_review(
        actor=personas["office_head"], application=app, stage="first", approve=True
    )
    services.application_review(
        actor=personas["leader"], application=app, stage="final", approve=True
    )
    before = counts()
    assert_nothing_written(
        before,
        lambda: services.application_deliver(
            actor=personas["clerk"], application=app, date=D("2025-11-02")
        ),
    )


def test_second_extension_rejected_and_needs_office_head(county, personas):
    app = processing(personas, county)
    before = counts()
    assert_nothing_written(
        before,
        lambda: services.application_extend(
            actor=personas["clerk"], application=app, date=D("2025-11-20"), reason="档案多"
        ),
    )
    services.application_extend(
        actor=personas["office_head"], application=app, date=D("2025-11-20"), reason="档案多"
    )
    before = counts()
    assert_nothing_written(
        before,
        lambda: services.application_extend(
            actor=personas["office_head"], application=app, date=D("2025-11-21"), reason="再延"
        ),
    )


def test_extension_longer_than_20_days_rejected(county, personas):
    app = processing(personas, county)
    before = counts()
    assert_nothing_written(
        before,
        lambda: services.application_extend(
            actor=personas["office_head"],
            application=app,
            date=D("2025-11-20"),
            days=21,
            reason="多",
        ),
    )


def test_overlapping_pauses_rejected(county, personas):
    app = processing(personas, county)
    services.application_pause(
        actor=personas["clerk"], application=app, kind="third_party", date=D("2025-11-10")
    )
    before = counts()
    # A second pause while one is open overlaps it.
    assert_nothing_written(
        before,
        lambda: services.application_pause(
            actor=personas["clerk"], application=app, kind="other_agency", date=D("2025-11-12")
        ),
    )
    services.application_resume(actor=personas["clerk"], application=app, date=D("2025-11-20"))
    before = counts()
    # A new pause starting inside the finished one overlaps it.
    assert_nothing_written(
        before,
        lambda: services.application_pause(
            actor=personas["clerk"], application=app, kind="other_agency", date=D("2025-11-15")
        ),
    )


def test_fee_within_free_allowance_rejected(county, personas):
    app = processing(personas, county)
    before = counts()
    for method, qty in (("pages", 30), ("items", 10)):
        assert_nothing_written(
            before,
            lambda m=method, q=qty: services.application_send_fee_notice(
                actor=personas["clerk"], application=app, method=m, quantity=q, date=D("2025-11-05")
            ),
        )


def test_item_fee_counts_the_applicants_month(county, personas):
    first = processing(personas, county)
    services.application_send_fee_notice(
        actor=personas["clerk"],
        application=first,
        method="items",
        quantity=25,
        date=D("2025-11-05"),
    )
    second = processing(personas, county)
    services.application_send_fee_notice(
        actor=personas["clerk"],
        application=second,
        method="items",
        quantity=10,
        date=D("2025-11-05"),
    )
    second.refresh_from_db()
    assert second.fee_yuan == 5 * 100 + 5 * 200  # items 26–35 of the month


def test_conclude_without_outcome_rejected(county, personas):
    app = processing(personas, county)
    before = counts()
    assert_nothing_written(
        before, lambda: services.application_conclude(actor=personas["clerk"], application=app)
    )


def test_withdraw_sets_other_other(county, personas):
    app = processing(personas, county)
    services.application_withdraw(actor=personas["clerk"], application=app, date=D("2025-11-05"))
    app.refresh_from_db()
    assert (app.status, app.outcome, app.replied_on) == (
        "withdrawn",
        "other_other",
        D("2025-11-05"),
    )
    before = counts()
    assert_nothing_written(
        before,
        lambda: services.application_start_processing(actor=personas["clerk"], application=app),
    )


def test_abandon_no_correction(county, personas):
    app = register(personas["clerk"], county["town"], received="2025-11-03")
    services.application_request_correction(
        actor=personas["clerk"], application=app, date=D("2025-11-05"), note="请补正", days=10
    )
    # 补正期限 2025-11-19 (10 working days after 11-05): not abandoned on or before it.
    with pytest.raises(UserError, match="补正期限"):
        services.application_abandon(
            actor=personas["clerk"], application=app, reason="no_correction", date=D("2025-11-19")
        )
    services.application_abandon(
        actor=personas["clerk"], application=app, reason="no_correction", date=D("2025-12-01")
    )
    app.refresh_from_db()
    assert app.outcome == "other_no_correction" and app.status == "abandoned"


def test_review_roles(county, personas):
    app = processing(personas, county)
    services.application_draft_reply(actor=personas["clerk"], application=app, outcome="granted")
    before = counts()
    assert_nothing_written(
        before,
        lambda: services.application_review(
            actor=personas["leader"], application=app, stage="first", approve=True
        ),
    )


# ---------------------------------------------------------------------------------------------
# Permissions


def test_scoping(county, personas):
    own = register(personas["clerk"], county["town"])
    other = register(personas["sibling_clerk"], county["sibling"])
    clerk, sibling, county_office = (
        personas["clerk"],
        personas["sibling_clerk"],
        personas["county_office"],
    )
    assert list(applications_for_user(clerk)) == [own]
    assert application_for_user(clerk, own.pk) == own
    with pytest.raises(NotFoundOrForbidden):
        application_for_user(clerk, other.pk)
    with pytest.raises(NotFoundOrForbidden):
        application_for_user(sibling, own.pk)
    with pytest.raises(NotFoundOrForbidden):
        application_for_user(clerk, 999999)
    assert set(applications_for_user(county_office)) == {own, other}
    # The queryset and the per-object check agree for every role.
    for user in personas.values():
        visible = set(applications_for_user(user).values_list("pk", flat=True))
        for app in (own, other):
            try:
                application_for_user(user, app.pk)
                assert app.pk in visible
            except NotFoundOrForbidden:
                assert app.pk not in visible


def test_county_office_is_read_only_and_sibling_cannot_write(county, personas):
    app = register(personas["clerk"], county["town"])
    before = counts()
    for actor in (personas["county_office"], personas["sibling_clerk"]):
        assert_nothing_written(
            before, lambda a=actor: services.application_start_processing(actor=a, application=app)
        )
        assert_nothing_written(before, lambda a=actor: register(a, county["town"]))


# ---------------------------------------------------------------------------------------------
# Privacy


def test_id_number_masked_and_never_in_audit_or_repr(county, personas):
    app = register(personas["clerk"], county["town"])
    services.application_start_processing(actor=personas["clerk"], application=app)
    assert app.id_number_masked == "4****************4"
    assert ID_NUMBER not in str(app) and ID_NUMBER not in repr(app)
    for event in AuditEvent.objects.all():
        assert ID_NUMBER not in str(event.old) and ID_NUMBER not in str(event.new)
    fields = [getattr(app, f.attname) for f in Application._meta.concrete_fields]
    assert ID_NUMBER not in " ".join(str(v) for v in fields)
