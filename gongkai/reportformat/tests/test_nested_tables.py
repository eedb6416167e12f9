"""Word and web pages whose statistical tables sit inside text boxes or frame tables (how offices
lay out a report in WPS/Word or a portal template) read the same numbers as the plain document."""

from __future__ import annotations

import copy
import io

from lxml import etree

from gongkai.reportformat.model import to_dict
from gongkai.reportformat.parse import parse_bytes
from gongkai.reportformat.parse_docx import docx_rows
from gongkai.reportformat.render_docx import render_docx
from gongkai.reportformat.render_html import render_html_document
from gongkai.reportformat.sample import sample_model

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def _tables(m):
    d = to_dict(m)
    return d["table2"], d["table3"], d["table4"]


def _edit_docx(m, edit) -> bytes:
    from docx import Document

    doc = Document(io.BytesIO(render_docx(m)))
    body = doc.element.body
    tables = [el for el in body if el.tag == f"{{{W}}}tbl"]
    assert len(tables) == 3
    for tbl in tables:
        edit(tbl)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sub(parent, ns, tag, **attrs):
    return etree.SubElement(parent, f"{{{ns}}}{tag}", {f"{{{ns}}}{k}": v for k, v in attrs.items()})


def _into_text_box(tbl) -> None:
    """Replace the table by a paragraph whose drawing holds a text box with the table in it, as
    Word writes it: the DrawingML shape in mc:Choice and a VML copy in mc:Fallback."""
    parent, at = tbl.getparent(), tbl.getparent().index(tbl)
    parent.remove(tbl)
    p = etree.Element(f"{{{W}}}p")
    alt = _sub(_sub(p, W, "r"), MC, "AlternateContent")
    choice = etree.SubElement(alt, f"{{{MC}}}Choice", Requires="wps")
    anchor = _sub(_sub(choice, W, "drawing"), WP, "anchor")
    data = _sub(_sub(anchor, A, "graphic"), A, "graphicData")
    box = _sub(_sub(_sub(data, WPS, "wsp"), WPS, "txbx"), W, "txbxContent")
    box.append(tbl)
    _sub(box, W, "p")
    fallback = _sub(alt, MC, "Fallback")
    vml = _sub(_sub(_sub(_sub(fallback, W, "pict"), V, "shape"), V, "textbox"), W, "txbxContent")
    vml.append(copy.deepcopy(tbl))
    parent.insert(at, p)


def _into_frame_table(tbl) -> None:
    """Put the table in the only cell of a frame table, after a caption paragraph."""
    parent, at = tbl.getparent(), tbl.getparent().index(tbl)
    parent.remove(tbl)
    frame = etree.Element(f"{{{W}}}tbl")
    tc = _sub(_sub(frame, W, "tr"), W, "tc")
    _sub(_sub(_sub(tc, W, "p"), W, "r"), W, "t").text = "（单位：件）"
    tc.append(tbl)
    _sub(tc, W, "p")
    parent.insert(at, frame)


def test_docx_tables_inside_text_boxes_are_read_once():
    m = sample_model(5)
    data = _edit_docx(m, _into_text_box)
    result = parse_bytes(data, "textbox.docx")
    assert _tables(result.model) == _tables(m)
    rows = docx_rows(data)
    assert sum("一、本年新收政府信息公开申请数量" in r for r in rows) == 1  # not the VML copy too


def test_docx_tables_nested_in_a_frame_table():
    m = sample_model(6)
    result = parse_bytes(_edit_docx(m, _into_frame_table), "frame.docx")
    assert _tables(result.model) == _tables(m)
    assert ["（单位：件）"] in docx_rows(_edit_docx(m, _into_frame_table))


def test_html_page_laid_out_in_a_frame_table():
    m = sample_model(7)
    doc = render_html_document(m)
    head, rest = doc.split("<body>", 1)
    body, tail = rest.split("</body>", 1)
    framed = (
        f"{head}<body><table><tr><td>导航</td></tr><tr><td>{body}</td></tr></table></body>{tail}"
    )
    result = parse_bytes(framed.encode(), "framed.html")
    assert _tables(result.model) == _tables(m)
    assert result.model.agency == m.agency and result.model.sections["五"] == m.sections["五"]


def test_html_one_cell_table_inside_a_number_cell_is_its_value():
    m = sample_model(8)
    m.table3["new"]["natural_person"] = 37
    doc = render_html_document(m)
    row = doc.index("一、本年新收政府信息公开申请数量")
    cell = '<td class="num">37</td>'
    at = doc.index(cell, row)
    doc = doc[:at] + "<td><table><tr><td>37</td></tr></table></td>" + doc[at + len(cell) :]
    result = parse_bytes(doc.encode(), "cell.html")
    assert _tables(result.model) == _tables(m)
