"""Resource limits for uploaded report files (issue #9): hostile files get a Chinese refusal naming the
limit — ReportParseError from the parser entry, exit status 2 from `gongkai check` — never a traceback.
The web side (HTTP 400) is in annual_reports/tests/test_hostile_uploads.py."""

from __future__ import annotations

import io
import json
import zipfile
from contextlib import redirect_stderr, redirect_stdout

import pytest

from gongkai.reportformat import hostile, limits
from gongkai.reportformat.checkcli import main as check_main
from gongkai.reportformat.parse import FileRefused, parse_bytes, sniff

from .helpers import seed_text

SMALL = limits.Limits(part_bytes=64 * 1024, total_bytes=96 * 1024, paragraphs=10, pages=1)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return hostile.bomb_docx()


def _valid_docx() -> bytes:
    return hostile.docx(["卢氏县朱阳关镇人民政府2025年政府信息公开工作年度报告"])


BROKEN = {
    "lying_crc": (hostile.lying_crc, "数据校验失败"),
    "encrypted": (hostile.encrypted, "已加密"),
    "method_99": (hostile.method_99, "不支持的压缩方式（99）"),
    "truncated": (hostile.truncated, "压缩包已损坏"),
}


def test_the_bomb_docx_is_small_and_refused_before_parsing(bomb):
    assert len(bomb) < 60_000  # the attack: a 44 KB upload, 30 MB of XML
    with pytest.raises(FileRefused, match="压缩炸弹"):
        parse_bytes(bomb, "report.docx")


def test_a_docx_with_too_many_paragraphs_is_refused_even_below_the_ratio_limit():
    # 60 000 empty paragraphs are under 1 MB unpacked, so the ratio check does not apply.
    data = hostile.bomb_docx(60_000)
    assert limits.count_docx_paragraphs(limits.read_zip_member(data, "word/document.xml")) == 60_000
    with pytest.raises(FileRefused, match="50000 个段落的上限"):
        parse_bytes(data, "report.docx")


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_archives_are_refused_with_a_chinese_message(kind):
    make, message = BROKEN[kind]
    data = make(hostile.docx(["第一段"] * 200))
    with pytest.raises(FileRefused, match=message):
        parse_bytes(data, "report.docx")
    with pytest.raises(limits.FileRefused, match=message):
        limits.open_zip(data)


def test_a_member_is_read_with_a_hard_cap_whatever_its_header_says():
    data = hostile.zip_of({"word/document.xml": b"<w:p/>" * 20_000})  # 120 KB
    with pytest.raises(limits.FileRefused, match="单个部件"):
        limits.read_zip_member(data, "word/document.xml", SMALL)
    # a header lying about the size: the stream read still stops at the cap
    info_size_offset = 22  # uncompressed size in the local header
    lying = hostile._patch_headers(data, info_size_offset, 24, "<I", lambda n: 100)
    with pytest.raises(limits.FileRefused):
        limits.read_zip_member(lying, "word/document.xml", SMALL)


def test_nested_zips_share_one_budget_and_a_depth_limit():
    inner = hostile.zip_of({"a.txt": b"x" * 60_000})
    outer = hostile.zip_of({"one.zip": inner, "two.zip": inner})
    archive = limits.open_zip(outer, SMALL)
    assert len(archive.open_inner("one.zip").read("a.txt")) == 60_000
    with pytest.raises(limits.FileRefused, match="总大小上限"):  # 2 × 60 KB > 96 KB in all
        archive.open_inner("two.zip").read("a.txt")
    nested = inner
    for _ in range(4):
        nested = hostile.zip_of({"inner.zip": nested})
    archive = limits.open_zip(nested)
    with pytest.raises(limits.FileRefused, match="嵌套超过"):
        while True:
            archive = archive.open_inner("inner.zip")


def test_pdf_page_count_is_checked_before_parsing():
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert limits.check_pdf_pages(buffer.getvalue()) == 3
    with pytest.raises(limits.FileRefused, match="超过 1 页的上限"):
        limits.check_pdf_pages(buffer.getvalue(), SMALL)
    with pytest.raises(FileRefused, match="PDF"):
        parse_bytes(b"%PDF-1.7\n" + b"garbage" * 50, "report.pdf")


