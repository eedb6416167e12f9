"""A revision of a published item carries everything of it: attachments (files, 图文 images with
their 替代文字, video posters), 问答 pairs, the embed address and the 解读 link. The published item
keeps its own until the revision is published through the review by three different people; then
the public page shows the revision's parts, unchanged ones at their old download addresses."""

import datetime
import re
from urllib.parse import unquote

import pytest

from gongkai.publications import attachments as files
from gongkai.publications import rich_services, services
from gongkai.publications.choices import ItemKind
from gongkai.publications.models import Attachment, Publication
from gongkai.publications.tests.test_rich_items import docx_bytes, pdf_bytes, png_bytes
from gongkai.reviews.factories import published_publication, reviewers

DOCX_NAME = "附件1：2025年耕地地力保护补贴发放名单.docx"
PDF_NAME = "申报表.pdf"
QUESTIONS = [
    ("补贴对象是谁？", "拥有耕地承包权的种地农民。"),
    ("补贴标准是多少？", "每亩105元。"),
    ("什么时候发放？", "2025年6月底前通过“一卡通”发放。"),
]


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _publish_through_the_pages(client, agency, item):
    """提交 (信息员) → 初审 (办公室主任) → 终审 (分管领导) → 发布, each through the staff step view."""
    clerk, head, leader = reviewers(agency)
    base = f"/publications/staff/{item.pk}"
    walk = [
        (clerk, "submit", {"submit-note": "更正补贴发放时间"}),
        (head, "first", {"first-decision": "approve", "first-secrecy_checked": "on"}),
        (leader, "final", {"final-decision": "approve"}),
        (clerk, "publish", {"publish-published_on": "2025-04-01"}),
    ]
    for person, action, data in walk:
        client.force_login(person)
        response = client.post(f"{base}/{action}/", data)
        assert response.status_code == 302, (action, response.content.decode()[:3000])
    client.logout()


def _public_page(client, item) -> str:
    response = client.get(f"/publications/{item.agency_id}/{item.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _download(client, attachment_id: int):
    return client.get(f"/publications/attachments/{attachment_id}/")


def test_revision_keeps_attachments_and_questions_unless_changed(client, county):
    town = county["town"]
    clerk, _head, _leader = reviewers(town)
    policy = published_publication(
        agency=town,
        column="政策文件",
        title="卢氏县耕地地力保护补贴实施方案",
        published_on=datetime.date(2025, 3, 3),
    )
    docx_data, pdf_data = docx_bytes("补贴发放名单：张三 105元"), pdf_bytes()
    item = services.publication_create(
        actor=clerk,
        agency=town,
        column="政策解读",
        title="《实施方案》政策解读",
        kind=ItemKind.QA,
        interprets=policy,
    )
    docx = rich_services.attachment_add(
        actor=clerk, publication=item, role="file", name=DOCX_NAME, data=docx_data
    )
    pdf = rich_services.attachment_add(
        actor=clerk, publication=item, role="file", name=PDF_NAME, data=pdf_data
    )
    rich_services.questions_set(actor=clerk, publication=item, pairs=QUESTIONS)
    _publish_through_the_pages(client, town, item)

    revision = services.publication_start_revision(actor=clerk, publication=item)
    assert revision.revises_id == item.pk
    assert sorted(revision.attachments.values_list("original_name", flat=True)) == sorted(
        [DOCX_NAME, PDF_NAME]
    )
    assert list(revision.questions.values_list("question", "answer")) == QUESTIONS
    assert revision.interprets_id == policy.pk and revision.kind == ItemKind.QA
    pdf_in_revision = revision.attachments.get(original_name=PDF_NAME)
    rich_services.attachment_remove(actor=clerk, attachment=pdf_in_revision)

    # The published item keeps its own while the revision is under way.
    page = _public_page(client, item)
    assert DOCX_NAME in page and PDF_NAME in page
    assert _download(client, pdf.pk).status_code == 200

    _publish_through_the_pages(client, town, revision)

    assert not Publication.objects.filter(pk=revision.pk).exists()
    page = _public_page(client, item)  # the same public address
    assert DOCX_NAME in page
    assert PDF_NAME not in page
    for question, answer in QUESTIONS:
        assert question in page and answer in page
    assert f"/publications/{policy.agency_id}/{policy.pk}/" in page  # the 解读 link
    assert f"/publications/{item.agency_id}/{item.pk}/" in _public_page(client, policy)

    # The kept attachment: same download address, the very bytes uploaded, the Chinese name.
    response = _download(client, docx.pk)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == docx_data
    assert unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1]) == DOCX_NAME
    assert _download(client, pdf.pk).status_code == 404  # removed in the revision
    item.refresh_from_db()
    assert list(item.attachments.values_list("pk", flat=True)) == [docx.pk]
    assert item.questions.count() == 3
    assert item.sensitive_scans.count() == 2  # both 初审 scans stay with the item's 保密审查


