"""The machine-readable annual-report model (spec §6).

A cell is an ``int`` (``Decimal`` for amounts in 万元), or ``None`` for a cell a published report left blank.
Only parsers produce ``None``; ``empty_model`` and the report generator fill every cell.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from . import formats as F

Cell = int | None


def _docs_row() -> dict[str, Cell]:
    return {"issued": 0, "abolished": 0, "in_force": 0}


def empty_table2(fmt: str = F.FORMAT_2021) -> dict[str, Any]:
    if fmt == F.FORMAT_2019:
        t: dict[str, Any] = {}
        for row in F.TABLE2_ROWS_2019:
            t[row.code] = {c: (Decimal(0) if c == "amount_10k_yuan" else 0) for c, _ in row.columns}
        return t
    return {
        "rules": _docs_row(),
        "normative": _docs_row(),
        "licensing": 0,
        "penalty": 0,
        "coercion": 0,
        "fees_10k_yuan": Decimal(0),
    }


def empty_table3(fmt: str = F.FORMAT_2021, value: Cell = 0) -> dict[str, dict[str, Cell]]:
    return {r.code: dict.fromkeys(F.T3_COLUMN_CODES, value) for r in F.table3_rows(fmt)}


def empty_table4(value: Cell = 0) -> dict[str, dict[str, Cell]]:
    return {b: dict.fromkeys(F.T4_COLUMN_CODES, value) for b in F.T4_BLOCK_CODES}


@dataclass
class AnnualReport:
    """One annual report. ``sections`` maps 一..六 to the narrative text of that section (paragraphs
    separated by newlines; for 二/三/四 only notes outside the table); a missing key = missing section."""

    year: int | None
    agency: str
    format: str = F.FORMAT_2021
    table2: dict[str, Any] = field(default_factory=empty_table2)
    table3: dict[str, dict[str, Cell]] = field(default_factory=empty_table3)
    table4: dict[str, dict[str, Cell]] = field(default_factory=empty_table4)
    sections: dict[str, str] = field(default_factory=lambda: dict.fromkeys(F.SECTION_KEYS, ""))
    published_on: datetime.date | None = None
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    # 信息处理费 charged in the year (元), as reported in section 六; None = unknown / not stated.
    fees_yuan: Decimal | None = None
    preamble: str = ""  # text between the title and section 一

    # -- helpers -------------------------------------------------------------------------------
    @property
    def title(self) -> str:
        year = "" if self.year is None else f" {self.year} 年"
        return f"{self.agency}{year}{F.REPORT_TITLE_SUFFIX}"

    def t3(self, row: str, col: str = "total") -> Cell:
        return self.table3.get(row, {}).get(col)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def empty_model(year: int, agency: str, fmt: str = F.FORMAT_2021) -> AnnualReport:
    """A report with every cell 0 and the statistics period 1 Jan – 31 Dec of `year`."""
    return AnnualReport(
        year=year,
        agency=agency,
        format=fmt,
        table2=empty_table2(fmt),
        table3=empty_table3(fmt),
        table4=empty_table4(),
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
    )


def _dec_str(v: Decimal | None) -> str | None:
    if v is None:
        return None
    if not isinstance(v, Decimal):
        v = Decimal(str(v))
    s = format(v, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def _table2_to_dict(t2: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in t2.items():
        if isinstance(v, dict):
            out[k] = {
                c: (_dec_str(x) if isinstance(x, Decimal) or c.endswith("10k_yuan") else x)
                for c, x in v.items()
            }
        elif k.endswith("10k_yuan"):
            out[k] = _dec_str(v)
        else:
            out[k] = v
    return out


def to_dict(m: AnnualReport) -> dict[str, Any]:
    """The §6 JSON shape (plus sections, period, publication date and fees)."""
    period = None
    if m.period_start or m.period_end:
        period = {
            "start": m.period_start.isoformat() if m.period_start else None,
            "end": m.period_end.isoformat() if m.period_end else None,
        }
    return {
        "format": m.format,
        "year": m.year,
        "agency": m.agency,
        "table2": _table2_to_dict(m.table2),
        "table3": {r: dict(cols) for r, cols in m.table3.items()},
        "table4": {b: dict(cols) for b, cols in m.table4.items()},
        "sections": dict(m.sections),
        "statistics_period": period,
        "published_on": m.published_on.isoformat() if m.published_on else None,
        "fees_yuan": _dec_str(m.fees_yuan),
        "preamble": m.preamble,
    }


def _dec(v: Any) -> Decimal | None:
    if v is None:
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation as exc:
        raise ValueError(f"不是有效的金额：{v!r}") from exc


def _date(v: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(v) if v else None


def from_dict(d: dict[str, Any]) -> AnnualReport:
    """Inverse of ``to_dict``; missing optional keys take their defaults."""
    fmt = d.get("format", F.FORMAT_2021)
    t2: dict[str, Any] = {}
    for k, v in (d.get("table2") or {}).items():
        if isinstance(v, dict):
            t2[k] = {c: (_dec(x) if c.endswith("10k_yuan") else x) for c, x in v.items()}
        elif k.endswith("10k_yuan"):
            t2[k] = _dec(v)
        else:
            t2[k] = v
    period = d.get("statistics_period") or {}
    sections = d.get("sections")
    return AnnualReport(
        year=d.get("year"),
        agency=d.get("agency") or "",
        format=fmt,
        table2=t2 or empty_table2(fmt),
        table3={r: dict(c) for r, c in (d.get("table3") or {}).items()} or empty_table3(fmt),
        table4={b: dict(c) for b, c in (d.get("table4") or {}).items()} or empty_table4(),
        sections=dict(sections) if sections is not None else dict.fromkeys(F.SECTION_KEYS, ""),
        published_on=_date(d.get("published_on")),
        period_start=_date(period.get("start")),
        period_end=_date(period.get("end")),
        fees_yuan=_dec(d.get("fees_yuan")),
        preamble=d.get("preamble") or "",
    )


def iter_table2_cells(m: AnnualReport):
    """Yield (row, column or None, value) for every Table 2 cell."""
    for k, v in m.table2.items():
        if isinstance(v, dict):
            for c, x in v.items():
                yield k, c, x
        else:
            yield k, None, v
