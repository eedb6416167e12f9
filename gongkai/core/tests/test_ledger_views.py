"""台账导入导出 on the web (/staff/ledgers/): a clerk imports and exports without a command line.

Every import is all or nothing: a bad file is a 400 page listing each problem with its row number, and the
record and audit counts are the same before and after. 县公开办 may export below it but never import.
"""

import csv
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gongkai.applications.models import Application
from gongkai.core.audit_models import AuditEvent
from gongkai.core.ledger_registry import KIND_LABELS, ledger_function

pytestmark = pytest.mark.django_db

URL = "/staff/ledgers/"
EXPORT = "/staff/ledgers/export/"
# The header of 依申请公开台账 as written in shared/spec/ledgers.md §1.
SPEC_HEADER = [
    "编号",
    "申请人类型",
    "申请人",
    "收到日期",
    "申请方式",
    "申请内容",
    "办理结果",
    "答复日期",
    "信息处理费（元）",
]
GOOD_ROWS = [
    [
        "ZYG-2025-001",
        "自然人",
        "张三",
        "2025-03-03",
        "当面",
        "村道资金",
        "予以公开",
        "2025-03-10",
        "0",
    ],
    ["ZYG-2025-002", "商业企业", "某公司", "2025/4/1", "网络", "征地补偿标准", "", "", ""],
]
BAD_ROWS = [
    ["B-1", "自然人", "", "2025-03-03", "", "", "同意公开", "2025-03-10", ""],  # unknown outcome
    # reply before receipt
    ["B-2", "自然人", "", "2025-03-10", "", "", "予以公开", "2025-03-01", ""],
    ["B-3", "自然人", "", "2025-03-03", "", "", "", "", ""],
    ["B-3", "自然人", "", "2025-03-04", "", "", "", "", ""],  # duplicate 编号
    ["B-5", "自然人", "", "2025-03-05", "", "", "予以公开", "2025-03-06", "-5"],  # negative fee
]


def csv_bytes(rows, *, encoding="utf-8-sig", header=SPEC_HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=SPEC_HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, agency, content: bytes, name: str, kind="applications"):
    return client.post(
        URL,
        {
            "imp-agency": agency.pk,
            "imp-kind": kind,
            "imp-file": SimpleUploadedFile(name, content),
        },
    )


def state():
    return Application.objects.count(), AuditEvent.objects.count()


def export(client, agency, kind="applications", fmt="xlsx", year=""):
    return client.get(
        EXPORT, {"exp-agency": agency.pk, "exp-kind": kind, "exp-format": fmt, "exp-year": year}
    )


def test_page_offers_the_forms_with_chinese_labels(client, personas, county):
    client.force_login(personas["clerk"])
    page = client.get(URL)
    body = page.content.decode()
    assert page.status_code == 200
    for label in KIND_LABELS.values():
        assert label in body
    # one writable agency: no select, the agency travels as a hidden field
    assert f'type="hidden" name="imp-agency" value="{county["town"].pk}"' in body
    assert county["sibling"].name not in body
    client.force_login(personas["admin"])
    body = client.get(URL).content.decode()
    assert '<select name="imp-agency"' in body and county["sibling"].name in body


def test_clerk_imports_csv_with_bom_and_xlsx_and_reimport_changes_nothing(client, personas, county):
    town = county["town"]
    client.force_login(personas["clerk"])
    response = upload(client, town, csv_bytes(GOOD_ROWS), "台账.csv")
    body = response.content.decode()
    assert response.status_code == 200, body
    assert "导入成功" in body and "新增 2 条" in body
    assert set(Application.objects.filter(agency=town).values_list("number", flat=True)) == {
        "ZYG-2025-001",
        "ZYG-2025-002",
    }
    first = Application.objects.get(number="ZYG-2025-001")
    assert first.outcome == "granted" and str(first.replied_on) == "2025-03-10"
    assert Application.objects.get(number="ZYG-2025-002").outcome is None

    before = state()
    again = upload(client, town, csv_bytes(GOOD_ROWS), "台账.csv")
    assert again.status_code == 200 and "未变 2 条" in again.content.decode()
    assert state() == before

    rows = [*GOOD_ROWS, ["ZYG-2025-003", "科研机构", "", "2025-05-06", "邮寄", "", "", "", ""]]
    response = upload(client, town, xlsx_bytes(rows), "台账.xlsx")
    body = response.content.decode()
    assert response.status_code == 200, body
    assert "新增 1 条" in body and "未变 2 条" in body
    assert Application.objects.filter(agency=town).count() == 3
    before = state()
    assert upload(client, town, xlsx_bytes(rows), "台账.xlsx").status_code == 200
    assert state() == before


def test_gb18030_csv_imports(client, personas, county):
    client.force_login(personas["clerk"])
    response = upload(client, county["town"], csv_bytes(GOOD_ROWS, encoding="gb18030"), "a.csv")
    assert response.status_code == 200, response.content.decode()
    assert Application.objects.get(number="ZYG-2025-002").applicant_name == "某公司"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bad_file_lists_every_problem_and_writes_nothing(client, personas, county, fmt):
    town = county["town"]
    client.force_login(personas["clerk"])
    upload(client, town, csv_bytes(GOOD_ROWS), "good.csv")
    before = state()
    content = csv_bytes(BAD_ROWS) if fmt == "csv" else xlsx_bytes(BAD_ROWS)
    response = upload(client, town, content, f"乡镇台账.{fmt}")
    body = response.content.decode()
    assert response.status_code == 400
    assert state() == before
    for where in (
        "第2行 办理结果",
        "第3行 答复日期",
        "第5行 编号",
        "第6行 信息处理费（元）",
    ):
        assert where in body, where
    assert "“B-3”与第4行重复" in body
    assert "未导入任何数据" in body
    assert f"乡镇台账.{fmt}" in body and "tmp" not in body.split('id="import-errors"')[1][:400]


