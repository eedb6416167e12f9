"""台账导入导出 on the web (/staff/ledgers/): the same importers and exporters as `gongkai import|export`
(core/ledger_registry.py), for a clerk who never opens a command line.

- Every upload is read within the limits of reportformat/limits.py (core/ledgers.read_sheet): a file over a
  limit or a broken archive is HTTP 400 with a Chinese message naming the limit, and nothing is written.
- Import: only into an agency the user may write (信息员, 办公室主任, 分管领导: their own; 管理员: their
  subtree). 县公开办 is read-only: its import POST is 403. The upload goes to a temporary file with the
  original suffix, the importer runs (all or nothing), the file is deleted. A bad file is HTTP 400 with
  every problem line and nothing written.
- Export: any agency the user may read, as .xlsx or .csv (UTF-8 with BOM), optionally for one year.
- 空白模板: the header row of each ledger, read from the ledger modules' column constants.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path, PurePath
from urllib.parse import quote

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .errors import UserError
from .ledger_registry import KIND_LABELS, LEDGERS, ledger_function
from .ledgers import MAX_UPLOAD, UnreadableFile, write_sheet
from .models import Agency
from .permissions import visible_agencies, writable_agencies
from .responses import forbidden

SUFFIXES = (".xlsx", ".csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FORMAT_CHOICES = [("xlsx", "Excel（.xlsx）"), ("csv", "CSV（.csv，UTF-8）")]
KIND_CHOICES = list(KIND_LABELS.items())

# The column constants each ledger module declares (its header row, in export order).
HEADER_CONSTANTS = {
    "applications": ("HEADER",),
    "appeals": ("HEADER",),
    "documents": ("DOC_REQUIRED", "DOC_OPTIONAL"),
    "publications": ("PUB_REQUIRED", "PUB_OPTIONAL"),
    "enforcement": ("REQUIRED",),
}
# Importers report counts with English or Chinese keys; show them in Chinese.
COUNT_LABELS = {"created": "新增", "updated": "更新", "unchanged": "未变"}
NOTE_KEYS = {"notes", "提示"}


def ledger_header(kind: str) -> list[str]:
    module = importlib.import_module(LEDGERS[kind][0])
    return [column for name in HEADER_CONSTANTS[kind] for column in getattr(module, name)]


def _agency_field(label: str, agencies) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=label,
        queryset=agencies.order_by("path"),
        empty_label=None,
        error_messages={
            "required": "请选择机关。",
            "invalid_choice": "所选机关不存在或您无权操作该机关的台账。",
        },
    )
    if agencies.count() == 1:
        field.widget = forms.HiddenInput()
        field.initial = agencies.first().pk
    return field


def _kind_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="台账种类",
        choices=KIND_CHOICES,
        error_messages={"required": "请选择台账种类。", "invalid_choice": "台账种类无效。"},
    )


class ImportForm(forms.Form):
    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"] = _agency_field("导入到机关", agencies)
        self.fields["kind"] = _kind_field()
        self.fields["file"] = forms.FileField(
            label="台账文件",
            help_text="Excel（.xlsx，第一个工作表）或 CSV（UTF-8 或 GB18030），第1行为表头，不超过 10 MB。",
            error_messages={"required": "请选择要上传的台账文件。", "empty": "上传的文件是空的。"},
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in SUFFIXES:
            raise forms.ValidationError(
                f"不支持的文件类型 {suffix or '（无扩展名）'}：请上传 Excel（.xlsx）或 CSV（.csv）文件。"
                "旧版 Excel（.xls）请先另存为 .xlsx。"
            )
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），上限为 10 MB。"
            )
        return upload


class ExportForm(forms.Form):
    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"] = _agency_field("机关", agencies)
        self.fields["kind"] = _kind_field()
        self.fields["year"] = forms.IntegerField(
            label="年度",
            required=False,
            min_value=2000,
            max_value=2100,
            help_text="留空则导出全部记录；填写年度则导出与该年度报告有关的记录。",
            error_messages={
                "invalid": "年度应为四位数字，如 2025。",
                "min_value": "年度应在 2000 至 2100 之间。",
                "max_value": "年度应在 2000 至 2100 之间。",
            },
        )
        self.fields["format"] = forms.ChoiceField(
            label="文件格式",
            choices=FORMAT_CHOICES,
            initial="xlsx",
            widget=forms.RadioSelect,
            error_messages={"required": "请选择文件格式。", "invalid_choice": "文件格式无效。"},
        )


def _count_summary(counts: dict) -> tuple[list[tuple[str, int]], list[str]]:
    numbers, notes = [], []
    for key, value in counts.items():
        if key in NOTE_KEYS:
            notes += value if isinstance(value, list) else [v for v in str(value).split("；") if v]
        else:
            numbers.append((COUNT_LABELS.get(key, key), value))
    return numbers, notes


def _page(request, *, import_form=None, export_form=None, status=200, **extra):
    user = request.user
    writable = writable_agencies(user)
    readable = visible_agencies(user)
    if import_form is None and writable.exists():
        import_form = ImportForm(agencies=writable, prefix="imp")
    if export_form is None and readable.exists():
        export_form = ExportForm(agencies=readable, prefix="exp")
    context = {
        "import_form": import_form,
        "export_form": export_form,
        "read_only": not writable.exists(),
        "templates": [(kind, label) for kind, label in KIND_LABELS.items()],
        **extra,
    }
    return render(request, "core/ledgers.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def ledgers(request):
    if request.method == "GET":
        return _page(request)
    writable = writable_agencies(request.user)
    if not writable.exists():
        return forbidden(request, "您的角色为只读，可以导出台账，不能导入。")
    form = ImportForm(request.POST, request.FILES, agencies=writable, prefix="imp")
    if not form.is_valid():
        return _page(request, import_form=form, status=400, import_failed=True)
    agency, kind = form.cleaned_data["agency"], form.cleaned_data["kind"]
    upload = form.cleaned_data["file"]
    original = PurePath(upload.name).name
    suffix = PurePath(original).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    temp_name = Path(handle.name).name
    try:
        counts = ledger_function(kind, 0)(actor=request.user, agency=agency, path=handle.name)
    except UserError as exc:  # UnreadableFile included: the message names the file's problem

        def named(text: str) -> str:
            return text.replace(temp_name, original)

        return _page(
            request,
            import_form=form,
            status=400,
            import_failed=True,
            unreadable=isinstance(exc, UnreadableFile),
            error_message=named(exc.message),
            problems=[named(p) for p in exc.problems],
            done_agency=agency,
            done_kind=KIND_LABELS[kind],
        )
    finally:
        os.unlink(handle.name)
    numbers, notes = _count_summary(counts)
    return _page(
        request,
        imported=True,
        numbers=numbers,
        notes=notes,
        done_agency=agency,
        done_kind=KIND_LABELS[kind],
        done_file=original,
    )


def _download(content: bytes, *, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    fallback = f"ledger.{fmt}"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _temp_sheet(fmt: str, write) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=f".{fmt}", delete=False) as handle:
        pass
    try:
        write(handle.name)
        return Path(handle.name).read_bytes()
    finally:
        os.unlink(handle.name)


@never_cache
@login_required
@require_GET
def export(request):
    readable = visible_agencies(request.user)
    if not readable.exists():
        raise Http404("没有可导出的机关。")
    form = ExportForm(request.GET, agencies=readable, prefix="exp")
    if not form.is_valid():
        return _page(request, export_form=form, status=400, export_failed=True)
    agency: Agency = form.cleaned_data["agency"]
    kind, year, fmt = (form.cleaned_data[k] for k in ("kind", "year", "format"))
    exporter = ledger_function(kind, 1)
    content = _temp_sheet(fmt, lambda path: exporter(agency=agency, path=path, year=year))
    name = f"{agency.name}-{KIND_LABELS[kind]}{f'-{year}年' if year else ''}.{fmt}"
    return _download(content, filename=name, fmt=fmt)


@login_required
@require_GET
def blank_template(request, kind: str, fmt: str):
    if kind not in LEDGERS or fmt not in CONTENT_TYPES:
        raise Http404("没有这种台账模板。")
    header = ledger_header(kind)
    content = _temp_sheet(fmt, lambda path: write_sheet(path, header, []))
    return _download(content, filename=f"{KIND_LABELS[kind]}-空白模板.{fmt}", fmt=fmt)
