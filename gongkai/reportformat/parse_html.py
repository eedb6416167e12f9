"""HTML reports (a portal page saved from the browser, or our own rendering), with the standard
library's html.parser: rowspan/colspan are expanded into a grid, page chrome is left to the line
parser, scripts and styles are skipped."""

from __future__ import annotations

from html.parser import HTMLParser

from .cells import split_text_line
from .parse_lines import ParseResult, parse_lines

_BLOCK = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "table",
    "tr",
    "title",
    "body",
    "main",
    "dd",
    "dt",
    "form",
    "aside",
    "center",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _Table:
    """A table being read: rows of cells; a cell is (segments, rowspan, colspan), a segment being
    text, a line break ("\n" from a block tag) or ("rows", grid) from a nested table."""

    def __init__(self) -> None:
        self.rows: list[list[tuple[list, int, int]]] = []
        self.cell: list | None = None
        self.span = (1, 1)
        self.layout = False  # holds a nested data table: a frame around the content

    def end_cell(self) -> None:
        if self.cell is None:
            return
        if not self.rows:
            self.rows.append([])
        self.rows[-1].append((self.cell, *self.span))
        self.cell = None

    def lines(self) -> list[list[str]]:
        if not self.layout:
            flat = [[(_cell_text(seg), rs, cs) for seg, rs, cs in row] for row in self.rows]
            return _grid(flat)
        out: list[list[str]] = []  # a frame: its cells' content, in reading order
        for row in self.rows:
            for segments, _, _ in row:
                text: list[str] = []
                for seg in [*segments, "\n"]:
                    if isinstance(seg, tuple) or seg == "\n":
                        line = " ".join("".join(text).split())
                        if line:
                            out.append([line])
                        text = []
                        if isinstance(seg, tuple):
                            out.extend(seg[1])
                    else:
                        text.append(seg)
        return out


def _cell_text(segments: list) -> str:
    parts = []
    for seg in segments:
        if isinstance(seg, tuple):
            parts += [" ".join(r) for r in seg[1]]
        else:
            parts.append(" " if seg == "\n" else seg)
    return " ".join("".join(parts).split())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self.skip = 0
        self.pre = 0
        self.tables: list[_Table] = []  # the stack of open (nested) tables

    # -- text outside tables
    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        for line in text.split("\n") if self.pre else [text]:
            line = " ".join(line.split()) if not self.pre else line
            if line.strip():
                self.rows.append(split_text_line(line) if self.pre else [line.strip()])

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        a = dict(attrs)
        top = self.tables[-1] if self.tables else None
        if tag == "br":
            if top is not None:
                if top.cell is not None:
                    top.cell.append(" ")
            else:
                self.text.append("\n" if self.pre else "")
                self._flush()
            return
        if tag == "pre":
            self._flush()
            self.pre += 1
        if tag == "table":
            if top is None:
                self._flush()
            self.tables.append(_Table())
            return
        if top is None:
            if tag in _BLOCK:
                self._flush()
            return
        if tag == "tr":
            top.end_cell()
            top.rows.append([])
        elif tag in ("td", "th"):
            top.end_cell()
            top.cell = []
            top.span = (_span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag in _BLOCK and top.cell is not None:
            top.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "pre":
            self._flush()
            self.pre = max(0, self.pre - 1)
        if tag == "table" and self.tables:
            table = self.tables.pop()
            table.end_cell()
            lines = table.lines()
            outer = self.tables[-1] if self.tables else None
            if outer is None:
                self.rows.extend(lines)
            elif outer.cell is not None:
                # a nested table with rows and columns is data inside a frame; a one-row or
                # one-column one only lays out the outer cell's text
                if len(lines) > 1 and max(len(r) for r in lines) > 1:
                    outer.layout = True
                outer.cell.append(("rows", lines))
            return
        if self.tables and tag in ("td", "th"):
            self.tables[-1].end_cell()
        elif self.tables and tag in _BLOCK and self.tables[-1].cell is not None:
            self.tables[-1].cell.append("\n")
        elif not self.tables and tag in _BLOCK:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.tables:
            if self.tables[-1].cell is not None:
                self.tables[-1].cell.append(data)
        else:
            self.text.append(data)

    def close(self):
        super().close()
        while self.tables:  # unclosed tables at the end of a cut-off page
            self.handle_endtag("table")
        self._flush()


def _span(v) -> int:
    try:
        return max(1, min(int(str(v).strip()), 100))
    except (TypeError, ValueError):
        return 1


def _grid(table: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Expand spans: the text stays in the top-left position, spanned positions are ''."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text if dr == dc == 0 else ""
            c += colspan
    if not grid:
        return []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]


def html_rows(html: str) -> list[list[str]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.rows


def parse_html(html: str) -> ParseResult:
    return parse_lines(html_rows(html), source_kind="html", table_path="cells")
