"""复议诉讼台账 import/export (spec ledgers.md §2). All-or-nothing; idempotent, keyed by 编号. Cases
registered or decided on the platform are never changed by an import (services.appeal_import_*)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from gongkai.core.errors import UserError
from gongkai.core.ledgers import Problems, RowReader, check_header, read_sheet, write_sheet
from gongkai.core.models import Agency
from gongkai.core.permissions import can_write

from .models import Appeal, AppealKind, AppealResult
from .services import (
    LEDGER_FIELDS as FIELDS,
)
from .services import (
    appeal_import_create,
    appeal_import_refusal,
    appeal_import_update,
    appeals_in_workflow,
)

REQUIRED = ["编号", "类型", "立案日期"]
OPTIONAL = ["结果", "结案日期", "关联申请编号"]
HEADER = ["编号", "类型", "立案日期", "结果", "结案日期", "关联申请编号"]
KINDS = {
    "行政复议": AppealKind.REVIEW,
    "直接起诉": AppealKind.SUIT_DIRECT,
    "未经复议直接起诉": AppealKind.SUIT_DIRECT,
    "复议后起诉": AppealKind.SUIT_AFTER_REVIEW,
}
RESULTS = {label: value for value, label in AppealResult.choices}


def import_appeals(*, actor, agency: Agency, path: str | Path) -> dict:
    from gongkai.applications.models import Application

    if actor is not None and not isinstance(actor, str) and not can_write(actor, agency):
        raise UserError("您无权导入该机关的台账。")
    sheet = read_sheet(path)
    notes = check_header(sheet, REQUIRED, OPTIONAL)
    problems = Problems()
    apps = dict(Application.objects.filter(agency=agency).values_list("number", "id"))
    rows, seen = [], {}
    for number, values in sheet.rows:
        r = RowReader(number, values, problems)
        code = r.text("编号", required=True, max_length=60)
        row = {
            "number": code,
            "kind": r.choice("类型", KINDS, required=True),
            "filed_on": r.date("立案日期", required=True),
            "result": r.choice("结果", RESULTS) or AppealResult.PENDING,
            "closed_on": r.date("结案日期"),
            "application_id": None,
        }
        link = r.text("关联申请编号")
        if link:
            row["application_id"] = apps.get(link)
            if row["application_id"] is None:
                problems.add(number, "关联申请编号", f"本机关没有编号为“{link}”的申请")
        if row["result"] != AppealResult.PENDING and row["closed_on"] is None:
            problems.add(number, "结案日期", "结果不是“尚未审结”时必填")
        if row["result"] == AppealResult.PENDING and row["closed_on"] is not None:
            problems.add(number, "结果", "已有结案日期，请填写结果")
        if row["filed_on"] and row["closed_on"] and row["closed_on"] < row["filed_on"]:
            problems.add(number, "结案日期", "不能早于立案日期")
        if code:
            if code in seen:
                problems.add(number, "编号", f"“{code}”与第{seen[code]}行重复")
            seen.setdefault(code, number)
        rows.append((number, row))
    existing = {a.number: a for a in Appeal.objects.filter(agency=agency)}
    locked = appeals_in_workflow(agency)
    plan = []
    for line, row in rows:
        values = {k: row[k] for k in FIELDS}
        appeal = existing.get(row["number"])
        if appeal is not None:
            if all(getattr(appeal, k) == v for k, v in values.items()):
                appeal = "unchanged"
            elif appeal.pk in locked:
                problems.add(line, "编号", appeal_import_refusal(appeal))
        plan.append((row["number"], appeal, values))
    problems.raise_if_any(sheet.path)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "notes": notes}
    with transaction.atomic():
        for number, appeal, values in plan:
            if appeal is None:
                appeal_import_create(actor=actor, agency=agency, number=number, values=values)
                counts["created"] += 1
            elif appeal == "unchanged":
                counts["unchanged"] += 1
            else:
                appeal_import_update(actor=actor, appeal=appeal, values=values)
                counts["updated"] += 1
    return counts


def export_appeals(*, agency: Agency, path: str | Path, year: int | None = None) -> int:
    qs = Appeal.objects.filter(agency=agency).select_related("application").order_by("filed_on")
    if year:
        qs = qs.filter(filed_on__year=year)
    kind_label = {
        AppealKind.REVIEW: "行政复议",
        AppealKind.SUIT_DIRECT: "直接起诉",
        AppealKind.SUIT_AFTER_REVIEW: "复议后起诉",
    }
    rows = [
        [
            a.number,
            kind_label[a.kind],
            a.filed_on.isoformat(),
            a.get_result_display(),
            a.closed_on.isoformat() if a.closed_on else "",
            a.application.number if a.application else "",
        ]
        for a in qs
    ]
    write_sheet(path, HEADER, rows)
    return len(rows)
