"""The assessment and the dashboard as JSON, XLSX and CSV — every cell escaped by the project's
spreadsheet rule (reportformat/spreadsheet.py)."""

from __future__ import annotations

import io
import json

from gongkai.reportformat.spreadsheet import write_csv_rows, xlsx_append

from .scores import INDICATORS
from .transparency import LABELS, WEIGHTS


def assessment_rows(table: dict) -> list[list]:
    header = ["机关", "总分"]
    for i in INDICATORS:
        header += [f"{i.label}（数值）", f"{i.label}（得分）"]
    rows = [header]
    for a in table["agencies"]:
        row = [a["agency"], a["total"]]
        for i in INDICATORS:
            v = a["indicators"][i.key]
            row += [v["text"], v["score"]]
        rows.append(row)
    return rows


def index_rows(table: dict) -> list[list]:
    rows = [
        ["机关", "透明度指数", *(f"{LABELS[k]}（满分 {WEIGHTS[k]}）" for k in WEIGHTS), "失分原因"]
    ]
    for a in table["agencies"]:
        dims = a["dimensions"]
        reasons = "；".join(r for k in WEIGHTS for r in dims[k]["reasons"])
        rows.append([a["agency"], a["total"], *(dims[k]["points"] for k in WEIGHTS), reasons])
    return rows


def to_json(assessment: dict, index: dict) -> str:
    return json.dumps(
        {"assessment": assessment, "transparency_index": index}, ensure_ascii=False, indent=2
    )


def to_xlsx(sheets: list[tuple[str, list[list]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            xlsx_append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(rows: list[list]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel/WPS read UTF-8 with the BOM
    write_csv_rows(out, rows)
    return out.getvalue()


def dashboard_rows(data: dict) -> list[list]:
    rows = [
        [
            "机关",
            "逾期未答复申请",
            "超期发布信息",
            "年报状态",
            "年报检查结果",
            "考核得分",
            "自查未整改问题",
        ]
    ]
    for r in data["rows"]:
        rows.append(
            [
                r.agency.name,
                r.overdue_requests,
                r.late_publications,
                r.report.label,
                r.report.findings_label,
                None if r.score is None else round(r.score, 1),
                "无数据" if r.open_findings is None else r.open_findings,
            ]
        )
    return rows
