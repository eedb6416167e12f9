"""年报体检 on the web: the same verdicts as `gongkai check`, for one file or a zip of many."""

import io
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
