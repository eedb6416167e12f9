"""Reading the three statistical tables from lines of cells (used by parse_lines)."""

from __future__ import annotations

import re

from . import formats as F
from .cells import has_cjk, is_value_cell, norm, parse_cell
from .findings import Finding, place
from .model import empty_table2, empty_table3, empty_table4

# ---------------------------------------------------------------------------------------------
# Table 2
_BLOCK = re.compile(r"^第二十条第\(([一二三四五六七八九十]+)\)项$")
_T2_LABELS_2021 = {norm(r.label): r.code for r in F.TABLE2_ROWS_2021}
_T2_LABELS_2019 = {norm(r.label): r.code for r in F.TABLE2_ROWS_2019}
_T2_HEADERS = {norm(x) for x in ("信息内容", F.T2_DECISIONS, F.T2_FEES, "本年收费金额")} | {
    norm(label) for r in F.TABLE2_ROWS_2021 + F.TABLE2_ROWS_2019 for _, label in r.columns
}
_T2_MARKERS = {norm(x) for x in F.TABLE2_2019_MARKERS}


def blank_table2(fmt: str = F.FORMAT_2021) -> dict:
    t = empty_table2(fmt)
    return {k: (dict.fromkeys(v, None) if isinstance(v, dict) else None) for k, v in t.items()}


def _t2_tokens(cells: list[str]) -> list[tuple[str, str, str]]:
    """(kind, normalised, raw) per cell; "行政处罚 0" is split into a label and a value."""
    out = []
    for raw in cells:
        raw = raw.strip()
        mt = re.match(r"^(\S+)\s+(\S+)$", raw)
        if (
            mt
            and norm(mt.group(1)) in _T2_LABELS_2019 | _T2_LABELS_2021
            and is_value_cell(mt.group(2))
        ):
            out.append(("LABEL", norm(mt.group(1)), mt.group(1)))
            out.append(("VALUE", mt.group(2), mt.group(2)))
            continue
        mt = re.match(r"^(.+?)\s+(\d+(?:\.\d+)?)$", raw)
        if mt and norm(mt.group(1)) in _T2_HEADERS:
            out.append(("HEADER", norm(mt.group(1)), mt.group(1)))
            out.append(("VALUE", mt.group(2), mt.group(2)))
            continue
        n = norm(raw)
        if not n:
            out.append(("EMPTY", "", ""))
        elif _BLOCK.match(n):
            out.append(("BLOCK", n, raw))
        elif n in _T2_LABELS_2021 or n in _T2_LABELS_2019 or n in F.TABLE2_LABEL_VARIANTS:
            out.append(("LABEL", n, raw))
        elif n in _T2_HEADERS or n.startswith("本年收费金额"):
            out.append(("HEADER", n, raw))
        elif is_value_cell(raw):
            out.append(("VALUE", raw, raw))
        else:
            out.append(("OTHER", n, raw))
    return out


