"""JSON Schema of the model (``to_dict`` output), built from the format data.

The published copy is docs/annual-report-model.schema.json; a test keeps it equal to ``json_schema()``.
Regenerate with ``python -m gongkai.reportformat.schema > docs/annual-report-model.schema.json``.
"""

from __future__ import annotations

import json

from . import formats as F

_COUNT = {"type": ["integer", "null"], "minimum": 0}
_DECIMAL = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
_DATE = {"type": ["string", "null"], "format": "date"}


def _obj(props: dict, required: bool = True) -> dict:
    out = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = list(props)
    return out


def json_schema() -> dict:
    docs = _obj({c: _COUNT for c, _ in F.T2_COLUMNS_DOCS})
    table2_2021 = _obj(
        {
            "rules": docs,
            "normative": docs,
            "licensing": _COUNT,
            "penalty": _COUNT,
            "coercion": _COUNT,
            "fees_10k_yuan": _DECIMAL,
        }
    )
    table2_2019 = _obj(
        {
            r.code: _obj(
                {
                    c: (
                        _DECIMAL
                        if c.endswith("10k_yuan")
                        else {"type": ["integer", "null"]}
                        if c == "change"
                        else _COUNT
                    )
                    for c, _ in r.columns
                }
            )
            for r in F.TABLE2_ROWS_2019
        }
    )
    t3_row = _obj({c: _COUNT for c in F.T3_COLUMN_CODES})
    all_rows = dict.fromkeys(
        [r.code for r in F.TABLE3_ROWS_2021] + [r.code for r in F.TABLE3_ROWS_2019], t3_row
    )
    table3 = {"type": "object", "properties": all_rows, "additionalProperties": False}
    table4 = _obj({b: _obj({c: _COUNT for c in F.T4_COLUMN_CODES}) for b in F.T4_BLOCK_CODES})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongkai.example/schemas/annual-report-model.schema.json",
        "title": "政府信息公开工作年度报告（机器可读模型）",
        "description": "Gongkai annual-report model (spec §6). null = a cell the published report "
        "left blank (only the checker produces nulls).",
        "type": "object",
        "required": ["format", "year", "agency", "table2", "table3", "table4"],
        "additionalProperties": False,
        "properties": {
            "format": {"enum": [F.FORMAT_2021, F.FORMAT_2019]},
            "year": {"type": ["integer", "null"], "minimum": 2000, "maximum": 2100},
            "agency": {"type": "string"},
            "table2": {"oneOf": [table2_2021, table2_2019]},
            "table3": table3,
            "table4": table4,
            "sections": {
                "type": "object",
                "properties": {k: {"type": "string"} for k in F.SECTION_KEYS},
                "additionalProperties": False,
            },
            "statistics_period": {
                "oneOf": [{"type": "null"}, _obj({"start": _DATE, "end": _DATE})]
            },
            "published_on": _DATE,
            "fees_yuan": _DECIMAL,
            "preamble": {"type": "string"},
        },
        "allOf": [
            {
                "if": {"properties": {"format": {"const": F.FORMAT_2021}}},
                "then": {
                    "properties": {
                        "table2": table2_2021,
                        "table3": {"required": [r.code for r in F.TABLE3_ROWS_2021]},
                    }
                },
            },
            {
                "if": {"properties": {"format": {"const": F.FORMAT_2019}}},
                "then": {
                    "properties": {
                        "table2": table2_2019,
                        "table3": {"required": [r.code for r in F.TABLE3_ROWS_2019]},
                    }
                },
            },
        ],
    }


def schema_json() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
