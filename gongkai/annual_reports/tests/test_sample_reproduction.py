"""Ledgers built from a real published report reproduce that report's three tables.

The expected numbers are parsed from the sample file (reportformat's parser), never typed in here; the
ledgers are generated from those numbers, imported with `gongkai import`, and the generated report must
carry exactly the published tables. Sample: 沭阳县发展和改革局 2023 (non-zero Tables 2, 3 and 4).
"""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.reportformat import formats as F
from gongkai.reportformat.parse_text import parse_text

# The real published reports are kept once, with the checker's tests.
SAMPLE = (
    Path(__file__).parents[2] / "reportformat" / "tests" / "data" / "05_shuyang-fgj-2023_FULL.txt"
)
AGENCY = "沭阳县发展和改革局"

# Ledger labels for the Table 3 outcome rows (ledgers.md §1: `组-标签` or the row code).
APPLICANT_LABELS = dict(F.T3_COLUMNS[:6])
APPLICANT_LABELS["other_org"] = "其他"
APPEAL_KINDS = {"review": "行政复议", "suit_direct": "直接起诉", "suit_after_review": "复议后起诉"}
APPEAL_RESULTS = {"upheld": "维持", "corrected": "纠正", "other": "其他", "pending": "尚未审结"}


def expected_model():
    model = parse_text(SAMPLE.read_text(encoding="utf-8")).model
    # The transcription leaves cells blank that the published table had empty (= 0), and marks
    # cells it could only infer arithmetically as "[inferred 0]": both are 0.
    for table in (model.table3, model.table4):
        for cols in table.values():
            for c, v in cols.items():
                if v is None:
                    cols[c] = 0
    return model


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def ledgers_for(model, tmp: Path) -> dict[str, Path]:
    y = model.year
    t2 = model.table2
    # §3 documents: issued in Y, abolished in Y, and the rest of those in force issued earlier.
    docs = []
    for kind, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        row = t2[kind]
        earlier = row["in_force"] - row["issued"] + row["abolished"]
        n = 0
        for i in range(row["issued"]):
            n += 1
            docs.append(
                [f"测{kind}〔{y}〕{n}号", f"{label}{n}", label, f"{y}-03-{i % 28 + 1:02d}", ""]
            )
        for i in range(earlier):
            n += 1
            abolished = f"{y}-06-30" if i < row["abolished"] else ""
            docs.append(
                [
                    f"测{kind}〔{y - 2}〕{n}号",
                    f"{label}{n}",
                    label,
                    f"{y - 2}-05-{i % 28 + 1:02d}",
                    abolished,
                ]
            )
    # §5 enforcement
    enforcement = [[y, t2["licensing"], t2["penalty"], t2["coercion"], str(t2["fees_10k_yuan"])]]
    # §1 applications: carried-over ones received in Y-1 and answered in Y, new ones in Y,
    # those still open on 31 Dec carried forward.
    apps, seq = [], 0
    for col in F.T3_APPLICANT_COLUMNS:
        outcomes = [r for r in F.outcome_codes() for _ in range(model.table3[r][col])]
        carried_over = model.table3["carried_over"][col]
        new = model.table3["new"][col]
        forward = model.table3["carried_forward"][col]
        assert carried_over + new == len(outcomes) + forward
        received = [f"{y - 1}-12-15"] * carried_over + [
            (datetime.date(y, 1, 2) + datetime.timedelta(days=3 * i)).isoformat()
            for i in range(new)
        ]
        for i, day in enumerate(received):
            seq += 1
            outcome = outcomes[i] if i < len(outcomes) else ""
            replied = f"{y}-12-20" if outcome else ""
            if outcome and day > replied:
                replied = day
            apps.append([f"SQ{seq:04d}", APPLICANT_LABELS[col], day, outcome, replied])
    # §2 appeals filed in Y under their result on 31 December
    appeals, seq = [], 0
    for block, kind in APPEAL_KINDS.items():
        for col, result in APPEAL_RESULTS.items():
            for _ in range(model.table4[block][col]):
                seq += 1
                closed = "" if col == "pending" else f"{y}-11-30"
                appeals.append([f"FY{seq:03d}", kind, f"{y}-05-10", result, closed])
    return {
        "documents": write_csv(
            tmp / "documents.csv", ["文号", "标题", "类型", "制发日期", "废止日期"], docs
        ),
        "enforcement": write_csv(
            tmp / "enforcement.csv",
            ["年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"],
            enforcement,
        ),
        "applications": write_csv(
            tmp / "applications.csv",
            ["编号", "申请人类型", "收到日期", "办理结果", "答复日期"],
            apps,
        ),
        "appeals": write_csv(
            tmp / "appeals.csv", ["编号", "类型", "立案日期", "结果", "结案日期"], appeals
        ),
    }


@pytest.mark.django_db
def test_ledgers_reproduce_the_published_tables(tmp_path, county):
    from gongkai.annual_reports.selectors import build_model
    from gongkai.core.models import Agency
    from gongkai.core.services import agency_add

    agency_add(actor=None, name=AGENCY, level="department", parent_name="卢氏县人民政府")
    expected = expected_model()
    assert expected.year == 2023 and expected.table3["new"]["total"] > 0  # a non-trivial sample
    for kind, path in ledgers_for(expected, tmp_path).items():
        call_command("import", kind, str(path), agency=AGENCY, stdout=io.StringIO())

    got = build_model(Agency.objects.get(name=AGENCY), expected.year).to_dict()
    want = expected.to_dict()
    assert got["table2"] == want["table2"]
    assert got["table3"] == want["table3"]
    assert got["table4"] == want["table4"]

    # importing the same ledgers again changes nothing
    for kind, path in ledgers_for(expected, tmp_path).items():
        call_command("import", kind, str(path), agency=AGENCY, stdout=io.StringIO())
    assert (
        build_model(Agency.objects.get(name=AGENCY), expected.year).to_dict()["table3"]
        == (want["table3"])
    )
