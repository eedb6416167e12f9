"""Fuzzing every upload parser (issue #9): random bytes and mutations of valid docx, xlsx, pdf, html, csv
and zip samples get a clear refusal (ReportParseError, limits.FileRefused) or a result — never another
exception. Example counts stay modest so the suite stays fast."""

from __future__ import annotations

import functools
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reportformat import hostile, limits
from gongkai.reportformat.archive import report_members
from gongkai.reportformat.parse import ReportParseError, parse_bytes

from .helpers import seed_text

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def samples() -> dict[str, bytes]:
    from pypdf import PdfWriter

    from gongkai.reportformat.render_html import render_html_document
    from gongkai.reportformat.sample import sample_model

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    pdf = io.BytesIO()
    writer.write(pdf)
    text = seed_text()
    return {
        "report.docx": hostile.docx(text.splitlines()[:80]),
        "report.pdf": pdf.getvalue(),
        "report.html": render_html_document(sample_model(21)).encode(),
        "report.txt": text.encode(),
        "ledger.xlsx": hostile.xlsx(
            [["编号", "申请人类型", "收到日期"], ["1", "自然人", "2025-03-03"]]
        ),
        "ledger.csv": "编号,申请人类型,收到日期\n1,自然人,2025-03-03\n".encode(),
        "reports.zip": hostile.zip_of({"a.txt": text.encode(), "b.docx": hostile.docx(["x"])}),
    }


@st.composite
def mutated(draw, names=None):
    """(name, bytes): a sample with a few bytes flipped, a slice cut out or the tail cut off."""
    name = draw(st.sampled_from(sorted(names or samples())))
    data = bytearray(samples()[name])
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "cut", "truncate", "insert"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if how == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif how == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif how == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
    return name, bytes(data)


ANY_FILE = st.one_of(
    mutated(),
    st.tuples(st.sampled_from(sorted(samples())), st.binary(max_size=2048)),
)


@FUZZ
@given(ANY_FILE)
def test_the_report_parser_refuses_or_reads(case):
    name, data = case
    try:
        parse_bytes(data, name)
    except ReportParseError as exc:
        assert str(exc) and not str(exc).isascii()


@FUZZ
@given(ANY_FILE)
def test_the_zip_of_reports_refuses_or_reads(case):
    _, data = case
    try:
        report_members(data)
    except limits.FileRefused as exc:
        assert not exc.message.isascii()


@FUZZ
@given(st.one_of(mutated(["ledger.xlsx"]), st.tuples(st.just("x"), st.binary(max_size=2048))))
def test_the_xlsx_reader_refuses_or_reads(case):
    _, data = case
    try:
        limits.read_xlsx_rows(data)
    except limits.FileRefused as exc:
        assert not exc.message.isascii()
