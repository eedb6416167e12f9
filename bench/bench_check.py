"""Benchmark of `gongkai check`'s core: parse + check, on one core.

Figures are reports per second of CPU time (the process plus its pdftotext children), which is
what "one core" means on a machine shared with other work; the wall-clock rate is printed beside.

Generates 1,000 text reports (the seed's layout, varied numbers) and 100 PDFs (our PDF renderer)
into a temporary directory, then times parse_file() + rules.check() over them sequentially and
prints reports per second. Targets: >= 200 text/s and >= 10 PDF/s. Generation (WeasyPrint) runs in
parallel and is not timed.

    .venv/bin/python bench/bench_check.py [--text N] [--pdf N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gongkai.reportformat.findings import dedupe
from gongkai.reportformat.parse import parse_file
from gongkai.reportformat.render_text import render_text
from gongkai.reportformat.rules import check
from gongkai.reportformat.sample import sample_model

FIXTURES = Path(__file__).resolve().parent.parent / "gongkai/reportformat/tests/fixtures"


def _write_pdf(args: tuple[int, str]) -> None:
    from gongkai.reportformat.render_pdf import render_pdf

    seed, path = args
    Path(path).write_bytes(render_pdf(sample_model(seed)))


def _cpu() -> float:
    t = os.times()  # this process and its finished children (pdftotext)
    return t.user + t.system + t.children_user + t.children_system


def _time(files: list[Path]) -> tuple[float, float, int]:
    """Seconds of CPU (this process + pdftotext) for parse + check of ``files``; wall time is
    printed too, but on the shared machine it mostly measures the other engineers' load."""
    problems = 0
    start, cpu = time.perf_counter(), _cpu()
    for f in files:
        result = parse_file(f)
        findings = dedupe(result.findings + check(result.model))
        problems += bool(findings)
    return _cpu() - cpu, time.perf_counter() - start, problems


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", type=int, default=1000)
    ap.add_argument("--pdf", type=int, default=100)
    ap.add_argument("--geometry-rounds", type=int, default=6)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        texts = []
        for i in range(args.text):
            p = d / f"r{i:05d}.txt"
            p.write_text(render_text(sample_model(i)), encoding="utf-8")
            texts.append(p)
        pdfs = [d / f"r{i:05d}.pdf" for i in range(args.pdf)]
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(_write_pdf, [(i, str(p)) for i, p in enumerate(pdfs)]))
        gen = time.perf_counter() - t0
        secs, wall, bad = _time(texts)
        print(
            f"text: {len(texts)} reports in {secs:.2f} s CPU = {len(texts) / secs:.0f} reports/s "
            f"(target >= 200; wall {len(texts) / wall:.0f}/s); with findings: {bad}"
        )
        secs, wall, bad = _time(pdfs)
        print(
            f"pdf:  {len(pdfs)} reports in {secs:.2f} s CPU = {len(pdfs) / secs:.1f} reports/s "
            f"(target >= 10; wall {len(pdfs) / wall:.1f}/s); with findings: {bad}"
        )
        from gongkai.reportformat.parse import parse_bytes

        paths = Counter()
        for f in pdfs:
            paths.update(parse_bytes(f.read_bytes(), f.name).table_paths.values())
        print(f"      tables read by: {dict(paths)}")
        # geometry path: office-style PDFs (centred cells, narrow label columns, unruled, split)
        office = sorted(FIXTURES.glob("*.pdf")) * args.geometry_rounds
        secs, wall, _ = _time(office)
        paths = Counter()
        for f in office[: len(office) // args.geometry_rounds]:
            paths.update(parse_bytes(f.read_bytes(), f.name).table_paths.values())
        print(
            f"pdf (geometry): {len(office)} reports in {secs:.2f} s CPU = "
            f"{len(office) / secs:.1f} reports/s (target >= 3; wall {len(office) / wall:.1f}/s); "
            f"tables read by: {dict(paths)}"
        )
        # worst case: every table of every report re-read by geometry (the fast path judged unsure)
        from gongkai.reportformat import parse_pdf as pp

        sure = pp.unsure_tables
        pp.unsure_tables = lambda result: {"table2", "table3", "table4"}
        try:
            secs, wall, _ = _time(office)
        finally:
            pp.unsure_tables = sure
        print(
            f"pdf (geometry, all three tables forced): {len(office)} reports in {secs:.2f} s CPU = "
            f"{len(office) / secs:.1f} reports/s (target >= 3; wall {len(office) / wall:.1f}/s)"
        )
        print(f"(generating the PDFs took {gen:.1f} s on {os.cpu_count()} processes, not timed)")


if __name__ == "__main__":
    main()