def test_images_poster_embed_and_body_links_carried(client, county, settings):
    settings.PUBLICATION_EMBED_HOSTS = ["v.lushi.gov.cn"]
    town = county["town"]
    clerk, _head, _leader = reviewers(town)
    images = services.publication_create(
        actor=clerk, agency=town, column="图片新闻", title="朱阳关镇春耕生产现场", kind="images"
    )
    photo_data = png_bytes()
    photo = rich_services.attachment_add(
        actor=clerk,
        publication=images,
        role="image",
        name="春耕.png",
        data=photo_data,
        alt_text="农户在杜店村驾驶旋耕机翻地",
    )
    services.publication_update(
        actor=clerk,
        publication=images,
        column="图片新闻",
        title=images.title,
        body=f'<p>春耕现场。</p><img src="/publications/attachments/{photo.pk}/" alt="旋耕机">',
        kind="images",
    )
    video = services.publication_create(
        actor=clerk,
        agency=town,
        column="视频新闻",
        title="防汛演练",
        kind="video",
        video_embed_url="https://v.lushi.gov.cn/play?id=7",
    )
    poster = rich_services.attachment_add(
        actor=clerk,
        publication=video,
        role="poster",
        name="封面.png",
        data=png_bytes(),
        alt_text="防汛演练现场",
    )
    _publish_through_the_pages(client, town, images)
    _publish_through_the_pages(client, town, video)

    revision = services.publication_start_revision(actor=clerk, publication=images)
    copy = revision.attachments.get()
    assert (copy.role, copy.alt_text) == ("image", "农户在杜店村驾驶旋耕机翻地")
    assert copy.pk != photo.pk
    assert f"/publications/attachments/{copy.pk}/" in revision.body  # its own copy
    _publish_through_the_pages(client, town, revision)
    images.refresh_from_db()
    assert re.findall(r"/publications/attachments/(\d+)/", images.body) == [str(photo.pk)]
    page = _public_page(client, images)
    assert 'alt="农户在杜店村驾驶旋耕机翻地"' in page
    response = _download(client, photo.pk)
    assert b"".join(response.streaming_content) == photo_data

    video_revision = services.publication_start_revision(actor=clerk, publication=video)
    assert video_revision.video_embed_url == "https://v.lushi.gov.cn/play?id=7"
    assert video_revision.attachments.get().alt_text == "防汛演练现场"
    _publish_through_the_pages(client, town, video_revision)
    video.refresh_from_db()
    assert video.video_embed_url == "https://v.lushi.gov.cn/play?id=7"
    assert list(video.attachments.values_list("pk", "role")) == [(poster.pk, "poster")]


def test_deleting_one_copy_never_breaks_the_other(
    client, county, django_capture_on_commit_callbacks
):
    """Files are shared by reference: a file goes only when no attachment row names it."""
    town = county["town"]
    clerk, _head, _leader = reviewers(town)
    item = services.publication_create(actor=clerk, agency=town, column="通知公告", title="通知")
    data = pdf_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        published = rich_services.attachment_add(
            actor=clerk, publication=item, role="file", name=PDF_NAME, data=data
        )
        _publish_through_the_pages(client, town, item)
        revision = services.publication_start_revision(actor=clerk, publication=item)
        shared = revision.attachments.get()
        assert shared.stored_name == published.stored_name
        rich_services.attachment_remove(actor=clerk, attachment=shared)
    path = files.path_of(published.stored_name)
    assert path.read_bytes() == data  # the published copy still names the file
    assert b"".join(_download(client, published.pk).streaming_content) == data

    with django_capture_on_commit_callbacks(execute=True):
        _publish_through_the_pages(client, town, revision)
    assert not Attachment.objects.filter(stored_name=published.stored_name).exists()
    assert not path.exists()  # nothing names it any more
