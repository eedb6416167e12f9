"""年报体检 on the web: the same verdicts as `gongkai check`, for one file or a zip of many."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

DATA = Path(__file__).parents[2] / "reportformat" / "tests" / "data"
SEED = (DATA / "seed_zhuyangguan_2025.txt").read_bytes()


def broken_seed() -> bytes:
    # The seed states 21 items in total; make the narrative say 22 (TEXT_TABLE_MISMATCH).
    text = SEED.decode()
    assert "共计 21 条" in text
    return text.replace("共计 21 条", "共计 22 条", 1).encode()


@pytest.fixture
def office(client, personas):
    client.force_login(personas["county_office"])
    return client


def upload(client, name, data):
    return client.post("/reports/check/", {"report": SimpleUploadedFile(name, data)})


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get("/reports/check/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_seed_checks_clean(office):
    body = upload(office, "朱阳关镇2025年报.txt", SEED).content.decode()
    assert "朱阳关镇人民政府，2025 年度" in body and "<strong>通过</strong>" in body


@pytest.mark.django_db
def test_zip_of_several_reports(office):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a/seed.txt", SEED)
        archive.writestr("a/broken.txt", broken_seed())
        archive.writestr("a/photo.png", b"\x89PNG\r\n")
        archive.writestr("a/empty.txt", b"")
    body = upload(office, "reports.zip", buffer.getvalue()).content.decode()
    assert "共 3 份：未发现问题 1 份，有错误 1 份，无法读取 1 份" in body
    assert "TEXT_TABLE_MISMATCH" in body
    assert "已跳过 a/photo.png" in body
    assert "文件是空的" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.exe", b"MZ", "不支持 .exe 文件"),
        ("reports.zip", b"not a zip", "压缩包已损坏"),
    ],
)
def test_bad_uploads_get_a_clear_message(office, name, data, message):
    response = upload(office, name, data)
    assert message in response.content.decode()
    assert response.status_code == 400  # a broken archive is refused like a bad type


@pytest.mark.django_db
def test_a_document_of_another_kind_is_reported_not_crashed(office):
    body = upload(office, "notice.txt", "关于召开全镇安全生产会议的通知\n请各村按时参加。".encode())
    assert "无法读取：</strong>未识别为政府信息公开工作年度报告" in body.content.decode()


def _row_cells(body: str, label: str) -> list[str]:
    """The <td> cells of the drawn table row whose header is ``label``."""
    row = next(r for r in body.split("<tr>") if f">{label}<" in r.split("</tr>")[0])
    return re.findall(r"<td[^>]*>.*?</td>", row.split("</tr>")[0])


@pytest.mark.django_db
def test_page_draws_the_tables_and_marks_the_faulty_cell(office):
    # blank the seed's 表三 “1.属于国家秘密” 自然人 cell: that cell, and no other in its row, is marked
    text = SEED.decode()
    line = "1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
    assert line in text
    body = upload(
        office, "blank.txt", text.replace(line, line.replace("\t0", "\t", 1), 1).encode()
    ).content.decode()
    verdict_at = body.index("结论：不通过")
    assert verdict_at < body.index("【单元格空白】") < body.index("解析出的表格")
    assert (
        "表三 · （三）不予公开 1.属于国家秘密 · 自然人" in body
    )  # the place, as in the text output
    cells = _row_cells(body, "1.属于国家秘密")
    assert len(cells) == 7  # 自然人 … 总计, under the statutory column labels
    natural = cells[0]
    assert 'class="num flagged flagged-error"' in natural
    assert "✗" in natural and "错误：单元格空白" in natural  # a sign and words, not colour alone
    assert all("flagged" not in c for c in cells[1:6])
    assert all("flagged" not in c for c in _row_cells(body, "（一）予以公开"))
    for label in ("信息内容", "本年制发件数", "商业企业", "行政复议", "未经复议直接起诉"):
        assert f">{label}<" in body


@pytest.mark.django_db
def test_warnings_alone_pass_with_warnings(office):
    body = upload(office, "seed.txt", SEED).content.decode()
    assert "结论：通过（有警告）" in body and "<h3>警告</h3>" in body
    # the seed's half-width "(一)予以公开": its row label carries the warning mark, numbers none
    row = next(r for r in body.split("<tr>") if ">（一）予以公开<" in r)
    assert re.search(r'<th scope="row"[^>]* class="flagged flagged-warning">（一）予以公开<', row)
    assert "！" in row and "警告：表述与模板不一致" in row


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_result_page_with_marked_cells_has_no_serious_axe_violations(live_server, tmp_path):
    from django.core.management import call_command
    from playwright.sync_api import expect

    from gongkai.browser import chromium_page
    from gongkai.portal.tests.test_accessibility import axe_violations, log_in

    call_command("demo")
    text = SEED.decode()
    line = "1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
    path = tmp_path / "blank.txt"
    path.write_text(text.replace(line, line.replace("\t0", "\t", 1), 1), encoding="utf-8")
    with chromium_page() as page:
        log_in(page, live_server.url, "gdk_xxy")
        page.goto(f"{live_server.url}/reports/check/")
        page.get_by_label("年度报告文件").set_input_files(str(path))
        page.get_by_role("button", name="开始检查").click()
        expect(page.locator("td.flagged-error").first).to_be_visible()
        assert axe_violations(page) == []


@pytest.mark.django_db
def test_page_names_rules_in_chinese_only(office):
    """Clerks read the rule's Chinese name; the code stays a data attribute for support (and in --json)."""
    from gongkai.reportformat.findings import RULE_CODES, RULE_NAMES

    body = upload(office, "broken.txt", broken_seed()).content.decode()
    visible = re.sub(r"<[^>]*>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.S))
    assert RULE_NAMES["TEXT_TABLE_MISMATCH"] in visible
    assert [code for code in RULE_CODES if code in visible] == []
    assert 'data-rule="TEXT_TABLE_MISMATCH"' in body