def parse_table2(part: list[list[str]], findings: list[Finding]) -> tuple[dict, str]:
    found: dict[str, tuple[str, list[str]]] = {}  # normalised label -> (raw label, value cells)
    is_2019 = False
    for cells in part:
        toks = _t2_tokens(cells)
        if any(t[1] in _T2_MARKERS for t in toks):
            is_2019 = True
        for i, (kind, n, raw) in enumerate(toks):
            if kind != "LABEL" or any(t[0] == "OTHER" for t in toks[:i]):
                continue
            vals = []
            for k2, _, raw2 in toks[i + 1 :]:
                if k2 == "HEADER" and not vals:
                    continue
                if k2 not in ("VALUE", "EMPTY"):
                    break
                vals.append(raw2)
            if n not in found or not any(v.strip() for v in found[n][1]):
                found[n] = (raw, vals)
    fmt = F.FORMAT_2019 if is_2019 or norm("其他对外管理服务事项") in found else F.FORMAT_2021
    rows = F.TABLE2_ROWS_2019 if fmt == F.FORMAT_2019 else F.TABLE2_ROWS_2021
    table = blank_table2(fmt)
    for row in rows:
        hit = found.get(norm(row.label))
        if hit is None and fmt == F.FORMAT_2021:
            for variant, code in F.TABLE2_LABEL_VARIANTS.items():
                if code == row.code and variant in found:
                    hit = found[variant]
                    loc = {"table": 2, "row": row.code}
                    findings.append(
                        Finding(
                            "LABEL_NONSTANDARD",
                            loc,
                            f"{place(loc, fmt)}：行名写作“{hit[0]}”，格式规定为“{row.label}”，"
                            "数字照常读取。",
                            expected=row.label,
                            found=hit[0],
                        )
                    )
        if hit is None:
            continue
        cols = [c for c, _ in row.columns] or [None]
        vals = _fit(hit[1], len(cols))
        for col, raw in zip(cols, vals, strict=True):
            decimal = row.decimal or (col or "").endswith("10k_yuan")
            value, status = parse_cell(raw, decimal=decimal)
            loc = {"table": 2, "row": row.code} | ({"column": col} if col else {})
            if status == "invalid":
                label = dict(row.columns).get(col, row.value_label)
                findings.append(
                    Finding(
                        "CELL_INVALID",
                        loc,
                        f"表二“{row.label}”“{label}”的内容“{raw}”不是有效的数字。",
                        expected="数字",
                        found=raw,
                    )
                )
            if col is None:
                table[row.code] = value
            else:
                table[row.code][col] = value
    return table, fmt


def _fit(vals: list[str], n: int) -> list[str | None]:
    """Cells after a label → exactly n cells (trailing blanks and layout padding dropped)."""
    vals = list(vals)
    while vals and not vals[-1].strip():
        vals.pop()
    while len(vals) > n and not vals[0].strip():
        vals.pop(0)
    out: list[str | None] = list(vals[:n])
    return out + [None] * (n - len(out))


# ---------------------------------------------------------------------------------------------
# Table 3
_T3_ORDER = [r for r in F.TABLE3_ROWS_2021 if r.group] + [
    F.t3_row(c) for c in ("partial", "granted", "new", "carried_over", "carried_forward")
]


_T3_KEYS = [(norm(r.key), r.code) for r in _T3_ORDER]


def _t3_match(label: str) -> str | None:
    if not label:
        return None
    for key, code in _T3_KEYS:
        if key in label:
            return code
    if "其他处理" in label:
        return "other"
    if label.endswith("总计") and "勾稽" not in label and "申请人" not in label:
        return "total"
    return None


def _split_label(cells: list[str]) -> tuple[list[str], list[str]]:
    last = -1
    for i, c in enumerate(cells):
        if c.strip() and not is_value_cell(c):
            last = i
    return cells[: last + 1], cells[last + 1 :]


_T3_LABEL_NORM = {r.code: norm(r.label) for r in F.TABLE3_ROWS_2019 + F.TABLE3_ROWS_2021}


def _sure_join(code: str | None, hits: dict, labels: list[str]) -> bool:
    """A wrapped label joined from continuation lines spells its row's label exactly."""
    if code is None or hits.get(code, (None,))[0] is not labels:
        return False
    want = _T3_LABEL_NORM.get(code, "\uffff")
    whole = "".join(labels)
    return whole.endswith(want) and not labels[0].endswith(want)


