"""Uploaded files of publications: the type by content (filetype, never the name), the size limit,
the text of PDF/DOCX/XLSX read within `reportformat.limits`, and storage under the data directory
with a generated name. The original (Chinese) name is kept only in the database."""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from pathlib import Path

import filetype
from django.conf import settings

from gongkai.core.errors import UserError
from gongkai.reportformat import limits

from .choices import AttachmentRole

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
VIDEOS = {"video/mp4": ".mp4", "video/webm": ".webm"}
DOCUMENTS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}
ALLOWED = {
    AttachmentRole.FILE: {**DOCUMENTS, **IMAGES},
    AttachmentRole.IMAGE: IMAGES,
    AttachmentRole.POSTER: IMAGES,
    AttachmentRole.VIDEO: VIDEOS,
}
ROLE_HINT = {
    AttachmentRole.FILE: "PDF、Word（.docx）、Excel（.xlsx）或图片",
    AttachmentRole.IMAGE: "JPEG、PNG、GIF 或 WebP 图片",
    AttachmentRole.POSTER: "JPEG、PNG、GIF 或 WebP 图片",
    AttachmentRole.VIDEO: "MP4 或 WebM 视频",
}


def storage_dir() -> Path:
    path = Path(settings.DATA_DIR) / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def detect(data: bytes) -> str:
    """The MIME type from the bytes. Office files are zips: told apart by their main part."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else ""
    if mime in ("application/zip", DOCX, XLSX):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return ""
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return "application/zip"
    return mime


def clean_name(name: str) -> str:
    """The original file name without any path, control characters or quotes; Chinese kept."""
    name = Path((name or "").replace("\\", "/")).name
    name = re.sub(r'[\x00-\x1f\x7f"]', "", name).strip()
    return name[:255] or "附件"


def check_upload(*, role: str, name: str, data: bytes) -> str:
    """The content type of an acceptable upload; UserError naming the file otherwise."""
    if role not in ALLOWED:
        raise UserError(f"附件用途“{role}”无效。")
    limit = (
        settings.PUBLICATION_VIDEO_MAX_BYTES
        if role == AttachmentRole.VIDEO
        else settings.PUBLICATION_ATTACHMENT_MAX_BYTES
    )
    if not data:
        raise UserError(f"文件“{name}”是空文件。")
    if len(data) > limit:
        raise UserError(
            f"文件“{name}”有 {len(data) / 1048576:.1f} MB，超过 {limit // 1048576} MB 的上限。"
        )
    mime = detect(data)
    if mime not in ALLOWED[role]:
        raise UserError(
            f"文件“{name}”的内容不是{ROLE_HINT[role]}（按文件内容识别，不看扩展名），已拒绝。"
        )
    expected = ALLOWED[role][mime]
    suffix = Path(name).suffix.lower()
    if suffix and suffix != expected and not (expected == ".jpg" and suffix == ".jpeg"):
        raise UserError(
            f"文件“{name}”的扩展名与内容不符（内容是 {expected} 文件），请核对后重新上传。"
        )
    return mime


def extract_text(mime: str, data: bytes, name: str) -> str:
    """The text of a PDF, DOCX or XLSX for search and the sensitive-data scan, within the limits."""
    try:
        if mime == PDF:
            limits.check_pdf_pages(data)
            from pypdf import PdfReader

            with limits.wall_time(limits.LIMITS.seconds):
                reader = PdfReader(io.BytesIO(data), strict=False)
                return "\n".join((page.extract_text() or "") for page in reader.pages)
        if mime == DOCX:
            document = limits.check_docx(data)
            root = limits.parse_xml(document)
            ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
            return "\n".join(
                "".join(t.text or "" for t in p.iter(f"{ns}t")) for p in root.iter(f"{ns}p")
            )
        if mime == XLSX:
            rows = limits.read_xlsx_rows(data)
            return "\n".join(" ".join(str(v) for v in row if v not in (None, "")) for row in rows)
    except limits.FileRefused as exc:
        raise UserError(f"文件“{name}”：{exc.message}") from exc
    return ""


def store(data: bytes, mime: str) -> str:
    stored = secrets.token_hex(16) + ALLOWED_SUFFIX.get(mime, "")
    (storage_dir() / stored).write_bytes(data)
    return stored


ALLOWED_SUFFIX = {**DOCUMENTS, **IMAGES, **VIDEOS}


def path_of(stored_name: str) -> Path:
    return storage_dir() / Path(stored_name).name
