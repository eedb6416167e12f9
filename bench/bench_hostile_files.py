"""How long the hostile files of issue #9 take to be refused (prints figures; tests never time things).

    .venv/bin/python bench/bench_hostile_files.py

Before the limits: the 44 KB bomb .docx took 24 s and 719 MB in /reports/check/; the 1.5 KB .xlsx with
<dimension ref="A1:CV1048576"/> took 32 s and 1.3 GB in the ledger import.
"""

from __future__ import annotations

import resource
import time

from gongkai.reportformat import hostile, limits
from gongkai.reportformat.archive import report_members
from gongkai.reportformat.parse import ReportParseError, parse_bytes

HEADER = ["编号", "申请人类型", "申请人", "收到日期"]


def _time(label: str, size: int, run) -> None:
    started = time.perf_counter()
    try:
        run()
        outcome = "读取成功"
    except (ReportParseError, limits.FileRefused) as exc:
        outcome = str(exc)[:60]
    ms = (time.perf_counter() - started) * 1000
    print(f"{label:<28} {size / 1024:8.1f} KB  {ms:8.1f} ms  {outcome}")


def main() -> None:
    bomb = hostile.bomb_docx()
    docx = hostile.docx(["年度报告"] * 200)
    six = hostile.zip_of({f"{i}.docx": bomb for i in range(6)})
    huge = hostile.huge_dimension_xlsx(HEADER)
    cases = [
        ("bomb .docx (5M paragraphs)", bomb, lambda: parse_bytes(bomb, "r.docx")),
        ("zip of six bombs", six, lambda: [parse_bytes(d, n) for n, d in report_members(six)[0]]),
        ("huge-dimension .xlsx", huge, lambda: limits.read_xlsx_rows(huge)),
        ("lying-CRC .docx", hostile.lying_crc(docx), None),
        ("encrypted .docx", hostile.encrypted(docx), None),
        ("method-99 .docx", hostile.method_99(docx), None),
        ("truncated .docx", hostile.truncated(docx), None),
    ]
    for label, data, run in cases:
        _time(label, len(data), run or (lambda d=data: parse_bytes(d, "r.docx")))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
