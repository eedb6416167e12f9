"""THE resource limits for every file a user uploads (reports, ledgers, zips), and the guarded primitives
that enforce them. Plain Python, no Django import: `gongkai check` uses it as much as the web does.

Anything a user uploads is hostile until parsed within these limits (DESIGN rule 13). Callers use:

- ``open_zip(data)``               a zip (or .docx/.xlsx) whose every member was checked and stream-read:
                                   size per part and in total, compression ratio, encryption, method, CRC.
- ``read_zip_member(data, name)``  one member's bytes, read with a hard cap (never trusting the header).
- ``count_docx_paragraphs(data)``  ``<w:p`` elements in the size-capped ``word/document.xml``.
- ``check_docx(data)``             open_zip + the paragraph limit (what ``parse.py`` runs before parsing).
- ``check_pdf_pages(data)``        the page count, read by pypdf without parsing the pages.
- ``read_xlsx_rows(data)``         the first sheet's values (never formulas), bounded while streaming.
- ``check_text_rows(text)``        rows/cells of a CSV or text file.
- ``wall_time(seconds)``           a context manager that stops work running longer than the limit.
- ``parse_xml(data)``              defusedxml for any XML from users.

Every refusal is ``FileRefused`` with a Chinese message naming the limit; callers turn it into their own
error type (ReportParseError, the ledger's UnreadableFile) — an HTTP 400 or exit status 2, never a 500.
"""

from __future__ import annotations

import contextlib
import io
import signal
import threading
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MB  # one uploaded file, as uploaded
    part_bytes: int = 30 * MB  # one member of an archive, decompressed
    total_bytes: int = 200 * MB  # all members of an archive (inner archives included), decompressed
    ratio: int = 100  # decompressed / compressed size of a member larger than 1 MB
    members: int = 2000  # entries in one archive
    nesting: int = 3  # a zip inside a zip inside a zip
    paragraphs: int = 50_000  # <w:p> elements in a .docx
    rows: int = 100_000  # rows of a spreadsheet or CSV
    columns: int = 200  # columns of a spreadsheet or CSV
    cells: int = 1_000_000  # rows × columns actually read
    pages: int = 500  # pages of a PDF
    seconds: float = 60.0  # wall time of one file's parsing


LIMITS = Limits()


class FileRefused(ValueError):
    """The file breaks a limit or is a broken archive; ``str(exc)`` is the Chinese message for users."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


def check_size(data: bytes, limits: Limits = LIMITS) -> None:
    if len(data) > limits.file_bytes:
        raise FileRefused(
            f"文件过大（{len(data) / MB:.1f} MB），超过单个文件 {_mb(limits.file_bytes)} 的上限。"
        )


# -- zip archives (.zip, .docx, .xlsx) ----------------------------------------------------------------
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_BROKEN = "压缩包已损坏（可能下载不完整或被篡改），无法打开"


class _Budget:
    """Decompressed bytes still allowed for one upload, shared by nested archives."""

    def __init__(self, limits: Limits):
        self.left = limits.total_bytes
        self.limits = limits

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise FileRefused(
                f"压缩包解压后超过 {_mb(self.limits.total_bytes)} 的总大小上限，"
                "可能是“压缩炸弹”，已拒绝。"
            )


def _stream_read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, budget: _Budget
) -> bytes:
    """Read a member in chunks, stopping at `cap` decompressed bytes whatever its header says."""
    chunks, total = [], 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(min(1 * MB, cap + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > cap:
                    raise FileRefused(
                        f"压缩包中的 {info.filename} 解压后超过单个部件 {_mb(cap)} 的上限，"
                        "可能是“压缩炸弹”，已拒绝。"
                    )
                budget.spend(len(chunk))
                chunks.append(chunk)
    except FileRefused:
        raise
    except RuntimeError as exc:  # encrypted member without a password
        raise FileRefused(f"压缩包中的 {info.filename} 已加密，无法读取。") from exc
    except NotImplementedError as exc:
        raise FileRefused(f"压缩包中的 {info.filename} 使用了不支持的压缩方式。") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        # "Bad CRC-32", truncated data, a lying local header: all the same to the user.
        raise FileRefused(f"{_BROKEN}：{info.filename} 的数据校验失败。") from exc
    return b"".join(chunks)


class SafeZip:
    """An archive whose members have all been validated and stream-read within the limits."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits, budget: _Budget, depth: int):
        self.archive, self.limits, self.budget, self.depth = archive, limits, budget, depth

    def infolist(self) -> list[zipfile.ZipInfo]:
        return [i for i in self.archive.infolist() if not i.is_dir()]

    def namelist(self) -> list[str]:
        return [i.filename for i in self.infolist()]

    def read(self, name: str | zipfile.ZipInfo) -> bytes:
        info = name if isinstance(name, zipfile.ZipInfo) else self.archive.getinfo(name)
        return _stream_read(self.archive, info, self.limits.part_bytes, self.budget)

    def open_inner(self, name: str | zipfile.ZipInfo) -> SafeZip:
        """A zip inside this zip, under the same total budget."""
        if self.depth + 1 >= self.limits.nesting:
            raise FileRefused(f"压缩包嵌套超过 {self.limits.nesting} 层，已拒绝。")
        return _open(self.read(name), self.limits, self.budget, self.depth + 1)

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _check_member(info: zipfile.ZipInfo, limits: Limits) -> None:
    name = info.filename
    if info.flag_bits & 0x1:
        raise FileRefused(f"压缩包中的 {name} 已加密，无法读取；请上传未加密的文件。")
    if info.compress_type not in _METHODS:
        raise FileRefused(
            f"压缩包中的 {name} 使用了不支持的压缩方式（{info.compress_type}），"
            "只支持常规的 Deflate 压缩。"
        )
    if info.file_size > limits.part_bytes:
        raise FileRefused(
            f"压缩包中的 {name} 解压后为 {info.file_size / MB:.0f} MB，"
            f"超过单个部件 {_mb(limits.part_bytes)} 的上限。"
        )
    if info.file_size > MB and info.file_size > limits.ratio * max(info.compress_size, 1):
        raise FileRefused(
            f"压缩包中的 {name} 压缩比超过 {limits.ratio} 倍，可能是“压缩炸弹”，已拒绝。"
        )


