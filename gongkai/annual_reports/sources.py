"""The one adapter to the counting that other apps own (Table 3 from applications, Table 4 from appeals,
信息处理费). Imported lazily so this app works (with zeros, flagged) before those apps exist."""

from __future__ import annotations

import importlib
from decimal import Decimal

from gongkai.reportformat import formats as F
from gongkai.reportformat.model import empty_table3, empty_table4


def _function(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def applications_available() -> bool:
    return _function("gongkai.applications.selectors", "table3_counts") is not None


def appeals_available() -> bool:
    return _function("gongkai.appeals.selectors", "table4_counts") is not None


def table3(*, agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    table = empty_table3(F.FORMAT_2021)
    counts = _function("gongkai.applications.selectors", "table3_counts")
    if counts is not None:
        for row, cols in counts(agency_ids=agency_ids, year=year).items():
            if row in table:
                table[row].update({c: int(v or 0) for c, v in cols.items() if c in table[row]})
    return table


def table4(*, agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    table = empty_table4()
    counts = _function("gongkai.appeals.selectors", "table4_counts")
    if counts is not None:
        for block, cols in counts(agency_ids=agency_ids, year=year).items():
            if block in table:
                table[block].update({c: int(v or 0) for c, v in cols.items() if c in table[block]})
    return table


def fees_yuan(*, agency_ids: list[int], year: int) -> Decimal:
    charged = _function("gongkai.applications.selectors", "fees_charged_yuan")
    if charged is None:
        return Decimal(0)
    return Decimal(charged(agency_ids=agency_ids, year=year) or 0)
