"""A zip of annual reports (for `gongkai check x.zip` and the /reports/check/ upload): the reports inside,
read through the guarded zip of ``limits.py`` — inner zips included, under one decompressed-size budget."""

from __future__ import annotations

from pathlib import PurePosixPath

from . import limits
from .parse import SUFFIXES

MAX_REPORTS = 500


def _member_name(info) -> str:
    """Zips made on Chinese Windows store names in GBK without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = info.filename.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def report_members(data: bytes) -> tuple[list[tuple[str, bytes]], list[str]]:
    """(name, bytes) of each report in the zip, and notes on what was skipped. Raises
    limits.FileRefused (Chinese, naming the limit) for a broken or oversized archive."""
    members: list[tuple[str, bytes]] = []
    notes: list[str] = []
    with limits.open_zip(data) as archive:
        _collect(archive, "", members, notes)
    return members, notes


def _collect(archive: limits.SafeZip, prefix: str, members: list, notes: list) -> None:
    for info in archive.infolist():
        name = prefix + _member_name(info)
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ".zip":
            with archive.open_inner(info) as inner:
                _collect(inner, name + "/", members, notes)
            continue
        if suffix not in SUFFIXES:
            notes.append(f"已跳过 {name}：不是 .txt、.html、.docx 或 .pdf 文件。")
            continue
        if len(members) >= MAX_REPORTS:
            raise limits.FileRefused(f"压缩包内的报告超过 {MAX_REPORTS} 份的上限，请分批检查。")
        members.append((name, archive.read(info)))
