"""Thin adapter over reportformat's renderers (text, HTML, DOCX, PDF, JSON). No rendering logic lives here
beyond choosing the renderer and the page around it."""

from __future__ import annotations

import html
import importlib
import json

from gongkai.reportformat.model import AnnualReport as ReportModel
from gongkai.reportformat.model import to_dict
from gongkai.reportformat.render_text import render_text as _render_text


def _find(module: str, name: str):
    try:
        return getattr(importlib.import_module(f"gongkai.reportformat.{module}"), name)
    except (ImportError, AttributeError):
        return None


def render_text(model: ReportModel) -> str:
    return _render_text(model)


def render_json(model: ReportModel) -> str:
    return json.dumps(to_dict(model), ensure_ascii=False, indent=2) + "\n"


def render_html_fragment(model: ReportModel) -> str:
    fn = _find("render_html", "render_html_fragment")
    if fn is not None:
        return fn(model)
    # reportformat has no HTML renderer yet: show the seed-layout text, escaped.
    return f'<pre class="report-text">{html.escape(render_text(model))}</pre>'


def render_html_document(model: ReportModel) -> str:
    fn = _find("render_html", "render_html_document")
    if fn is not None:
        return fn(model)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(model.title)}</title></head><body>"
        f"{render_html_fragment(model)}</body></html>"
    )


def render_docx(model: ReportModel) -> bytes:
    fn = _find("render_docx", "render_docx")
    if fn is None:
        from gongkai.core.errors import UserError

        raise UserError("DOCX 输出尚不可用（reportformat.render_docx 未安装）。")
    return fn(model)


def render_pdf(model: ReportModel) -> bytes:
    fn = _find("render_pdf", "render_pdf")
    if fn is None:
        from gongkai.core.errors import UserError

        raise UserError("PDF 输出尚不可用（reportformat.render_pdf 未安装）。")
    return fn(model)


FORMATS = {
    "txt": ("text/plain; charset=utf-8", render_text),
    "json": ("application/json; charset=utf-8", render_json),
    "html": ("text/html; charset=utf-8", render_html_document),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "pdf": ("application/pdf", render_pdf),
}


def render(model: ReportModel, fmt: str) -> str | bytes:
    return FORMATS[fmt][1](model)