def _open(data: bytes, limits: Limits, budget: _Budget, depth: int) -> SafeZip:
    check_size(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
    ) as exc:
        raise FileRefused(f"{_BROKEN}。") from exc
    except NotImplementedError as exc:
        raise FileRefused(f"{_BROKEN}：使用了不支持的压缩包格式。") from exc
    if len(infos) > limits.members:
        raise FileRefused(f"压缩包内有 {len(infos)} 个文件，超过 {limits.members} 个的上限。")
    declared = 0
    for info in infos:
        _check_member(info, limits)
        declared += info.file_size
    if declared > budget.left:
        raise FileRefused(
            f"压缩包解压后为 {declared / MB:.0f} MB，超过 {_mb(limits.total_bytes)} 的总大小上限。"
        )
    safe = SafeZip(archive, limits, budget, depth)
    for info in safe.infolist():  # the real sizes and CRCs, not the headers' word
        safe.read(info)
    budget.left += sum(i.file_size for i in safe.infolist())  # validation reads are not spent
    return safe


def open_zip(data: bytes, limits: Limits = LIMITS) -> SafeZip:
    """Open a zip-based file from a user; raises FileRefused for any broken or oversized member."""
    return _open(data, limits, _Budget(limits), 0)


def read_zip_member(data: bytes, name: str, limits: Limits = LIMITS) -> bytes:
    """One member of a zip (e.g. "word/document.xml"), decompressed with a hard cap."""
    with open_zip(data, limits) as archive:
        try:
            return archive.read(name)
        except KeyError as exc:
            raise FileRefused(f"文件中缺少 {name}，可能已损坏或不是所需的格式。") from exc


# -- docx ---------------------------------------------------------------------------------------------
def count_docx_paragraphs(document_xml: bytes) -> int:
    """``<w:p>`` and ``<w:p ...>`` elements (not ``<w:pPr>``), counted on the bytes without parsing."""
    return (
        document_xml.count(b"<w:p>") + document_xml.count(b"<w:p ") + document_xml.count(b"<w:p/")
    )


def check_docx(data: bytes, limits: Limits = LIMITS) -> bytes:
    """Validate a .docx and return its size-capped ``word/document.xml``."""
    document = read_zip_member(data, "word/document.xml", limits)
    paragraphs = count_docx_paragraphs(document)
    if paragraphs > limits.paragraphs:
        raise FileRefused(
            f"Word 文件有 {paragraphs} 个段落，超过 {limits.paragraphs} 个段落的上限，已拒绝。"
        )
    return document


# -- pdf ----------------------------------------------------------------------------------------------
def check_pdf_pages(data: bytes, limits: Limits = LIMITS) -> int:
    """The page count of a PDF (pypdf reads the page tree only); raises beyond the limit."""
    check_size(data, limits)
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with wall_time(limits.seconds, limits):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise FileRefused("PDF 文件已加密，无法读取；请上传未加密的文件。")
            pages = len(reader.pages)
    except FileRefused:
        raise
    except RecursionError as exc:
        raise FileRefused("PDF 文件结构嵌套过深，已拒绝。") from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise FileRefused("PDF 文件已损坏（可能下载不完整），无法读取页数。") from exc
    if pages > limits.pages:
        raise FileRefused(f"PDF 文件有 {pages} 页，超过 {limits.pages} 页的上限。")
    return pages


# -- spreadsheets and text ----------------------------------------------------------------------------
def _too_many_rows(limits: Limits) -> FileRefused:
    return FileRefused(f"表格超过 {limits.rows} 行的上限，已拒绝。")


def _too_many_cells(limits: Limits) -> FileRefused:
    return FileRefused(f"表格超过 {limits.cells} 个单元格的上限，已拒绝。")


def _too_many_columns(n: int, limits: Limits) -> FileRefused:
    return FileRefused(f"表格有 {n} 列，超过 {limits.columns} 列的上限，已拒绝。")


