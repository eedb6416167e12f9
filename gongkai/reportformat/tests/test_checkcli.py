"""``gongkai check``: verdicts, JSON, folders and CSV, and bad inputs (exit 2, a Chinese message,
never a traceback)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.reportformat.checkcli import main
from gongkai.reportformat.render_text import render_text
from gongkai.reportformat.sample import sample_model

from .helpers import DATA, SEED, seed_text

REPO = Path(__file__).resolve().parents[3]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def has_chinese(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def test_seed_is_clean(capsys):
    code, out, _ = run(capsys, SEED)
    assert code == 0
    assert "结论：通过（有警告）。朱阳关镇人民政府2025年度报告有 4 处警告。" in out
    assert out.index("结论：") < out.index("【法规或文件名称有误】")
    assert "一、本年新收政府信息公开申请数量" in out  # the parsed tables follow the verdict


def test_errors_give_exit_1_with_location_and_expected(capsys, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text(seed_text().replace("共计 21 条", "共计 22 条"), encoding="utf-8")
    code, out, _ = run(capsys, broken)
    assert code == 1
    assert "【正文数字与表格不符】" in out and "应为：22；实为：21" in out
    assert "怎么改：" in out and "[TEXT_TABLE_MISMATCH]" not in out


def test_json_single_file(capsys):
    code, out, _ = run(capsys, SEED, "--json")
    data = json.loads(out)
    assert code == 0
    assert {"file", "year", "agency", "format", "model", "findings", "groups", "verdict"} <= set(
        data
    )
    assert (data["year"], data["agency"], data["format"]) == (2025, "朱阳关镇人民政府", "2021")
    assert data["model"]["table3"]["new"]["total"] == 0
    assert {f["code"] for f in data["findings"]} == {"LABEL_NONSTANDARD", "REGULATION_NAME_WRONG"}


def test_folder_json_summary_and_csv(capsys, tmp_path):
    summary = tmp_path / "summary.csv"
    code, out, err = run(capsys, DATA, "--json", "--csv", summary)
    data = json.loads(out)
    assert code == 1
    assert isinstance(data, list) and len(data) == 7
    by_name = {Path(d["file"]).name: d for d in data}
    blanks = [
        f
        for f in by_name["14_xuwen-justice-bureau_PARTIAL_blank-cells.txt"]["findings"]
        if f["code"] == "CELL_BLANK"
    ]
    assert blanks and set(blanks[0]) == {
        "code",
        "severity",
        "location",
        "message",
        "expected",
        "found",
        "title",
        "place",
        "fix",
    }
    assert "[7/7]" in err
    rows = list(csv.DictReader(summary.open(encoding="utf-8-sig")))
    assert len(rows) == 7
    seed_row = next(r for r in rows if r["文件"].endswith("seed_zhuyangguan_2025.txt"))
    assert seed_row["结论"] == "仅有警告" and seed_row["错误数"] == "0"
    code, out, _ = run(capsys, DATA)
    assert "共检查 7 个文件：无问题 0 个，有错误 6 个，仅有警告 1 个" in out
    assert "CELL_BLANK 单元格空白" in out


def test_previous_year_cross_check(capsys, tmp_path):
    prev, cur = sample_model(1, year=2024), sample_model(1)
    prev.table3["carried_forward"]["natural_person"] += 1
    prev.table3["carried_forward"]["total"] += 1
    (tmp_path / "2024.txt").write_text(render_text(prev), encoding="utf-8")
    (tmp_path / "2025.txt").write_text(render_text(cur), encoding="utf-8")
    code, out, _ = run(capsys, tmp_path / "2025.txt", "--previous", tmp_path / "2024.txt")
    assert code == 1 and "【与上年度结转数不符】" in out


def test_truncated_report_reports_what_is_missing(capsys, tmp_path):
    seed = seed_text()
    cut = tmp_path / "cut.txt"
    cut.write_text(seed[: seed.index("三、收到和处理政府信息公开申请情况")], encoding="utf-8")
    code, out, _ = run(capsys, cut)
    assert code == 1
    for k in "三四五六":
        assert f"缺少第{k}部分" in out


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": ("empty.txt", b""),
        "binary": ("junk.txt", bytes(range(256)) * 20),
        "other_kind": (
            "notice.txt",
            "关于召开安全生产会议的通知\n各村：定于下周一上午开会。\n".encode(),
        ),
        "truncated_pdf": ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"),
        "broken_docx": ("cut.docx", b"PK\x03\x04" + b"\x00" * 50),
        "old_doc": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    }
    out = {}
    for key, (name, data) in files.items():
        p = tmp_path / name
        p.write_bytes(data)
        out[key] = p
    return out


@pytest.mark.parametrize(
    "kind", ["empty", "binary", "other_kind", "truncated_pdf", "broken_docx", "old_doc"]
)
def test_unreadable_inputs_exit_2_with_chinese_message(capsys, tmp_path, kind):
    path = _bad_inputs(tmp_path)[kind]
    code, out, _ = run(capsys, path)
    assert code == 2
    assert "无法读取：" in out and has_chinese(out.split("无法读取：", 1)[1])


def test_image_only_pdf(capsys, tmp_path):
    pytest.importorskip("weasyprint")
    from gongkai.reportformat.render_pdf import html_to_pdf

    png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
        "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(html_to_pdf(f'<html><body><img src="{png}" width="400"></body></html>'))
    code, out, _ = run(capsys, pdf)
    assert code == 2
    assert "没有可提取的文字" in out


def test_usage_errors_are_chinese(capsys, tmp_path):
    code, _, err = run(capsys)
    assert code == 2 and "请指定" in err
    code, _, err = run(capsys, tmp_path / "missing.txt")
    assert code == 2 and "找不到" in err
    code, _, err = run(capsys, SEED, "--deadline", "tomorrow")
    assert code == 2 and "不是有效日期" in err
    code, _, err = run(capsys, SEED, "--bogus")
    assert code == 2 and "参数错误" in err


def test_subprocess_without_django(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    script = (
        "import sys\n"
        "from gongkai.reportformat.checkcli import main\n"
        f"code = main([{str(SEED)!r}, {str(tmp_path / 'empty.txt')!r}])\n"
        "assert 'django' not in sys.modules, 'reportformat imported Django'\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "文件是空的" in proc.stdout and "结论：通过" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "gongkai.reportformat.checkcli", str(SEED)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "结论：通过" in proc.stdout


def test_json_output_matches_the_documented_schema(capsys):
    import jsonschema

    schema = json.loads(
        (Path(__file__).resolve().parents[3] / "docs" / "check-output.schema.json").read_text()
    )
    _, out, _ = run(capsys, DATA, "--json")
    data = json.loads(out)
    for item in data:
        jsonschema.validate(item, schema)
    assert any(g["count"] > 1 for item in data for g in item["groups"])  # grouped places
    assert not any("{'" in json.dumps(item, ensure_ascii=False) for item in data)  # no reprs
