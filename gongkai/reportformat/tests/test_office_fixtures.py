"""Documents made the way offices make them (scripts/make_checker_fixtures.py) parse back to the
numbers of the real report they were made from. Expected numbers are read here from the source text
with a simple reader of its ``| label | n | … |`` lines, not by the parser under test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.reportformat import formats as F
from gongkai.reportformat.parse import parse_file
from gongkai.reportformat.parse_pdf import pdf_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = FIXTURES / "sources"


def _pipe_rows(path: Path, start: str, stop: str) -> list[list[int]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    a = next(i for i, x in enumerate(lines) if x.startswith(start))
    b = next(i for i, x in enumerate(lines) if i > a and x.startswith(stop))
    out = []
    for line in lines[a:b]:
        if not line.startswith("|"):
            continue
        nums = [int(c) for c in (x.strip() for x in line.strip("| \n").split("|")) if c.isdigit()]
        if len(nums) >= 3:
            out.append(nums)
    return out


def expected():
    shanghai = SOURCES / "02_shanghai-gov-office-2025_FULL.txt"
    shuyang = SOURCES / "05_shuyang-fgj-2023_FULL.txt"
    t3 = _pipe_rows(shanghai, "三、收到", "四、政府")
    t4 = _pipe_rows(shanghai, "四、政府", "五、")[0]
    docs = _pipe_rows(shuyang, "二、主动", "三、收到")[:2]
    return t3, t4, docs


DOCUMENTS = [
    "middle_narrow.pdf",
    "bottom.pdf",
    "split_pages.pdf",
    "split_noheader.pdf",
    "no_rules.pdf",
    "vmerge.docx",
    "office.html",
]


@pytest.mark.pure
@pytest.mark.parametrize("name", DOCUMENTS)
def test_office_document_parses_back_to_its_source_numbers(name):
    t3, t4, docs = expected()
    result = parse_file(FIXTURES / name)
    m = result.model
    assert m.agency == "上海市人民政府办公厅" and m.year == 2025
    got3 = [[m.table3[r.code][c] for c in F.T3_COLUMN_CODES] for r in F.table3_rows(m.format)]
    assert got3 == t3
    got4 = [m.table4[b][c] for b in F.T4_BLOCK_CODES for c in F.T4_COLUMN_CODES]
    assert got4 == t4
    got_docs = [
        [m.table2[r][c] for c in ("issued", "abolished", "in_force")]
        for r in ("rules", "normative")
    ]
    assert got_docs == docs


@pytest.mark.pure
def test_centred_cells_defeat_the_text_path_so_geometry_reads_table_three():
    # the text layer of a centred, narrow-column table puts label lines above their numbers
    text = pdf_text((FIXTURES / "middle_narrow.pdf").read_bytes())
    assert re.search(r"部分公开（区分处理的，只计这一情形，不\s*\n", text)
    result = parse_file(FIXTURES / "middle_narrow.pdf")
    assert result.table_paths["table3"] == "geometry"


@pytest.mark.pure
def test_image_only_pdf_keeps_the_no_text_layer_message(tmp_path):
    from weasyprint import HTML

    pdf = HTML(
        string='<html><body><div style="width:10cm;height:5cm;background:#000"></div></body></html>'
    ).write_pdf()
    from gongkai.reportformat.parse import ReportParseError, parse_bytes

    with pytest.raises(ReportParseError, match="没有可提取的文字"):
        parse_bytes(pdf, "scan.pdf")
