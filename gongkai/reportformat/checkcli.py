"""``gongkai check PATH... [--json] [--previous FILE] [--csv FILE] [--deadline YYYY-MM-DD]``

Checks published annual reports (.txt .html .htm .docx .pdf, zips or folders of them) against the
format and the rules. Every file passes the resource limits of ``limits.py`` first. Exit status: 0 no errors, 1 errors found, 2 a file could not be read.
Never imports Django; never prints a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from . import formats as F
from . import limits
from .archive import report_members
from .findings import (
    RULE_CODES,
    RULE_NAMES,
    Group,
    dedupe,
    group,
    plain,
    sort_key,
    verdict,
)
from .model import AnnualReport, to_dict
from .parse import SUFFIXES, FileRefused, ParseResult, ReportParseError, parse_bytes, parse_file
from .render_text import cell_text
from .rules import check
from .spreadsheet import write_csv_rows


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are English; ours are not
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="gongkai check",
        add_help=False,
        description="检查政府信息公开工作年度报告是否符合格式和勾稽关系。",
    )
    p.add_argument("paths", nargs="*", metavar="路径")
    p.add_argument("--json", action="store_true")
    p.add_argument("--previous", metavar="上年度报告")
    p.add_argument("--csv", metavar="汇总CSV")
    p.add_argument("--deadline", metavar="YYYY-MM-DD")
    p.add_argument("-h", "--help", action="store_true")
    return p


USAGE = """用法：gongkai check 路径... [--json] [--previous 上年度报告] [--csv 汇总.csv] [--deadline YYYY-MM-DD]
  路径         年度报告文件（.txt .html .htm .docx .pdf）或包含这些文件的文件夹
  --json       以 JSON 输出（多个文件时为列表）
  --previous   上年度报告，用于核对“上年结转”与上年“结转下年度”（CROSS_YEAR）
  --csv        把汇总结果写入 CSV 文件（每个文件一行）
  --deadline   发布期限，报告写明发布日期时检查是否逾期（LATE）
