"""DOCX reports with python-docx (imported lazily), read as the HTML parser reads a page.

Blocks are read in document order: paragraphs, tables, content controls (``w:sdt``) and what sits
in text boxes (``w:txbxContent``, which Word/WPS put inside a paragraph's drawing: its paragraphs
and tables follow that paragraph). In a table a horizontally merged cell (gridSpan) is followed by
empty positions and a vertically merged continuation (vMerge) is empty. A table nested in a cell is
read as rows of its own, after the row that holds it (Word users put the statistical tables inside a
frame table); a one-row or one-column nested table only lays out its cell's text.
"""

from __future__ import annotations

import io

from .parse_lines import ParseResult, ReportParseError, parse_lines


def _ns():
    from docx.oxml.ns import qn

    return {
        "p": qn("w:p"),
        "t": qn("w:t"),
        "tab": qn("w:tab"),
        "br": qn("w:br"),
        "tbl": qn("w:tbl"),
        "tr": qn("w:tr"),
        "tc": qn("w:tc"),
        "tcPr": qn("w:tcPr"),
        "gridSpan": qn("w:gridSpan"),
        "vMerge": qn("w:vMerge"),
        "val": qn("w:val"),
        "sdt": qn("w:sdt"),
        "sdtContent": qn("w:sdtContent"),
        "txbx": qn("w:txbxContent"),
        "fallback": "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }


class _Reader:
    def __init__(self) -> None:
        self.n = _ns()

    def paragraph(self, p) -> tuple[str, list]:
        """The paragraph's own text, and the text boxes anchored in it (each once: the VML
        copy in ``mc:Fallback`` repeats the ``mc:Choice`` one)."""
        n, parts, boxes = self.n, [], []

        def walk(el):
            for child in el:
                tag = child.tag
                if tag == n["t"]:
                    parts.append(child.text or "")
                elif tag in (n["tab"], n["br"]):
                    parts.append(" ")
                elif tag == n["txbx"]:
                    boxes.append(child)
                elif tag != n["fallback"]:
                    walk(child)

        walk(p)
        return " ".join("".join(parts).split()), boxes

    def blocks(self, container) -> list[list[str]]:
        n, rows = self.n, []
        for el in container:
            if el.tag == n["p"]:
                text, boxes = self.paragraph(el)
                if text:
                    rows.append([text])
                for box in boxes:
                    rows += self.blocks(box)
            elif el.tag == n["tbl"]:
                rows += self.table(el)
            elif el.tag == n["sdt"]:
                content = el.find(n["sdtContent"])
                if content is not None:
                    rows += self.blocks(content)
        return rows

    def table(self, tbl) -> list[list[str]]:
        n, out = self.n, []
        for tr in tbl.iter(n["tr"]):
            if _owner_table(tr, n) is not tbl:
                continue  # a row of a nested table: read with its cell
            cells: list[str] = []
            nested: list[list[str]] = []
            for tc in tr.findall(n["tc"]):
                span, cont = 1, False
                tcpr = tc.find(n["tcPr"])
                if tcpr is not None:
                    gs = tcpr.find(n["gridSpan"])
                    if gs is not None:
                        span = int(gs.get(n["val"], "1") or 1)
                    vm = tcpr.find(n["vMerge"])
                    cont = vm is not None and vm.get(n["val"], "continue") == "continue"
                text, inner = self.cell(tc)
                cells.append("" if cont else text)
                cells.extend([""] * (span - 1))
                nested += inner
            if any(c.strip() for c in cells) or not nested:
                out.append(cells)
            out += nested
        return out

    def cell(self, tc) -> tuple[str, list[list[str]]]:
        """A cell's text, and the rows of the data tables nested in it."""
        texts: list[str] = []
        nested: list[list[str]] = []
        for el in tc:
            if el.tag == self.n["tbl"]:
                rows = self.table(el)
                if len(rows) > 1 and max(len(r) for r in rows) > 1:
                    nested += rows
                else:
                    texts += [" ".join(r) for r in rows]
            else:
                texts += [" ".join(r) for r in self.blocks([el])]
        return " ".join(" ".join(texts).split()), nested


def _owner_table(tr, n):
    node = tr.getparent()
    while node is not None and node.tag != n["tbl"]:
        node = node.getparent()
    return node


def docx_rows(data: bytes) -> list[list[str]]:
    import zipfile

    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportParseError("Word 文件已损坏或不是 .docx 格式，无法打开。") from exc
    except Exception as exc:  # lxml / python-docx raise many kinds on broken files
        raise ReportParseError(f"Word 文件无法读取（{type(exc).__name__}）。") from exc
    return _Reader().blocks(doc.element.body)


def parse_docx(data: bytes) -> ParseResult:
    return parse_lines(docx_rows(data), source_kind="docx", table_path="cells")