def read_xlsx_rows(data: bytes, limits: Limits = LIMITS) -> list[tuple]:
    """The first worksheet's values (cached results, never formulas), bounded while streaming."""
    open_zip(data, limits).close()
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with wall_time(limits.seconds, limits):
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise FileRefused("Excel 文件中没有工作表。")
                sheet = book.worksheets[0]
                declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
                if declared_rows > limits.rows:
                    raise FileRefused(
                        f"Excel 工作表声明的范围有 {declared_rows} 行，超过 {limits.rows} 行的上限，已拒绝。"
                    )
                if declared_columns > limits.columns:
                    raise _too_many_columns(declared_columns, limits)
                rows, cells = [], 0
                for row in sheet.iter_rows(values_only=True):
                    if len(rows) >= limits.rows:
                        raise _too_many_rows(limits)
                    if len(row) > limits.columns:
                        raise _too_many_columns(len(row), limits)
                    cells += len(row)
                    if cells > limits.cells:
                        raise _too_many_cells(limits)
                    rows.append(row)
                return rows
            finally:
                book.close()
    except FileRefused:
        raise
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        SyntaxError,  # xml.etree ParseError
    ) as exc:
        raise FileRefused("无法打开 Excel 文件：文件已损坏或不是 .xlsx 格式。") from exc
    except Exception as exc:  # noqa: BLE001 - defusedxml and lxml raise their own kinds
        raise FileRefused("无法打开 Excel 文件：文件已损坏或不是 .xlsx 格式。") from exc


def check_text_rows(rows: Iterator[list[str]], limits: Limits = LIMITS) -> list[list[str]]:
    """Collect CSV rows, refusing past the row, column and cell limits."""
    out, cells = [], 0
    for row in rows:
        if len(out) >= limits.rows:
            raise _too_many_rows(limits)
        if len(row) > limits.columns:
            raise _too_many_columns(len(row), limits)
        cells += len(row)
        if cells > limits.cells:
            raise _too_many_cells(limits)
        out.append(row)
    return out


# -- XML ----------------------------------------------------------------------------------------------
def parse_xml(data: bytes):
    """An ElementTree element from user XML via defusedxml: no entities, no external references."""
    from defusedxml import ElementTree as SafeET

    try:
        return SafeET.fromstring(data)
    except Exception as exc:  # noqa: BLE001 - ParseError, EntitiesForbidden, DTDForbidden ...
        raise FileRefused("文件中的 XML 已损坏或含有不允许的实体定义，已拒绝。") from exc


# -- wall time ----------------------------------------------------------------------------------------
class WallTimeExceeded(FileRefused):
    """Raised inside the work itself when its time is up (see wall_time)."""


@contextlib.contextmanager
def wall_time(seconds: float, limits: Limits = LIMITS):
    """Stop the enclosed work after `seconds`. In the main thread of a process (the CLI) a SIGALRM
    interrupts it; in any other thread (the web server runs Django in threads, portal/front.py) a timer
    raises the exception in that thread at its next Python instruction. Work stuck inside one C call
    is stopped when the call returns; the elapsed time is checked again when the work ends."""
    started = time.monotonic()
    message = f"处理时间超过 {seconds:g} 秒的上限，文件可能过于复杂或是恶意构造的，已停止。"
    in_main = threading.current_thread() is threading.main_thread()
    if in_main and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
        stopper = _AlarmStopper(seconds, message)
    else:
        stopper = _ThreadStopper(seconds, message)
    try:
        yield
    finally:
        stopper.cancel()
    if time.monotonic() - started > seconds:
        raise FileRefused(message)


class _AlarmStopper:
    def __init__(self, seconds: float, message: str) -> None:
        def stop(signum, frame):
            raise WallTimeExceeded(message)

        self.previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, seconds)

    def cancel(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


class _ThreadStopper:
    """A timer that raises WallTimeExceeded in the thread that started it, unless cancelled first.
    The lock makes "fire" and "cancel" exclusive; a cancel after a fire clears an exception that is
    still pending, so it can never surface after the work is over."""

    def __init__(self, seconds: float, message: str) -> None:
        import ctypes

        self.ctypes = ctypes
        self.thread_id = threading.get_ident()
        self.exception = type("WallTimeExceededHere", (WallTimeExceeded,), {})
        self.exception.__init__ = lambda exc, *args: WallTimeExceeded.__init__(exc, message)
        self.lock = threading.Lock()
        self.done = self.fired = False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _raise_in_thread(self, exception) -> None:
        self.ctypes.pythonapi.PyThreadState_SetAsyncExc(
            self.ctypes.c_ulong(self.thread_id),
            self.ctypes.py_object(exception) if exception else None,
        )

    def _fire(self) -> None:
        with self.lock:
            if not self.done:
                self.fired = True
                self._raise_in_thread(self.exception)

    def cancel(self) -> None:
        with self.lock:
            self.done = True
            self.timer.cancel()
            if self.fired:
                self._raise_in_thread(None)  # clears a pending one
