"""PDF reports read by their geometry (pdfplumber, imported lazily): the slow, sure path.

Text is put into table cells by *where it lies*, not by line order, so that what Word/WPS exports
parses right: vertically centred or bottom-aligned cells, labels wrapped over several lines, merged
(spanned) cells, tables running over onto the next page, and tables whose ruling lines were removed.

- Ruled tables: pdfplumber finds the cell rectangles from the ruling lines; each character goes to the
  cell that contains it. A spanned cell keeps its text in its first row/column, as in the HTML grid.
- Everything else is grouped into visual lines of words. Where a table has no ruling lines, label-only
  lines (a wrapped label) are joined to the line with the numbers they belong to: between two number
  lines, they are split at the widest vertical gap (the row boundary).

The result is the same ``list[list[str]]`` the other readers produce, for ``parse_lines``.
"""

from __future__ import annotations

import io
import re

from .cells import has_cjk

_NUMBER = re.compile(r"^[\d,.]+$|^[-—–/／]$")


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    out = ""
    for x in lines:  # CJK wraps without a space; Latin words keep one
        if out and not (has_cjk(out[-1]) or has_cjk(x[0])):
            out += " "
        out += x
    return out


class _Line:
    __slots__ = ("top", "bottom", "cells")

    def __init__(self, top: float, bottom: float, cells: list[tuple[float, float, str]]):
        self.top, self.bottom, self.cells = top, bottom, cells  # cells: (x0, x1, text)

    @property
    def numbers(self) -> list[tuple[float, float, str]]:
        return [c for c in self.cells if _is_number(c[2])]

    @property
    def labels(self) -> list[tuple[float, float, str]]:
        return [c for c in self.cells if not _is_number(c[2])]


def _lines(words: list[dict]) -> list[_Line]:
    """Words → visual lines (by vertical overlap) → cells (words closer than about a character)."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        mid = (w["top"] + w["bottom"]) / 2
        for r in reversed(rows[-3:]):
            if r[0]["top"] - 1 <= mid <= r[0]["bottom"] + 1:
                r.append(w)
                break
        else:
            rows.append([w])
    out = []
    for r in rows:
        r.sort(key=lambda w: w["x0"])
        cells: list[list] = []
        for w in r:
            size = w["bottom"] - w["top"]
            if cells and w["x0"] - cells[-1][1] < 0.9 * size:
                cells[-1][1] = w["x1"]
                cells[-1][2] += w["text"]
            else:
                cells.append([w["x0"], w["x1"], w["text"]])
        out.append(
            _Line(min(w["top"] for w in r), max(w["bottom"] for w in r), [tuple(c) for c in cells])
        )
    out.sort(key=lambda x: x.top)
    return out


def _columns(cells: list[tuple[float, float, str, float]]) -> list[str]:
    """Label fragments (x0, x1, text, top) → one text per column (fragments overlapping in x)."""
    cols: list[list] = []
    for c in sorted(cells, key=lambda c: c[0]):
        for col in cols:
            if c[0] < col[1] and c[1] > col[0]:
                col[0], col[1] = min(col[0], c[0]), max(col[1], c[1])
                col[2].append(c)
                break
        else:
            cols.append([c[0], c[1], [c]])
    return [_cell_text("\n".join(f[2] for f in sorted(col[2], key=lambda f: f[3]))) for col in cols]


def _join_unruled(lines: list[_Line]) -> list[list[str]]:
    """Rows of a page region without ruling lines: label-only lines join their number line."""
    kinds = []
    for i, ln in enumerate(lines):
        if ln.numbers:
            kinds.append("value")
            continue
        near = [x for x in lines[max(0, i - 6) : i + 7] if x.numbers]
        first_num = min((c[0] for x in near for c in x.numbers), default=None)
        right = max(c[1] for c in ln.cells)
        kinds.append("label" if first_num is not None and right < first_num else "text")
    owner: dict[int, int] = {}  # label line -> value line
    values = [i for i, k in enumerate(kinds) if k == "value"]
    for a, b in zip(values, values[1:], strict=False):
        between = list(range(a + 1, b))
        if not between or any(kinds[i] != "label" for i in between):
            continue
        seq = [a, *between, b]
        gaps = [lines[seq[k + 1]].top - lines[seq[k]].bottom for k in range(len(seq) - 1)]
        cut = max(range(len(gaps)), key=lambda k: gaps[k])
        for k, i in enumerate(between):
            owner[i] = a if k < cut else b
    for v in values:  # wrapped lines above the first / below the last number line of a run
        for step in (-1, 1):
            i = v + step
            while 0 <= i < len(lines) and kinds[i] == "label" and i not in owner:
                near, far = (lines[i], lines[i - step]) if step == 1 else (lines[i + 1], lines[i])
                gap = near.top - far.bottom if step == 1 else near.top - far.bottom
                if gap > 0.6 * (lines[v].bottom - lines[v].top):
                    break
                owner[i] = v
                i += step
    out: list[list[str]] = []
    for i, ln in enumerate(lines):
        if i in owner:
            continue
        if kinds[i] != "value":
            out.append([c[2] for c in ln.cells])
            continue
        frags = [(c[0], c[1], c[2], ln.top) for c in ln.labels]
        for j, o in owner.items():
            if o == i:
                frags += [(c[0], c[1], c[2], lines[j].top) for c in lines[j].cells]
        out.append(_columns(frags) + [c[2] for c in ln.numbers])
    return out


def _page_rows(page) -> list[tuple[float, list[list[str]]]]:
    tables = page.find_tables()
    items: list[tuple[float, list[list[str]]]] = []
    boxes = []
    for t in tables:
        rows = [[_cell_text(c) for c in row] for row in t.extract()]
        rows = [r for r in rows if any(r)]
        if len(rows) < 1 or max(len(r) for r in rows) < 2:
            continue  # a frame or a single box is not a table
        boxes.append(t.bbox)
        items.append((t.bbox[1], rows))

    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    words = [w for w in page.extract_words(x_tolerance=1.5, y_tolerance=2) if outside(w)]
    lines = _lines(words)
    # free lines are grouped between tables so that unruled tables are joined per region
    cuts = sorted(b[1] for b in boxes)
    region: list[_Line] = []
    for ln in lines + [None]:
        if ln is None or (region and any(region[-1].top < c <= ln.top for c in cuts)):
            if region:
                joined = _join_unruled(region)
                items.append((region[0].top, joined))
            region = []
        if ln is not None:
            region.append(ln)
    items.sort(key=lambda x: x[0])
    return items


def pdf_geometry_rows(data: bytes, pages: list[int] | None = None) -> list[list[str]]:
    """Lines of cells of a PDF, in reading order, table rows rebuilt from cell geometry.
    ``pages`` (1-based) limits the reading to the pages that hold the tables: pdfminer's parsing
    of a page's content stream is most of the cost."""
    import pdfplumber

    rows: list[list[str]] = []
    with pdfplumber.open(io.BytesIO(data), pages=pages) as pdf:
        for page in pdf.pages:
            for _, part in _page_rows(page):
                rows.extend(part)
    return rows
