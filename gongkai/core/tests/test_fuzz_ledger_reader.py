"""Fuzzing the ledger reader (issue #9): mutated .xlsx/.csv ledgers and random bytes give UnreadableFile
(or another UserError with a Chinese message) or a sheet — never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.errors import UserError
from gongkai.core.ledgers import read_sheet
from gongkai.reportformat.tests.test_fuzz_uploads import mutated


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.one_of(
        mutated(["ledger.xlsx", "ledger.csv"]),
        st.tuples(st.sampled_from(["ledger.xlsx", "ledger.csv"]), st.binary(max_size=2048)),
    )
)
def test_the_ledger_reader_refuses_or_reads(case):
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            sheet = read_sheet(path)
        except UserError as exc:
            assert not exc.message.isascii()
        else:
            assert sheet.header