def test_xml_from_users_goes_through_defusedxml():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
    )
    with pytest.raises(limits.FileRefused, match="实体"):
        limits.parse_xml(laughs)


def test_valid_files_still_parse():
    assert sniff(_valid_docx(), "r.docx") == "docx"
    assert parse_bytes(seed_text().encode(), "seed.txt").model.year == 2025


def _cli(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = check_main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_cli_refuses_hostile_files_with_exit_2(tmp_path, bomb):
    files = {"bomb.docx": bomb}
    files |= {f"{k}.docx": make(_valid_docx()) for k, (make, _) in BROKEN.items()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        status, out, _ = _cli(str(tmp_path / name), "--json")
        assert status == 2, name
        assert json.loads(out)["error"], name


def test_cli_checks_a_zip_of_reports_and_refuses_six_bombs_inside(tmp_path, bomb):
    reports = tmp_path / "reports.zip"
    reports.write_bytes(
        hostile.zip_of(
            {"seed.txt": seed_text().encode(), **{f"bomb{i}.docx": bomb for i in range(6)}}
        )
    )
    status, out, _ = _cli(str(reports), "--json")
    items = json.loads(out)
    assert status == 2
    assert [i["file"].rsplit("/", 1)[1] for i in items if not i.get("error")] == ["seed.txt"]
    assert sum("压缩炸弹" in (i.get("error") or "") for i in items) == 6


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_cli_refuses_a_broken_zip_of_reports(tmp_path, kind):
    make, message = BROKEN[kind]
    path = tmp_path / "reports.zip"
    path.write_bytes(make(hostile.zip_of({"seed.txt": seed_text().encode() * 3})))
    status, out, _ = _cli(str(path), "--json")
    assert status == 2 and message in json.loads(out)["error"]


def test_cli_reads_reports_inside_an_inner_zip(tmp_path):
    inner = hostile.zip_of({"seed.txt": seed_text().encode()})
    path = tmp_path / "all.zip"
    path.write_bytes(hostile.zip_of({"town/inner.zip": inner}))
    status, out, _ = _cli(str(path), "--json")
    item = json.loads(out)
    assert item["file"].endswith("inner.zip/seed.txt") and not item.get("error")


def test_the_csv_summary_escapes_formula_like_cells(tmp_path):
    name = tmp_path / "=cmd.txt"
    name.write_text(seed_text(), encoding="utf-8")
    summary = tmp_path / "summary.csv"
    _cli(str(name), "--csv", str(summary))
    text = summary.read_text(encoding="utf-8-sig")
    assert "=cmd" in text
    for cell in [c for line in text.splitlines() for c in line.split(",")]:
        assert not cell.startswith(("=", "+", "@")), cell


def test_the_zip_module_itself_is_not_fooled_by_our_patching():
    # guard for the fixtures: the patched archives differ from the valid one only in headers
    good = _valid_docx()
    assert zipfile.ZipFile(io.BytesIO(good)).testzip() is None
    assert len(hostile.lying_crc(good)) == len(good)


def test_wall_time_stops_work_in_a_thread_that_is_not_the_main_one():
    """The web server runs Django in threads (portal/front.py): no SIGALRM there, and yet work that
    runs too long must be stopped while it runs, not only noticed when it ends."""
    import threading
    import time

    from gongkai.reportformat.limits import FileRefused, wall_time

    outcome = {}

    def work():
        try:
            with wall_time(0.2):
                end = time.monotonic() + 30
                while time.monotonic() < end:  # a parser stuck in a loop of Python code
                    pass
                outcome["finished"] = True
        except FileRefused as exc:
            outcome["refused"] = exc.message

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert "finished" not in outcome and "处理时间超过" in outcome["refused"]


def test_wall_time_in_a_thread_leaves_nothing_behind_when_work_ends_in_time():
    import threading
    import time

    from gongkai.reportformat.limits import wall_time

    outcome = []

    def work():
        for _ in range(20):
            with wall_time(0.05):
                pass
        time.sleep(0.3)  # any stray timer would have fired by now
        outcome.append("ok")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["ok"]
