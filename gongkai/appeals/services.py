"""All writes to reviews and lawsuits (Table 4). Keyword-only, atomic, audited; bad input raises a
UserError (Chinese) before anything is written."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.errors import UserError
from gongkai.core.models import Agency
from gongkai.core.permissions import can_write

from .models import Appeal, AppealKind, AppealResult

CLOSING_RESULTS = (AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER)


def _require_write(actor, agency: Agency) -> None:
    if not can_write(actor, agency):
        raise UserError("您无权登记该机关的行政复议、行政诉讼案件。")


def _fields(appeal: Appeal) -> dict:
    return {
        "number": appeal.number,
        "kind": appeal.kind,
        "filed_on": appeal.filed_on,
        "result": appeal.result,
        "closed_on": appeal.closed_on,
        "application": appeal.application_id,
    }


def appeal_register(
    *,
    actor,
    agency: Agency,
    number: str,
    kind: str,
    filed_on: datetime.date | None,
    application=None,
    note: str = "",
) -> Appeal:
    """A new review or lawsuit, still pending (尚未审结). `application`, when given, must be a
    request of the same agency."""
    _require_write(actor, agency)
    number = (number or "").strip()
    problems: list[str] = []
    if not number:
        problems.append("编号：必填")
    elif Appeal.objects.filter(agency=agency, number=number).exists():
        problems.append(f"编号：{number} 已存在")
    if kind not in AppealKind.values:
        problems.append("类型：应为行政复议、直接起诉或复议后起诉")
    if filed_on is None:
        problems.append("立案日期：必填")
    elif filed_on > timezone.localdate():
        problems.append("立案日期：不能晚于今天")
    if application is not None and application.agency_id != agency.pk:
        problems.append("关联申请：应为本机关的申请")
    if problems:
        raise UserError("案件登记信息不完整或有误：", problems)
    with transaction.atomic():
        appeal = Appeal.objects.create(
            agency=agency,
            number=number,
            kind=kind,
            filed_on=filed_on,
            application=application,
            note=(note or "").strip(),
        )
        audit_record(actor=actor, action="appeal.register", obj=appeal, new=_fields(appeal))
    return appeal


def appeal_record_result(
    *,
    actor,
    appeal: Appeal,
    result: str,
    closed_on: datetime.date | None,
    note: str = "",
) -> Appeal:
    """审结: the result (维持 / 纠正 / 其他) and the closing date, together. A recorded result may
    be corrected the same way."""
    _require_write(actor, appeal.agency)
    problems: list[str] = []
    if result not in CLOSING_RESULTS:
        problems.append("结果：应为维持、纠正或其他")
    if closed_on is None:
        problems.append("结案日期：记录结果时必填")
    else:
        if closed_on < appeal.filed_on:
            problems.append(f"结案日期：不能早于立案日期（{appeal.filed_on:%Y-%m-%d}）")
        if closed_on > timezone.localdate():
            problems.append("结案日期：不能晚于今天")
    if problems:
        raise UserError("审结信息有误：", problems)
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        old = {"result": locked.result, "closed_on": locked.closed_on}
        locked.result, locked.closed_on = result, closed_on
        if note:
            locked.note = "\n".join(filter(None, [locked.note, note.strip()]))
        locked.save()
        audit_record(
            actor=actor,
            action="appeal.record_result",
            obj=locked,
            old=old,
            new={"result": result, "closed_on": closed_on},
        )
    return locked


# -- ledger imports (复议诉讼台账) ---------------------------------------------------------------------
IMPORT_ACTIONS = ("appeal.import", "appeal.import_update")
LEDGER_FIELDS = ("kind", "filed_on", "result", "closed_on", "application_id")


def appeals_in_workflow(agency: Agency, only: int | None = None) -> set[int]:
    """Cases registered or decided on the platform (any audited write but an import)."""
    from gongkai.core.ledgers import ids_changed_outside_imports

    return ids_changed_outside_imports(Appeal, agency, IMPORT_ACTIONS, only=only)


def appeal_import_refusal(appeal: Appeal) -> str:
    return (
        f"案件“{appeal.number}”已在平台上登记或记录结果，导入不能修改它；"
        "请在平台上办理，或从台账中删去这一行"
    )


@transaction.atomic
def appeal_import_create(*, actor, agency: Agency, number: str, values: dict) -> Appeal:
    appeal = Appeal.objects.create(agency=agency, number=number, **values)
    audit_record(actor=actor, action="appeal.import", obj=appeal, new=_fields(appeal))
    return appeal


@transaction.atomic
def appeal_import_update(*, actor, appeal: Appeal, values: dict) -> dict:
    """A changed ledger row, for a case only imports have touched; returns the changes."""
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeals_in_workflow(locked.agency, only=locked.pk):
        raise UserError(f"{appeal_import_refusal(locked)}。")
    old = {k: getattr(locked, k) for k in LEDGER_FIELDS}
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return {}
    for k, v in changed.items():
        setattr(locked, k, v)
    locked.save()
    audit_record(
        actor=actor,
        action="appeal.import_update",
        obj=locked,
        old={k: old[k] for k in changed},
        new=changed,
    )
    return changed