def test_wrong_type_and_unreadable_files_get_a_clear_message(client, personas, county):
    client.force_login(personas["clerk"])
    before = state()
    response = upload(client, county["town"], "编号,申请人类型\n".encode(), "台账.txt")
    assert response.status_code == 400
    assert "不支持的文件类型 .txt" in response.content.decode()
    response = upload(client, county["town"], b"not a zip at all", "坏文件.xlsx")
    body = response.content.decode()
    assert response.status_code == 400
    assert "无法读取文件" in body and "坏文件.xlsx" in body and "未导入任何数据" in body
    response = upload(client, county["town"], csv_bytes([], header=["编号"]), "缺列.csv")
    assert response.status_code == 400 and "缺少必填列" in response.content.decode()
    assert state() == before


def test_county_office_cannot_import_but_exports_a_township_below_it(client, personas, county):
    town = county["town"]
    client.force_login(personas["clerk"])
    upload(client, town, csv_bytes(GOOD_ROWS), "a.csv")
    client.force_login(personas["county_office"])
    page = client.get(URL).content.decode()
    assert "只读" in page and 'name="imp-file"' not in page
    before = state()
    rows = [["GKB-1", "自然人", "", "2025-03-03", "", "", "", "", ""]]
    response = upload(client, town, csv_bytes(rows), "a.csv")
    assert response.status_code == 403
    assert state() == before
    response = export(client, town)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == [
        "ZYG-2025-001",
        "ZYG-2025-002",
    ]


def test_sibling_agency_cannot_be_chosen_or_exported(client, personas, county):
    sibling = county["sibling"]
    client.force_login(personas["sibling_clerk"])
    upload(
        client,
        sibling,
        csv_bytes([["GDK-001", "自然人", "李四", "2025-01-02"] + [""] * 5]),
        "s.csv",
    )
    assert Application.objects.filter(agency=sibling).count() == 1

    client.force_login(personas["clerk"])
    before = state()
    response = upload(client, sibling, csv_bytes(GOOD_ROWS), "a.csv")
    assert response.status_code == 400
    assert "所选机关不存在或您无权操作该机关的台账" in response.content.decode()
    assert state() == before
    response = export(client, sibling)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert "GDK-001" not in response.content.decode() and "李四" not in response.content.decode()


def test_export_xlsx_and_csv_downloads(client, personas, county):
    town = county["town"]
    client.force_login(personas["clerk"])
    upload(client, town, csv_bytes(GOOD_ROWS), "a.csv")

    response = export(client, town, fmt="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    name = quote("朱阳关镇人民政府-依申请公开台账.xlsx", safe="")
    assert f"filename*=UTF-8''{name}" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == SPEC_HEADER
    assert {r[0] for r in rows[1:]} == {"ZYG-2025-001", "ZYG-2025-002"}

    # the download imports back unchanged
    before = state()
    again = upload(client, town, response.content, "导出.xlsx")
    assert again.status_code == 200 and "未变 2 条" in again.content.decode()
    assert state() == before

    response = export(client, town, fmt="csv", year="2025")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert quote("依申请公开台账-2025年.csv", safe="") in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == SPEC_HEADER and len(rows) == 3

    assert export(client, town, fmt="pdf").status_code == 400
    assert export(client, town, year="abc").status_code == 400


@pytest.mark.parametrize("kind", list(KIND_LABELS))
def test_blank_template_is_the_export_header_and_imports(client, personas, county, tmp_path, kind):
    client.force_login(personas["clerk"])
    response = client.get(f"/staff/ledgers/template/{kind}.xlsx")
    assert response.status_code == 200
    assert quote(KIND_LABELS[kind], safe="") in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1
    # the same header as an export of an agency with no records of this kind
    exported = tmp_path / "empty.xlsx"
    ledger_function(kind, 1)(agency=county["unit"], path=exported)
    assert list(rows[0]) == list(next(load_workbook(exported).active.iter_rows(values_only=True)))
    if kind == "applications":
        assert list(rows[0]) == SPEC_HEADER

    blank_csv = client.get(f"/staff/ledgers/template/{kind}.csv").content
    assert blank_csv.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(blank_csv.decode("utf-8-sig")))) == [list(rows[0])]

    # a blank template is a valid (empty) ledger
    imported = upload(client, county["town"], response.content, "空白.xlsx", kind=kind)
    assert imported.status_code == 200, imported.content.decode()


def test_unknown_template_and_anonymous_user(client, personas):
    assert client.get(URL).status_code == 302
    assert client.get("/staff/ledgers/template/applications.xlsx").status_code == 302
    client.force_login(personas["clerk"])
    assert client.get("/staff/ledgers/template/nothing.xlsx").status_code == 404
    assert client.get("/staff/ledgers/template/applications.pdf").status_code == 404