def parse_table3(
    part: list[list[str]],
    findings: list[Finding],
    *,
    wrapped_labels: bool = True,
    unsure: set[str] | None = None,
) -> tuple[dict, str]:
    """Table 3 from its rows. ``wrapped_labels``: the rows are lines of text, where a label-only
    line continues the label of the row above (top-aligned text); such a guess marks the table
    ``unsure`` (the PDF reader then reads it again by geometry). Rows from real table cells (HTML,
    Word, PDF geometry) are never joined: a label-only row there is a header.

    A join is sure only when the joined label ends with exactly the statutory label of the row it
    matched (top-aligned wrapping); anything else (vertically centred cells put a label fragment
    on the line of a neighbouring row) marks the table unsure."""
    logical: list[tuple[list[str], list[str]]] = []
    joined: set[int] = set()  # id(labels) of logical rows that took continuation lines
    raw_labels: dict[int, str] = {}  # id(labels) -> the label as printed (for style warnings)
    for cells in part:
        label_cells, vals = _split_label(cells)
        label = norm("".join(label_cells))
        if any(v.strip() for v in vals):
            logical.append(([label], vals))
            raw_labels[id(logical[-1][0])] = re.sub(r"\s+", "", "".join(label_cells))
        elif logical and label and wrapped_labels:
            logical[-1][0].append(label)
            joined.add(id(logical[-1][0]))
    hits: dict[str, tuple[list[str], list[str]]] = {}
    for labels, vals in logical:
        code = _t3_match("".join(labels)) or _t3_match(labels[0])
        if code and code not in hits:
            hits[code] = (labels, vals)
        if id(labels) in joined and unsure is not None and not _sure_join(code, hits, labels):
            unsure.add("table3")
    fmt = (
        F.FORMAT_2019
        if "other" in hits and not any(c in hits for c in F.T3_GROUPS["other"])
        else F.FORMAT_2021
    )
    table = empty_table3(fmt, value=None)
    for r in F.table3_rows(fmt):
        if r.code not in hits:
            continue
        labels, vals = hits[r.code]
        found = "".join(labels)
        raw = re.sub(r"^三、本年度办理结果", "", raw_labels.get(id(labels), ""))
        if norm(r.label) in norm(raw) and re.sub(r"\s+", "", r.label) not in raw:
            loc = {"table": 3, "row": r.code}
            findings.append(
                Finding(
                    "LABEL_NONSTANDARD",
                    loc,
                    f"{place(loc, fmt)}：行名写作“{raw}”，括号或标点与格式“{r.label}”不一致"
                    "（如半角括号），数字照常读取。",
                    expected=r.label,
                    found=raw,
                )
            )
        elif norm(r.label) not in found:
            loc = {"table": 3, "row": r.code}
            findings.append(
                Finding(
                    "LABEL_NONSTANDARD",
                    loc,
                    f"{place(loc, fmt)}：行名写作“{labels[0]}”，与格式规定的“{r.full_label}”不一致，"
                    "数字照常读取。",
                    expected=r.full_label,
                    found=labels[0],
                )
            )
        for col, raw in zip(F.T3_COLUMN_CODES, _fit(vals, 7), strict=True):
            value, status = parse_cell(raw)
            if status == "invalid":
                findings.append(
                    Finding(
                        "CELL_INVALID",
                        {"table": 3, "row": r.code, "column": col},
                        f"表三“{r.full_label}”行“{F.t3_column_label(col)}”列的内容“{raw}”"
                        "不是有效的数字（应为非负整数）。",
                        expected="非负整数",
                        found=raw,
                    )
                )
            table[r.code][col] = value
    return table, fmt


# ---------------------------------------------------------------------------------------------
# Table 4
def parse_table4(part: list[list[str]], findings: list[Finding]) -> dict:
    vals: list[str] = []
    for cells in part:
        label_cells, rest = _split_label(cells)
        if label_cells and any(has_cjk(c) for c in label_cells) and len(rest) < 5:
            continue
        if not any(c.strip() for c in rest):
            continue
        rest = list(rest)
        while rest and not rest[-1].strip():
            rest.pop()
        vals.extend(rest)
        if len(vals) >= 15:
            break
    cells = _fit(vals, 15) if len(vals) > 15 else vals + [None] * (15 - len(vals))
    table = empty_table4(value=None)
    it = iter(cells)
    for b, blabel in F.T4_BLOCKS:
        for c, clabel in F.T4_COLUMNS:
            raw = next(it)
            value, status = parse_cell(raw)
            if status == "invalid":
                findings.append(
                    Finding(
                        "CELL_INVALID",
                        {"table": 4, "row": b, "column": c},
                        f"表四“{blabel}”“{clabel}”的内容“{raw}”不是有效的数字。",
                        expected="非负整数",
                        found=raw,
                    )
                )
            table[b][c] = value
    return table
