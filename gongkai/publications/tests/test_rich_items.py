"""Rich items through the services (every door): sanitising, attachments by content, 索引号, kinds,
解读 links and the sensitive-data scan that blocks 初审."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from gongkai.core.errors import UserError
from gongkai.core.tests.test_sensitive import VALID_CARD, VALID_ID
from gongkai.publications import rich_services, services
from gongkai.publications.choices import AttachmentRole, ItemKind
from gongkai.publications.choices import PublicationStatus as S
from gongkai.publications.models import Publication, SensitiveScan


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def draft(personas, county, **fields):
    fields.setdefault("title", "关于发放2025年耕地地力保护补贴的通知")
    return services.publication_create(
        actor=personas["clerk"], agency=county["town"], column="通知公告", **fields
    )


def walk(personas, publication, *, reason="", published_on=datetime.date(2025, 3, 7)):
    services.publication_submit(actor=personas["clerk"], publication=publication)
    services.publication_review(
        actor=personas["office_head"],
        publication=publication,
        stage="first",
        approve=True,
        secrecy_checked=True,
        sensitive_reason=reason,
    )
    services.publication_review(
        actor=personas["leader"], publication=publication, stage="final", approve=True
    )
    return services.publication_publish(
        actor=personas["clerk"], publication=publication, published_on=published_on
    )


# -- sanitiser ---------------------------------------------------------------------------------------
def test_body_sanitised_in_the_service(personas, county):
    body = (
        '<p onclick="x()">补贴<script>alert(1)</script><img src="x" onerror="alert(1)">'
        '<a href="javascript:alert(1)">坏链接</a><a href="https://www.gov.cn/">中国政府网</a>'
        '<a href="/publications/1/">站内</a></p><h2>标准</h2><table><tr><td>每亩</td></tr></table>'
        "<ul><li>一</li></ul><blockquote>引文</blockquote><iframe src=x></iframe>"
    )
    p = draft(personas, county, body=body)
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", 'src="x"'):
        assert bad not in p.body
    for kept in (
        '<a href="https://www.gov.cn/"',
        '<a href="/publications/1/"',
        "<h2>标准</h2>",
        "<td>每亩</td>",
        "<li>一</li>",
        "<blockquote>引文</blockquote>",
    ):
        assert kept in p.body
    services.publication_update(
        actor=personas["clerk"],
        publication=p,
        column=p.column,
        title=p.title,
        body='<p>改<img src="/publications/attachments/9/" alt="图" onerror="x"></p>',
    )
    p.refresh_from_db()
    assert p.body == '<p>改<img src="/publications/attachments/9/" alt="图"></p>'


# -- attachments -------------------------------------------------------------------------------------
def test_type_by_content_not_name(personas, county):
    p = draft(personas, county)
    with pytest.raises(UserError, match="扩展名与内容不符"):
        rich_services.attachment_add(
            actor=personas["clerk"], publication=p, role="file", name="通知.docx", data=pdf_bytes()
        )
    with pytest.raises(UserError, match="内容不是"):
        rich_services.attachment_add(
            actor=personas["clerk"],
            publication=p,
            role="file",
            name="名单.pdf",
            data=b"<html><script>alert(1)</script></html>",
        )
    assert not p.attachments.exists()


@override_settings(PUBLICATION_ATTACHMENT_MAX_BYTES=1000)
def test_size_limit(personas, county):
    p = draft(personas, county)
    with pytest.raises(UserError, match="超过"):
        rich_services.attachment_add(
            actor=personas["clerk"],
            publication=p,
            role="file",
            name="大.pdf",
            data=pdf_bytes() + b"\n" * 2000,
        )


def test_chinese_name_kept_on_download(personas, county, client):
    p = draft(personas, county)
    name = "附件1：2025年补贴发放名单.docx"
    a = rich_services.attachment_add(
        actor=personas["clerk"],
        publication=p,
        role="file",
        name=name,
        data=docx_bytes("补贴发放名单"),
    )
    assert a.stored_name.isascii() and name not in a.stored_name
    assert a.text.strip() == "补贴发放名单"
    url = f"/publications/attachments/{a.pk}/"
    assert client.get(url).status_code == 404  # a draft's file is not public
    walk(personas, p)
    response = client.get(url)
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    assert unquote(header.split("filename*=UTF-8''")[1]) == name


# -- 索引号 ------------------------------------------------------------------------------------------
def test_index_number_unique_and_stable(personas, county):
    first = walk(personas, draft(personas, county, title="一"))
    second = walk(personas, draft(personas, county, title="二"))
    assert first.index_number and second.index_number
    assert first.index_number != second.index_number
    assert first.index_number.split("/")[1].startswith("2025-")
    number = first.index_number
    revision = services.publication_start_revision(actor=personas["clerk"], publication=first)
    services.publication_update(
        actor=personas["clerk"], publication=revision, column=revision.column, title="一（修改）"
    )
    walk(personas, revision, published_on=datetime.date(2026, 1, 5))
    first.refresh_from_db()
    assert first.title == "一（修改）" and first.index_number == number
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.filter(pk=second.pk).update(index_number=number)


# -- kinds -------------------------------------------------------------------------------------------
def test_image_needs_alt_text(personas, county):
    p = draft(personas, county, kind=ItemKind.IMAGES)
    with pytest.raises(UserError, match="替代文字"):
        rich_services.attachment_add(
            actor=personas["clerk"], publication=p, role=AttachmentRole.IMAGE, name="现场.png",
            data=png_bytes(),
        )  # fmt: skip
    with pytest.raises(UserError, match="至少需要一张图片"):
        services.publication_submit(actor=personas["clerk"], publication=p)
    rich_services.attachment_add(
        actor=personas["clerk"], publication=p, role=AttachmentRole.IMAGE, name="现场.png",
        data=png_bytes(), alt_text="工作人员在田间核实补贴面积",
    )  # fmt: skip
    services.publication_submit(actor=personas["clerk"], publication=p)
    p.refresh_from_db()
    assert p.status == S.FIRST_REVIEW


def test_embed_host_allow_list(personas, county, settings):
    settings.PUBLICATION_EMBED_HOSTS = ["v.lushi.gov.cn"]
    with pytest.raises(UserError, match="不在允许的视频平台名单"):
        draft(personas, county, kind=ItemKind.VIDEO, video_embed_url="https://evil.example/v/1")
    with pytest.raises(UserError, match="不是有效的网址"):
        draft(personas, county, kind=ItemKind.VIDEO, video_embed_url="javascript:alert(1)")
    p = draft(
        personas, county, kind=ItemKind.VIDEO, video_embed_url="http://V.lushi.gov.cn/play?id=7#t"
    )
    assert p.video_embed_url == "https://v.lushi.gov.cn/play?id=7"


def test_questions_required_for_qa(personas, county):
    p = draft(personas, county, kind=ItemKind.QA)
    with pytest.raises(UserError, match="问答"):
        services.publication_submit(actor=personas["clerk"], publication=p)
    with pytest.raises(UserError, match="第 1 组"):
        rich_services.questions_set(actor=personas["clerk"], publication=p, pairs=[("问", "")])
    rich_services.questions_set(
        actor=personas["clerk"], publication=p, pairs=[("谁能领？", "承包农户。"), ("", "")]
    )
    assert list(p.questions.values_list("order", "question")) == [(1, "谁能领？")]


# -- 解读 links ----------------------------------------------------------------------------------------
def test_interpretation_links_both_ways(personas, county, client):
    policy = walk(personas, draft(personas, county, title="卢氏县耕地地力保护补贴实施方案"))
    reading = draft(
        personas, county, title="《实施方案》政策解读", kind=ItemKind.QA, interprets=policy
    )
    rich_services.questions_set(
        actor=personas["clerk"], publication=reading, pairs=[("补贴标准是多少？", "每亩105元。")]
    )
    walk(personas, reading)
    policy_page = client.get(f"/publications/{policy.agency_id}/{policy.pk}/").content.decode()
    reading_page = client.get(f"/publications/{reading.agency_id}/{reading.pk}/").content.decode()
    assert f"/publications/{reading.agency_id}/{reading.pk}/" in policy_page
    assert "《实施方案》政策解读" in policy_page
    assert f"/publications/{policy.agency_id}/{policy.pk}/" in reading_page
    assert "补贴标准是多少？" in reading_page
    other_agency_item = Publication(agency=county["county"], title="县政府的文件")
    with pytest.raises(UserError, match="不是本机关"):
        draft(personas, county, title="跨机关解读", interprets=other_agency_item)


# -- sensitive-data scan -------------------------------------------------------------------------------
def submit(personas, p):
    services.publication_submit(actor=personas["clerk"], publication=p)


def first_approve(personas, p, reason=""):
    return services.publication_review(
        actor=personas["office_head"], publication=p, stage="first", approve=True,
        secrecy_checked=True, sensitive_reason=reason,
    )  # fmt: skip


def test_scan_blocks_first_review_until_masked(personas, county):
    p = draft(personas, county, body=f"<p>领取人身份证号{VALID_ID}</p>")
    submit(personas, p)
    with pytest.raises(UserError, match="身份证号码 1 处"):
        first_approve(personas, p)
    p.refresh_from_db()
    assert p.status == S.FIRST_REVIEW
    services.publication_review(
        actor=personas["office_head"], publication=p, stage="first", approve=False, note="请遮盖"
    )
    services.publication_update(
        actor=personas["clerk"], publication=p, column=p.column, title=p.title,
        body="<p>领取人身份证号110105********002X</p>",
    )  # fmt: skip
    submit(personas, p)
    first_approve(personas, p)
    p.refresh_from_db()
    assert p.status == S.FINAL_REVIEW
    scan = SensitiveScan.objects.get(publication=p)
    assert scan.passed and scan.hits == 0


def test_scan_reads_attachments_and_accepts_a_reason(personas, county, client):
    p = draft(personas, county)
    rich_services.attachment_add(
        actor=personas["clerk"], publication=p, role="file", name="名单.docx",
        data=docx_bytes(f"张三 卡号{VALID_CARD}"),
    )  # fmt: skip
    submit(personas, p)
    with pytest.raises(UserError, match="银行卡号 1 处"):
        first_approve(personas, p)
    first_approve(personas, p, reason="对公账户，依法需要公开")
    scan = SensitiveScan.objects.get(publication=p)
    assert scan.hits == 1 and scan.reason == "对公账户，依法需要公开"
    assert VALID_CARD not in scan.summary
    services.publication_review(
        actor=personas["leader"], publication=p, stage="final", approve=True
    )
    services.publication_publish(actor=personas["clerk"], publication=p)
    page = client.get(f"/publications/{p.agency_id}/{p.pk}/").content.decode()
    assert "对公账户" not in page and "敏感信息" not in page


# -- download names, the submit page's error, the upload confirmation ---------------------------------
def test_download_fallback_name_is_meaningful_ascii(personas, county, client):
    """Clients without RFC 5987 save the ASCII ``filename``: not a nameless “.pdf”."""
    p = draft(personas, county)
    a = rich_services.attachment_add(
        actor=personas["clerk"], publication=p, role="file", name="验收报告.pdf", data=pdf_bytes()
    )
    walk(personas, p)
    header = client.get(f"/publications/attachments/{a.pk}/")["Content-Disposition"]
    fallback = header.split('filename="')[1].split('"')[0]
    assert fallback == f"attachment-{a.pk}.pdf"
    assert unquote(header.split("filename*=UTF-8''")[1]) == "验收报告.pdf"


def test_missing_image_is_said_once_linking_to_the_submit_step(personas, county, client):
    p = draft(personas, county, kind=ItemKind.IMAGES)
    client.force_login(personas["clerk"])
    response = client.post(f"/publications/staff/{p.pk}/submit/", {"submit-note": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("图文信息至少需要一张图片。") == 1
    assert '<a href="#step-submit">图文信息至少需要一张图片。</a>' in body
    assert 'id="step-submit"' in body


def test_upload_is_confirmed_with_the_file_name(personas, county, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = draft(personas, county)
    client.force_login(personas["clerk"])
    response = client.post(
        f"/publications/staff/attach/{p.pk}/",
        {"role": "file", "file": SimpleUploadedFile("验收报告.pdf", pdf_bytes())},
        follow=True,
    )
    assert response.status_code == 200 and p.attachments.count() == 1
    assert "已上传：验收报告.pdf" in response.content.decode()
