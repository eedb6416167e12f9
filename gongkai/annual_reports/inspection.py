"""年报体检 on the web: a disclosure office uploads one published report, or a zip of many, and gets
the same verdicts as `gongkai check`. Uploads are read in memory and never stored. Every file and every
zip (inner zips too) passes reportformat/limits.py first; a refused or broken file answers HTTP 400."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from gongkai.core.ratelimit import rate_limited
from gongkai.reportformat import limits
from gongkai.reportformat.archive import report_members
from gongkai.reportformat.checkcli import check_bytes, is_refusal
from gongkai.reportformat.findings import RULE_NAMES, group, plain, verdict
from gongkai.reportformat.parse import SUFFIXES
from gongkai.reportformat.render_html import table2_html, table3_html, table4_html, table_marks

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


_PATH_NAMES = {"text": "文字层", "geometry": "版面位置", "cells": "表格单元格"}


def _group(g) -> dict:
    """A group of findings as the text output prints it: title, summary, places, values, fix."""
    values = list(
        dict.fromkeys(
            (plain(f.expected) or "—", plain(f.found) or "—")
            for f in g.items
            if f.expected is not None or f.found is not None
        )
    )
    return {
        "code": g.code,
        "severity": g.severity,
        "title": g.title,
        "summary": g.summary,
        "places": g.places,
        "values": values,
        "fix": g.fix,
    }


def _tables(result, findings) -> list[tuple[str, str]]:
    """Tables 2–4 as read, drawn with the statutory labels and the faulty cells marked
    (the HTML comes from reportformat's renderer, which escapes every text)."""
    m = result.model
    drawn = []
    for n, name, draw in (
        (2, "表二 主动公开政府信息情况", table2_html),
        (3, "表三 收到和处理政府信息公开申请情况", table3_html),
        (4, "表四 政府信息公开行政复议、行政诉讼情况", table4_html),
    ):
        how = _PATH_NAMES.get(result.table_paths.get(f"table{n}", ""), "")
        caption = f"{name}（按{how}读取）" if how and result.source_kind == "pdf" else name
        drawn.append((caption, mark_safe(draw(m, table_marks(findings, n)))))
    return drawn


def _present(checked: dict) -> dict:
    findings = checked["findings"]
    result = checked.get("result")
    groups = [_group(g) for g in group(findings)]
    errors = sum(1 for f in findings if f.is_error)
    return {
        "file": checked["file"],
        "error": checked.get("error"),
        "agency": result.model.agency if result else None,
        "year": result.model.year if result else None,
        "format": result.model.format if result else None,
        "codes": [f.code for f in findings],
        "group_lists": [
            ("错误（按重要程度排列）", [g for g in groups if g["severity"] == "error"]),
            ("警告", [g for g in groups if g["severity"] != "error"]),
        ],
        "tables": _tables(result, findings) if result else [],
        "verdict": verdict(findings, result.model.agency, result.model.year) if result else None,
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
    by_rule = Counter(code for v in verdicts for code in v["codes"])
    summary = {
        "files": len(verdicts),
        "unreadable": sum(1 for v in verdicts if v["error"]),
        "clean": sum(1 for v in verdicts if not v["error"] and not v["errors"]),
        "with_errors": sum(1 for v in verdicts if v["errors"]),
        "by_rule": [(code, RULE_NAMES.get(code, code), n) for code, n in by_rule.most_common()],
    }
    context = {"form": form, "verdicts": verdicts, "notes": notes, "summary": summary}
    return render(request, "annual_reports/check_upload.html", context, status=status)
