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


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self.skip = 0
        self.pre = 0
        self.tables: list[list[list[tuple[str, int, int]]]] = []  # stack of tables: rows of cells
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)

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
        if tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self.text.append("\n" if self.pre else "")
                self._flush()
            return
        if tag == "pre":
            self._flush()
            self.pre += 1
        if tag == "table":
            if self.cell is None:
                self._flush()
            self.tables.append([])
            return
        if not self.tables:
            if tag in _BLOCK:
                self._flush()
            return
        if len(self.tables) > 1:
            return  # nested table: its text goes into the outer cell
        if tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.cell = []
            self.cell_span = (_span(a.get("rowspan")), _span(a.get("colspan")))

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
            if not self.tables:
                self._end_cell(None)
                self.rows.extend(_grid(table))
            return
        if len(self.tables) == 1 and tag in ("td", "th"):
            self._end_cell(self.tables[-1])
        elif not self.tables and tag in _BLOCK:
            self._flush()

    def _end_cell(self, table) -> None:
        if self.cell is None:
            return
        text = " ".join("".join(self.cell).split())
        if table is not None:
            table[-1].append((text, *self.cell_span))
        self.cell = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            self.text.append(data)

    def close(self):
        super().close()
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
