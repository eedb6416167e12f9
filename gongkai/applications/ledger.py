"""依申请公开台账 import/export (spec ledgers.md §1). All-or-nothing; idempotent, keyed by 编号; the
writes go through ledger_services (requests inside the workflow are never changed by an import)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from gongkai.core.errors import UserError
from gongkai.core.ledgers import Problems, RowReader, check_header, read_sheet, write_sheet
from gongkai.core.models import Agency
from gongkai.core.permissions import can_write

from .choices import ApplicantType, Channel
from .ledger_services import (
    FIELDS,
    application_import_create,
    application_import_update,
    in_workflow_ids,
    refusal,
)
from .models import Application
from .outcomes import ledger_label, parse_outcome

REQUIRED = ["编号", "申请人类型", "收到日期"]
OPTIONAL = ["申请人", "申请方式", "申请内容", "办理结果", "答复日期", "信息处理费（元）"]
HEADER = [
    "编号",
    "申请人类型",
    "申请人",
    "收到日期",
    "申请方式",
    "申请内容",
    "办理结果",
    "答复日期",
    "信息处理费（元）",
]
TYPES = {label: value for value, label in ApplicantType.choices}
CHANNELS = {label: value for value, label in Channel.choices}


def _parse(sheet) -> tuple[list[dict], Problems]:
    problems = Problems()
    rows, seen = [], {}
    for number, values in sheet.rows:
        r = RowReader(number, values, problems)
        before = len(problems.items)
        code = r.text("编号", required=True, max_length=40)
        row = {
            "line": number,
            "number": code,
            "applicant_type": r.choice("申请人类型", TYPES, required=True),
            "applicant_name": r.text("申请人", max_length=100),
            "received_on": r.date("收到日期", required=True),
            "channel": r.choice("申请方式", CHANNELS) or Channel.IN_PERSON,
            "content": r.text("申请内容"),
            "outcome": None,
            "replied_on": r.date("答复日期"),
            "fee_yuan": r.decimal("信息处理费（元）") or Decimal(0),
        }
        outcome_text = r.text("办理结果")
        if outcome_text:
            row["outcome"] = parse_outcome(outcome_text)
            if row["outcome"] is None:
                problems.add(
                    number,
                    "办理结果",
                    f"“{outcome_text}”不是表三的办理结果（如 予以公开、不予处理-重复申请）",
                )
            elif row["replied_on"] is None and "答复日期" not in " ".join(problems.items[before:]):
                problems.add(number, "答复日期", "有办理结果时必填")
        elif row["replied_on"] is not None:
            problems.add(number, "办理结果", "有答复日期时必填")
        if row["received_on"] and row["replied_on"] and row["replied_on"] < row["received_on"]:
            problems.add(number, "答复日期", "不能早于收到日期")
        if code:
            if code in seen:
                problems.add(number, "编号", f"“{code}”与第{seen[code]}行重复")
            seen.setdefault(code, number)
        rows.append(row)
    return rows, problems


def import_applications(*, actor, agency: Agency, path: str | Path) -> dict:
    """Create historic requests; update only requests nothing but imports has touched. A row that would
    change a request inside the workflow is refused (第N行 and why), and then nothing is imported."""
    if actor is not None and not isinstance(actor, str) and not can_write(actor, agency):
        raise UserError("您无权导入该机关的台账。")
    sheet = read_sheet(path)
    notes = check_header(sheet, REQUIRED, OPTIONAL)
    rows, problems = _parse(sheet)
    existing = {a.number: a for a in Application.objects.filter(agency=agency)}
    locked = in_workflow_ids(agency)
    plan = []
    for row in rows:
        values = {k: row[k] for k in FIELDS}
        app = existing.get(row["number"])
        if app is not None:
            if values["fee_yuan"] == app.fee_yuan:
                values["fee_yuan"] = app.fee_yuan
            if all(getattr(app, k) == v for k, v in values.items()):
                app = "unchanged"
            elif problem := refusal(app, values, app.pk in locked):
                problems.add(row["line"], "编号", problem)
        plan.append((row["number"], app, values))
    problems.raise_if_any(sheet.path)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "notes": notes}
    with transaction.atomic():
        for number, app, values in plan:
            if app is None:
                application_import_create(actor=actor, agency=agency, number=number, values=values)
                counts["created"] += 1
            elif app == "unchanged":
                counts["unchanged"] += 1
            else:
                application_import_update(actor=actor, application=app, values=values)
                counts["updated"] += 1
    return counts


def export_applications(*, agency: Agency, path: str | Path, year: int | None = None) -> int:
    qs = Application.objects.filter(agency=agency).order_by("received_on", "number")
    if year:
        qs = qs.filter(received_on__year__lte=year).exclude(replied_on__year__lt=year)
    rows = [
        [
            a.number,
            a.get_applicant_type_display(),
            a.applicant_name,
            a.received_on.isoformat(),
            a.get_channel_display(),
            a.content,
            ledger_label(a.outcome) if a.outcome else "",
            a.replied_on.isoformat() if a.replied_on else "",
            str(a.fee_yuan.normalize()) if a.fee_yuan else "0",
        ]
        for a in qs
    ]
    write_sheet(path, HEADER, rows)
    return len(rows)
