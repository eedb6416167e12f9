"""The writes of the 依申请公开台账 import (spec ledgers.md §1), as services: a ledger row creates a
historic request, or updates one that nothing but imports has ever touched. A request inside the
workflow — any event, letter or audited step recorded on the platform — is never changed by an import.
Keyword-only, atomic, audited."""

from __future__ import annotations

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.ledgers import ids_changed_outside_imports
from gongkai.core.models import Agency

from .choices import EventKind, Status
from .models import Application, ApplicationEvent, Letter
from .transitions import closing_status

IMPORT_ACTIONS = ("application.import", "application.import_update")
IMPORT_NOTE = "台账导入"
FIELDS = (
    "applicant_type",
    "applicant_name",
    "received_on",
    "channel",
    "content",
    "outcome",
    "replied_on",
    "fee_yuan",
)


def in_workflow_ids(agency: Agency, only: int | None = None) -> set[int]:
    """Requests of `agency` (or just request `only`) with anything beyond their own import, found in
    SQL with three queries."""
    apps = Application.objects.filter(agency=agency)
    if only is not None:
        apps = apps.filter(pk=only)
    with_events = (
        ApplicationEvent.objects.filter(application__in=apps)
        .exclude(kind=EventKind.REGISTERED, note=IMPORT_NOTE, actor__isnull=True)
        .values_list("application_id", flat=True)
    )
    with_letters = Letter.objects.filter(application__in=apps).values_list(
        "application_id", flat=True
    )
    audited = ids_changed_outside_imports(Application, agency, IMPORT_ACTIONS, only=only)
    return set(with_events) | set(with_letters) | audited


def refusal(app: Application, values: dict, in_workflow: bool) -> str | None:
    """Why a ledger row may not change `app` (None when it may)."""
    if in_workflow:
        return (
            f"申请“{app.number}”已在平台上办理（当前状态：{app.get_status_display()}），"
            "导入不能修改它；请在平台上办理，或从台账中删去这一行"
        )
    if app.outcome and not values["outcome"]:
        return f"申请“{app.number}”已办结，导入不能把它改为未办结"
    return None


def _status(values: dict) -> str:
    return closing_status(values["outcome"]) if values["outcome"] else Status.REGISTERED


@transaction.atomic
def application_import_create(*, actor, agency: Agency, number: str, values: dict) -> Application:
    """A historic request from a ledger row: registered, and closed when the row has an outcome."""
    app = Application.objects.create(agency=agency, number=number, status=_status(values), **values)
    ApplicationEvent.objects.create(
        application=app, kind=EventKind.REGISTERED, date=app.received_on, note=IMPORT_NOTE
    )
    audit_record(
        actor=actor,
        action="application.import",
        obj=app,
        new={"number": number, "status": app.status, **values},
    )
    _recount_summary(app, app.replied_on)
    return app


def _recount_summary(app: Application, *days) -> None:
    """The county's monthly summary of answered requests follows an imported reply date."""
    from gongkai.supervision.summary import reply_month_recount

    for day in {d.replace(day=1) for d in days if d is not None}:
        reply_month_recount(agency_id=app.agency_id, day=day)


@transaction.atomic
def application_import_update(*, actor, application: Application, values: dict) -> dict:
    """Apply a changed ledger row to a request only imports have touched; returns the changes."""
    app = Application.objects.select_for_update().get(pk=application.pk)
    problem = refusal(app, values, bool(in_workflow_ids(app.agency, only=app.pk)))
    if problem:
        raise UserError(f"{problem}。")
    old = {k: getattr(app, k) for k in FIELDS}
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return {}
    for k, v in changed.items():
        setattr(app, k, v)
    old_status, app.status = app.status, _status(values)
    app.save()
    audit_record(
        actor=actor,
        action="application.import_update",
        obj=app,
        old={**{k: old[k] for k in changed}, "status": old_status},
        new={**changed, "status": app.status},
    )
    _recount_summary(app, old["replied_on"], app.replied_on)
    return changed
