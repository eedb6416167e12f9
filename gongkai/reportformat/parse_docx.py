"""DOCX reports with python-docx (imported lazily). Paragraphs and table rows are read in body
order; a horizontally merged cell (gridSpan) is followed by empty positions, a vertically merged
continuation (vMerge) is empty — the same grid the HTML parser builds."""

from __future__ import annotations

import io

from .parse_lines import ParseResult, ReportParseError, parse_lines


def _text(el) -> str:
    from docx.oxml.ns import qn

    parts = []
    for node in el.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:p")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:tab"), qn("w:br")):
            parts.append(" ")
    return " ".join("".join(parts).split())


def docx_rows(data: bytes) -> list[list[str]]:
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportParseError("Word 文件已损坏或不是 .docx 格式，无法打开。") from exc
    except Exception as exc:  # lxml / python-docx raise many kinds on broken files
        raise ReportParseError(f"Word 文件无法读取（{type(exc).__name__}）。") from exc
    rows: list[list[str]] = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            text = _text(el)
            if text:
                rows.append([text])
        elif el.tag == qn("w:tbl"):
            for tr in el.iter(qn("w:tr")):
                if tr.getparent() is not None and _depth(tr, el) > 1:
                    continue  # rows of nested tables
                cells: list[str] = []
                for tc in tr.findall(qn("w:tc")):
                    tcpr = tc.find(qn("w:tcPr"))
                    span, cont = 1, False
                    if tcpr is not None:
                        gs = tcpr.find(qn("w:gridSpan"))
                        if gs is not None:
                            span = int(gs.get(qn("w:val"), "1") or 1)
                        vm = tcpr.find(qn("w:vMerge"))
                        cont = vm is not None and vm.get(qn("w:val"), "continue") == "continue"
                    cells.append("" if cont else _text(tc))
                    cells.extend([""] * (span - 1))
                rows.append(cells)
    return rows


def _depth(tr, tbl) -> int:
    from docx.oxml.ns import qn

    depth, node = 0, tr
    while node is not None and node is not tbl:
        if node.tag == qn("w:tbl"):
            depth += 1
        node = node.getparent()
    return depth + 1


def parse_docx(data: bytes) -> ParseResult:
    return parse_lines(docx_rows(data), source_kind="docx", table_path="cells")
