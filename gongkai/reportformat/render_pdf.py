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


def warm_up() -> None:
    """Import WeasyPrint and load the CJK fonts once (about a second), so that the first real PDF
    a web worker renders is as fast as the next. Called when a gunicorn worker starts."""
    html_to_pdf(
        '<html lang="zh-CN"><body style="font-family: \'Noto Serif CJK SC\'">政府信息公开'
        "<h1 style=\"font-family: 'Noto Sans CJK SC'\">年度报告</h1></body></html>"
    )
