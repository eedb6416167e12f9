"""Reading and writing the spreadsheet ledgers (台账) offices keep: .xlsx or .csv (UTF-8 ± BOM, GB18030).

Spec: shared/spec/ledgers.md. An importer declares its columns, parses each row into a dict with
`LedgerRow` helpers that collect problems as "第N行 列名: 原因", and writes nothing unless every row is good.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.calendars.services import parse_date, read_text_file
from gongkai.core.errors import UserError
from gongkai.reportformat import limits
from gongkai.reportformat.spreadsheet import csv_unescape, write_csv_rows, xlsx_append

MAX_UPLOAD = limits.LIMITS.file_bytes // 5  # a ledger is at most 10 MB


class UnreadableFile(UserError):
    exit_status = 2


@dataclass
class Sheet:
    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, {header: text})


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet(path: str | Path) -> Sheet:
    """The first sheet of an .xlsx, or a .csv; header in row 1. Empty rows are skipped."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"文件不存在：{path}")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UnreadableFile(
            f"不支持的文件类型 {path.suffix or '（无扩展名）'}：请使用 .xlsx 或 .csv。"
        )
    size = path.stat().st_size
    if size > MAX_UPLOAD:
        raise UnreadableFile(
            f"文件 {path.name} 过大（{size / 1024 / 1024:.1f} MB），台账文件上限为 "
            f"{MAX_UPLOAD // 1024 // 1024} MB。"
        )
    try:
        if suffix == ".xlsx":
            values = limits.read_xlsx_rows(path.read_bytes())
            raw_rows = [[_cell_text(c) for c in row] for row in values]
        else:
            try:
                text = read_text_file(path)
            except UserError as exc:
                raise UnreadableFile(exc.message) from exc
            try:
                rows = limits.check_text_rows(csv.reader(io.StringIO(text)))
            except csv.Error as exc:
                raise UnreadableFile(f"CSV 文件 {path.name} 格式有误：{exc}") from exc
            raw_rows = [[csv_unescape(c.strip()) for c in row] for row in rows]
    except limits.FileRefused as exc:
        raise UnreadableFile(f"文件 {path.name} 无法导入：{exc.message}") from exc
    if not raw_rows or not any(raw_rows[0]):
        raise UnreadableFile(f"文件 {path.name} 是空的，第1行应为表头。")
    header = [h.strip() for h in raw_rows[0]]
    rows = []
    for number, values in enumerate(raw_rows[1:], start=2):
        if not any(values):
            continue
        rows.append(
            (number, {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h})
        )
    return Sheet(path=path, header=header, rows=rows)


def ids_changed_outside_imports(model, agency, import_actions, *, only=None) -> set[int]:
    """Ids of `model` records of `agency` with any audited write other than a ledger import: those are
    inside the workflow, and an import must not change them (spec ledgers.md, issue #8)."""
    from gongkai.core.audit_models import AuditEvent

    events = AuditEvent.objects.filter(agency=agency, object_type=model._meta.label_lower).exclude(
        action__in=import_actions
    )
    if only is not None:
        events = events.filter(object_id=str(only))
    return {int(i) for i in events.values_list("object_id", flat=True).distinct() if i.isdigit()}


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, row: int | None, column: str, reason: str) -> None:
        where = f"第{row}行 " if row else ""
        self.items.append(f"{where}{column}: {reason}")

    def raise_if_any(self, path: Path) -> None:
        if self.items:
            raise UserError(
                f"{path.name} 有 {len(self.items)} 处错误，未导入任何数据：", self.items
            )


def check_header(sheet: Sheet, required: Iterable[str], optional: Iterable[str]) -> list[str]:
    """Raises when required columns are missing; returns notes for unknown columns (ignored)."""
    required, optional = list(required), list(optional)
    missing = [c for c in required if c not in sheet.header]
    if missing:
        raise UserError(
            f"{sheet.path.name} 缺少必填列：{'、'.join(missing)}。表头应包括：{'、'.join(required + optional)}。"
        )
    known = set(required) | set(optional)
    return [f"未知列“{h}”已忽略" for h in sheet.header if h and h not in known]


class RowReader:
    """Typed access to one row's cells that records problems instead of raising."""

    def __init__(self, number: int, values: dict[str, str], problems: Problems):
        self.number, self.values, self.problems = number, values, problems

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.values.get(column, "").strip()
        if required and not value:
            self.problems.add(self.number, column, "必填，不能为空")
        if max_length and len(value) > max_length:
            self.problems.add(self.number, column, f"过长（最多 {max_length} 个字符）")
        return value

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problems.add(self.number, column, f"“{value}”不是有效日期（应为 YYYY-MM-DD）")
        return parsed

    def choice(self, column: str, mapping: dict[str, str], *, required: bool = False) -> str | None:
        value = self.text(column, required=required)
        if not value:
            return None
        if value not in mapping:
            allowed = "、".join(dict.fromkeys(k for k in mapping if not k.isascii()))
            self.problems.add(self.number, column, f"“{value}”无效（应为：{allowed}）")
            return None
        return mapping[value]

    def integer(self, column: str, *, required: bool = False) -> int | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.problems.add(self.number, column, f"“{value}”不是整数")
            return None
        if number < 0:
            self.problems.add(self.number, column, f"不能为负数（{value}）")
            return None
        return number

    def decimal(self, column: str, *, required: bool = False) -> decimal.Decimal | None:
        value = self.text(column, required=required).replace(",", "")
        if not value:
            return None
        try:
            number = decimal.Decimal(value)
        except decimal.InvalidOperation:
            self.problems.add(self.number, column, f"“{value}”不是数字")
            return None
        if not number.is_finite() or number < 0:
            self.problems.add(self.number, column, f"不能为负数（{value}）")
            return None
        return number


def write_sheet(path: str | Path, header: list[str], rows: Iterable[list]) -> None:
    """Write .xlsx or .csv (UTF-8 with BOM, which Excel opens correctly) by the file's extension.
    Formula-like cells are written as text (reportformat/spreadsheet.py), in both formats."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        xlsx_append(sheet, header)
        for row in rows:
            xlsx_append(sheet, row)
        book.save(path)
    elif path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            write_csv_rows(handle, [header, *rows])
    else:
        raise UserError(f"不支持的导出类型 {path.suffix}：请使用 .xlsx 或 .csv。")
