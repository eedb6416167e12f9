"""PDF rendering: WeasyPrint (imported lazily) over ``render_html_document``. Needs fonts-noto-cjk
and, for speed, libharfbuzz-subset0 (see shared/notes/dependencies.md)."""

from __future__ import annotations

from .model import AnnualReport
from .render_html import render_html_document


def render_pdf(m: AnnualReport) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html_document(m)).write_pdf()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