退出状态：0 未发现错误；1 发现错误；2 有文件无法读取。"""


def _expand(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            files.append(p)
    return files


def _guarded(read) -> tuple[ParseResult | None, str | None]:
    try:
        return read(), None
    except FileRefused as exc:
        return None, _Refusal(str(exc))
    except ReportParseError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - a checker must never end in a traceback
        return None, f"读取文件时出错（{type(exc).__name__}），文件可能已损坏或格式不受支持。"


class _Refusal(str):
    """An error message from a resource limit or a broken archive (the web answers HTTP 400)."""


def is_refusal(verdict: dict[str, Any]) -> bool:
    return isinstance(verdict.get("error"), _Refusal)


def _verdict(
    name: str, result: ParseResult | None, error: str | None, previous, deadline
) -> dict[str, Any]:
    if result is None:
        return {"file": name, "error": error, "findings": []}
    findings = dedupe(result.findings + check(result.model, previous=previous, deadline=deadline))
    findings.sort(key=sort_key)
    return {"file": name, "result": result, "findings": findings}


def check_one(
    path: Path, previous: AnnualReport | None, deadline: datetime.date | None
) -> dict[str, Any]:
    result, error = _guarded(lambda: parse_file(path))
    return _verdict(str(path), result, error, previous, deadline)


def check_zip(
    path: Path, previous: AnnualReport | None, deadline: datetime.date | None
) -> list[dict[str, Any]]:
    """Each report inside a zip (inner zips too), or one unreadable item when the archive is refused."""
    try:
        data = path.read_bytes()
        limits.check_size(data)
        members, _notes = report_members(data)
    except limits.FileRefused as exc:
        return [{"file": str(path), "error": _Refusal(exc.message), "findings": []}]
    except OSError as exc:
        return [
            {"file": str(path), "error": f"无法读取文件：{exc.strerror or exc}", "findings": []}
        ]
    if not members:
        return [{"file": str(path), "error": "压缩包里没有可检查的报告。", "findings": []}]
    return [check_bytes(content, f"{path}/{name}", previous, deadline) for name, content in members]


def check_bytes(
    data: bytes,
    name: str,
    previous: AnnualReport | None = None,
    deadline: datetime.date | None = None,
) -> dict[str, Any]:
    """The same verdict as `check_one`, for a document already in memory (web uploads)."""
    result, error = _guarded(lambda: parse_bytes(data, name))
    return _verdict(name, result, error, previous, deadline)


# -- text output ---------------------------------------------------------------------------------
_PATH_NAMES = {"text": "文字层", "geometry": "版面位置", "cells": "表格单元格"}


def _group_lines(g: Group, n: int) -> list[str]:
    lines = [f"  {n}. 【{g.title}】{g.summary}"]
    if len(g.items) == 1:
        f = g.items[0]
        lines.append(f"     位置：{f.place}")
        if f.expected is not None or f.found is not None:
            lines.append(f"     应为：{plain(f.expected) or '—'}；实为：{plain(f.found) or '—'}")
    else:
        buckets: dict[tuple, dict[str, list[str]]] = {}
        for f in g.items:  # same expected/found: one line per row, listing its columns
            rows = buckets.setdefault((plain(f.expected), plain(f.found)), {})
            head, _, last = f.place.rpartition(" · ")
            if f.code in ("CELL_BLANK", "CELL_INVALID") and head:
                rows.setdefault(head, []).append(last)
            else:
                rows.setdefault(f.place, [])
        for (expected, found), rows in buckets.items():
            for head, cols in rows.items():
                lines.append(f"     · {head}{'：' + '、'.join(cols) if cols else ''}")
            if expected is not None or found is not None:
                lines.append(f"       应为：{expected or '—'}；实为：{found or '—'}")
    lines.append(f"     怎么改：{g.fix}")
    return lines


def _tables_text(m: AnnualReport) -> list[str]:
    def c(v):
        return "空" if v is None else cell_text(v)

    out = ["解析出的表格（“空”表示空白单元格）："]
    t2 = m.table2
    if m.format == F.FORMAT_2019:
        for row in F.TABLE2_ROWS_2019:
            vals = t2.get(row.code) or {}
            out.append(
                f"  表二 {row.label}："
                + "，".join(f"{label} {c(vals.get(k))}" for k, label in row.columns)
            )
    else:
        for code, label in (("rules", "规章"), ("normative", "行政规范性文件")):
            vals = t2.get(code) or {}
            out.append(
                f"  表二 {label}：制发 {c(vals.get('issued'))}，废止 {c(vals.get('abolished'))}，"
                f"现行有效 {c(vals.get('in_force'))}"
            )
        out.append(
            f"  表二 行政许可 {c(t2.get('licensing'))}，行政处罚 {c(t2.get('penalty'))}，"
            f"行政强制 {c(t2.get('coercion'))}，行政事业性收费 {c(t2.get('fees_10k_yuan'))} 万元"
        )
    out.append(
        "  表三（自然人 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 / 其他 / 总计）："
    )
    for r in F.table3_rows(m.format):
        cols = m.table3.get(r.code) or {}
        nums = " ".join(f"{c(cols.get(k)):>5}" for k in F.T3_COLUMN_CODES)
        out.append(f"    {nums}  {r.full_label}")
    out.append("  表四（结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计）：")
    for b, label in F.T4_BLOCKS:
        cols = m.table4.get(b) or {}
        out.append(
            "    " + " ".join(f"{c(cols.get(k)):>5}" for k in F.T4_COLUMN_CODES) + f"  {label}"
        )
    return out


def _verdict_text(item: dict[str, Any]) -> str:
    lines = [f"== {item['file']} =="]
    if item.get("error"):
        lines.append(f"无法读取：{item['error']}")
        return "\n".join(lines)
    result: ParseResult = item["result"]
    m = result.model
    lines.append(verdict(item["findings"], m.agency, m.year))
    year = f"{m.year} 年度" if m.year else "年度未识别"
    lines.append(f"报告：{m.agency or '发布机关未识别'}，{year}，{m.format} 年格式。")
    if result.source_kind == "pdf" and result.table_paths:
        paths = "，".join(
            f"{name}按{_PATH_NAMES.get(result.table_paths.get(t, ''), '文字层')}"
            for t, name in (("table2", "表二"), ("table3", "表三"), ("table4", "表四"))
        )
        lines.append(f"表格读取方式：{paths}。")
    groups = group(item["findings"])
    errors = [g for g in groups if g.severity == "error"]
    warnings = [g for g in groups if g.severity != "error"]
    if errors:
        lines.append("错误（按重要程度排列）：")
        for n, g in enumerate(errors, 1):
            lines += _group_lines(g, n)
    if warnings:
        lines.append("警告：")
        for n, g in enumerate(warnings, 1):
            lines += _group_lines(g, n)
    lines += _tables_text(m)
    return "\n".join(lines)


def _json_item(item: dict[str, Any]) -> dict[str, Any]:
    if item.get("error"):
        return {
            "file": item["file"],
            "error": item["error"],
            "year": None,
            "agency": None,
            "format": None,
            "source_kind": None,
            "tables_read_by": {},
            "header": None,
            "verdict": f"无法读取：{item['error']}",
            "model": None,
            "findings": [],
            "groups": [],
        }
    result = item["result"]
    m = result.model
    return {
        "file": item["file"],
        "error": None,
        "year": m.year,
        "agency": m.agency,
        "format": m.format,
        "source_kind": result.source_kind,
        "tables_read_by": dict(result.table_paths),
        "header": _header(result),
        "verdict": verdict(item["findings"], m.agency, m.year),
        "model": to_dict(m),
        "findings": [f.to_dict() for f in item["findings"]],
        "groups": [g.to_dict() for g in group(item["findings"])],
    }


def _header(result: ParseResult) -> dict[str, Any]:
    """Where the agency and the year were read from, and what could not be found."""
    agency_from = result.header.get("agency") if result.model.agency else None
    year_from = result.header.get("year") if result.model.year else None
    missing = [
        name for name, src in (("发布机关", agency_from), ("报告年度", year_from)) if not src
    ]
    note = f"未能从标题、统计期限或落款中识别出{'和'.join(missing)}。" if missing else None
    return {"agency_from": agency_from, "year_from": year_from, "note": note}


def _status(item: dict[str, Any]) -> str:
    if item.get("error"):
        return "无法读取"
    if any(f.is_error for f in item["findings"]):
        return "有错误"
    return "仅有警告" if item["findings"] else "无问题"


def _summary(items: list[dict[str, Any]]) -> str:
    status = Counter(_status(i) for i in items)
    by_rule = Counter(f.code for i in items for f in i["findings"])
    lines = [
        f"共检查 {len(items)} 个文件：无问题 {status['无问题']} 个，有错误 {status['有错误']} 个，"
        f"仅有警告 {status['仅有警告']} 个，无法读取 {status['无法读取']} 个。"
    ]
    if by_rule:
        lines.append("各规则发现的问题数：")
        lines += [
            f"  {code} {RULE_NAMES[code]}：{by_rule[code]}" for code in RULE_CODES if by_rule[code]
        ]
    return "\n".join(lines)


def _write_csv(path: str, items: list[dict[str, Any]]) -> None:
    rows: list[list[Any]] = [
        ["文件", "年度", "机关", "结论", "错误数", "警告数", *RULE_CODES, "无法读取原因"]
    ]
    for i in items:
        m = i["result"].model if i.get("result") else None
        counts = Counter(f.code for f in i["findings"])
        rows.append(
            [
                i["file"],
                m.year if m and m.year else "",
                m.agency if m else "",
                _status(i),
                sum(1 for f in i["findings"] if f.is_error),
                sum(1 for f in i["findings"] if not f.is_error),
                *[counts[c] for c in RULE_CODES],
                i.get("error") or "",
            ]
        )
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        write_csv_rows(fh, rows)


def main(argv: list[str]) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # output piped into `head` and closed: not an error of the checker
        import os

        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return 2


def _main(argv: list[str]) -> int:
    out, err = sys.stdout, sys.stderr
    try:
        args = _parser().parse_args(argv)
    except _UsageError as exc:
        print(f"参数错误：{exc}\n\n{USAGE}", file=err)
        return 2
    if args.help:
        print(USAGE, file=out)
        return 0
    if not args.paths:
        print(f"请指定要检查的年度报告文件或文件夹。\n\n{USAGE}", file=err)
        return 2
    deadline = None
    if args.deadline:
        try:
            deadline = datetime.date.fromisoformat(args.deadline)
        except ValueError:
            print(f"发布期限“{args.deadline}”不是有效日期，应写作 YYYY-MM-DD。", file=err)
            return 2
    previous = None
    if args.previous:
        prev, error = _guarded(lambda: parse_file(Path(args.previous)))
        if prev is None:
            print(f"无法读取上年度报告 {args.previous}：{error}", file=err)
            return 2
        previous = prev.model
    for raw in args.paths:
        if not Path(raw).exists():
            print(f"找不到文件或文件夹：{raw}", file=err)
            return 2
    files = _expand(args.paths)
    if not files:
        print("文件夹中没有可检查的年度报告文件（.txt .html .htm .docx .pdf）。", file=err)
        return 2
    items = []
    for n, path in enumerate(files, 1):
        if len(files) > 1:
            print(f"[{n}/{len(files)}] {path}", file=err, flush=True)
        if path.suffix.lower() == ".zip":
            items += check_zip(path, previous, deadline)
        else:
            items.append(check_one(path, previous, deadline))
    if args.json:
        data = [_json_item(i) for i in items]
        json.dump(data if len(data) > 1 else data[0], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print("\n\n".join(_verdict_text(i) for i in items), file=out)
        if len(items) > 1:
            print("\n" + _summary(items), file=out)
    if args.csv:
        try:
            _write_csv(args.csv, items)
        except OSError as exc:
            print(f"无法写入 CSV 文件 {args.csv}：{exc.strerror or exc}", file=err)
            return 2
    if any(i.get("error") for i in items):
        return 2
    return 1 if any(f.is_error for i in items for f in i["findings"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
