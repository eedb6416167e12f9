"""Test helpers: the copied real reports (tests/data) and small utilities."""

from __future__ import annotations

from pathlib import Path

from gongkai.reportformat.findings import dedupe
from gongkai.reportformat.parse_text import parse_text
from gongkai.reportformat.rules import check

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed_zhuyangguan_2025.txt"  # copy of shared/seed/000_2b0ab0a9b3d9c007.txt


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# The seed's own style slips: half-width brackets in Table 3 and a misnamed regulation in section 六.
SEED_WARNINGS = {"LABEL_NONSTANDARD", "REGULATION_NAME_WRONG"}


def beyond_seed(findings):
    """Findings other than the seed's own style warnings (which every copy of the seed carries)."""
    return [f for f in findings if not (f.code in SEED_WARNINGS and not f.is_error)]


def check_text(text: str):
    """Parse a text report and run every rule: (result, findings)."""
    result = parse_text(text)
    return result, dedupe(result.findings + check(result.model))


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def section_block(text: str, start: str, end: str) -> str:
    """The lines strictly between the heading `start` and the heading `end`, stripped."""
    lines = text.split("\n")
    a = lines.index(start)
    b = lines.index(end, a + 1)
    return "\n".join(lines[a + 1 : b]).strip()
