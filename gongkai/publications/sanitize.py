"""The one allow-list for rich text written by staff (nh3). Every service that stores a body calls
`clean_body`; the editor's own sanitising is only a convenience."""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "img", "figure",
    "figcaption",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# Images only from our own attachments (no hot-linking of other sites' images, no data: URLs).
ATTACHMENT_PREFIX = "/publications/attachments/"


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        parts = urlsplit(value.strip())
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        if not parts.scheme and parts.netloc:  # //host/... : protocol-relative
            return None
        return value.strip()
    if tag == "img" and attr == "src":
        return value if value.startswith(ATTACHMENT_PREFIX) and "//" not in value else None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes={"http", "https"},
    attribute_filter=_attribute_filter,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_body(html: str) -> str:
    """Sanitised HTML; an editor's lone empty paragraph becomes ""."""
    cleaned = _CLEANER.clean(html or "").strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned
