"""年报体检 on the web: a disclosure office uploads one published report, or a zip of many, and gets
the same verdicts as `gongkai check`. Uploads are read in memory and never stored. Every file and every
zip (inner zips too) passes reportformat/limits.py first; a refused or broken file answers HTTP 400."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.core.ratelimit import rate_limited
from gongkai.reportformat import limits
from gongkai.reportformat.archive import report_members
from gongkai.reportformat.checkcli import check_bytes, is_refusal
from gongkai.reportformat.findings import RULE_NAMES, describe_location
from gongkai.reportformat.parse import SUFFIXES

MAX_UPLOAD = limits.LIMITS.file_bytes


class UploadForm(forms.Form):
    report = forms.FileField(
        label="年度报告文件",
        help_text="支持 .txt、.html、.docx、.pdf，或把多份报告打包成 .zip 一次检查（不超过 50 MB）。",
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                f"文件过大（{upload.size // 1024 // 1024} MB），上限为 50 MB。"
            )
        suffix = PurePosixPath(upload.name).suffix.lower()
        if suffix not in (*SUFFIXES, ".zip"):
            raise forms.ValidationError(
                f"不支持 {suffix or '无扩展名'} 文件：请上传 .txt、.html、.docx、.pdf 或 .zip。"
            )
        return upload


def _present(verdict: dict) -> dict:
    result = verdict.get("result")
    fmt = result.model.format if result else "2021"
    findings = [
        {
            "code": f.code,
            "rule": RULE_NAMES.get(f.code, f.code),
            "severity": f.severity,
            "where": describe_location(f.location, fmt),
            "message": f.message,
            "expected": f.expected,
            "found": f.found,
        }
        for f in verdict["findings"]
    ]
    errors = sum(1 for f in findings if f["severity"] == "error")
    return {
        "file": verdict["file"],
        "error": verdict.get("error"),
        "agency": result.model.agency if result else None,
        "year": result.model.year if result else None,
        "format": result.model.format if result else None,
        "findings": findings,
        "errors": errors,
        "warnings": len(findings) - errors,
    }


@login_required
@rate_limited("check")
def check_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    verdicts, notes, status = [], [], 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["report"]
            data = upload.read()
            members = [(upload.name, data)]
            if upload.name.lower().endswith(".zip"):
                try:
                    members, notes = report_members(data)
                except limits.FileRefused as exc:
                    members, notes, status = [], [exc.message], 400
            checked = [check_bytes(content, name) for name, content in members]
            verdicts = [_present(v) for v in checked]
            if any(is_refusal(v) for v in checked):
                status = 400
            if not verdicts and not notes:
                notes = ["压缩包里没有可检查的报告。"]
        else:
            status = 400
    by_rule = Counter(f["code"] for v in verdicts for f in v["findings"])
    summary = {
        "files": len(verdicts),
        "unreadable": sum(1 for v in verdicts if v["error"]),
        "clean": sum(1 for v in verdicts if not v["error"] and not v["findings"]),
        "with_errors": sum(1 for v in verdicts if v["errors"]),
        "by_rule": [(code, RULE_NAMES.get(code, code), n) for code, n in by_rule.most_common()],
    }
    context = {"form": form, "verdicts": verdicts, "notes": notes, "summary": summary}
    return render(request, "annual_reports/check_upload.html", context, status=status)
