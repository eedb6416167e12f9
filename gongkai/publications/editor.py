"""The staff rich-text editor (django-prose-editor; its JavaScript is bundled and served from our own
static files). The toolbar offers what `sanitize.py` keeps; the services sanitise whatever arrives."""

from __future__ import annotations

import base64
import hashlib
import re

from django_prose_editor.widgets import ProseEditorWidget

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"protocols": ["http", "https"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
}


def body_widget() -> ProseEditorWidget:
    return ProseEditorWidget(config={"extensions": EXTENSIONS}, preset="configurable")


_INLINE = re.compile(r'<script type="importmap">(.*?)</script>', re.S)


def allow_importmap(response, media) -> None:
    """Our CSP forbids inline scripts; the editor's import map is inline, so its hash is allowed on
    this one response (django-csp's per-response update)."""
    found = _INLINE.search(str(media))
    if not found:
        return
    digest = base64.b64encode(hashlib.sha256(found.group(1).encode()).digest()).decode()
    response._csp_update = {"script-src": [f"'sha256-{digest}'"]}
