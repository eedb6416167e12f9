"""复制为公众号文章: an item as clean, inline-styled HTML that a WeChat official-account editor keeps
when pasted (it drops <style>, classes and relative links). Images get absolute URLs and keep their alt
text. Input is the item's body: plain text (paragraphs by blank lines) or HTML from the rich editor,
which is sanitised again with nh3 here, whatever the editor did."""

from __future__ import annotations

import nh3
from django.utils.html import escape, linebreaks
from lxml import html as lxml_html

FONT = "font-size:16px;line-height:1.75;color:#333;"
STYLES = {
    "section": "margin:0;padding:0;",
    "h1": "font-size:22px;font-weight:bold;line-height:1.4;margin:0 0 12px;color:#222;text-align:center;",
    "h2": "font-size:18px;font-weight:bold;margin:24px 0 8px;padding-left:8px;border-left:4px solid #a4161a;color:#222;",
    "h3": "font-size:17px;font-weight:bold;margin:20px 0 8px;color:#222;",
    "h4": "font-size:16px;font-weight:bold;margin:16px 0 8px;color:#222;",
    "p": f"{FONT}margin:0 0 16px;text-align:justify;",
    "li": f"{FONT}margin:0 0 6px;",
    "ul": "margin:0 0 16px;padding-left:24px;",
    "ol": "margin:0 0 16px;padding-left:24px;",
    "img": "display:block;max-width:100%;height:auto;margin:12px auto;",
    "figcaption": "font-size:14px;color:#595959;text-align:center;margin:0 0 16px;",
    "table": "border-collapse:collapse;width:100%;margin:0 0 16px;font-size:14px;",
    "th": "border:1px solid #ccc;padding:6px;background:#f5f5f5;",
    "td": "border:1px solid #ccc;padding:6px;",
    "blockquote": "margin:0 0 16px;padding:8px 12px;border-left:3px solid #ddd;color:#666;",
    "a": "color:#576b95;text-decoration:none;",
    "strong": "font-weight:bold;",
}
ALLOWED = set(STYLES) - {"section", "h1"} | {
    "em",
    "br",
    "figure",
    "thead",
    "tbody",
    "tr",
    "caption",
}
ATTRIBUTES = {
    "img": {"src", "alt"},
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def _body_html(body: str) -> str:
    if "<" in body and ">" in body:
        return nh3.clean(body, tags=ALLOWED, attributes=ATTRIBUTES, url_schemes={"http", "https"})
    return linebreaks(body, autoescape=True)


def wechat_article(*, title: str, meta: str, body: str, source_url: str, absolute) -> str:
    """The whole article as one <section>; `absolute(url)` makes a link or image address absolute."""
    fragment = (
        f"<section><h1>{escape(title)}</h1>"
        f'<p class="meta">{escape(meta)}</p>'
        f"{_body_html(body)}"
        f'<p class="source">原文链接：<a href="{escape(source_url)}">{escape(source_url)}</a></p>'
        "</section>"
    )
    root = lxml_html.fragment_fromstring(fragment)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        cls = element.attrib.pop("class", "")
        style = STYLES.get(element.tag, "")
        if cls in ("meta", "source"):
            style = (
                "font-size:14px;color:#595959;margin:0 0 16px;text-align:center;"
                if cls == "meta"
                else "font-size:13px;color:#595959;margin:24px 0 0;word-break:break-all;"
            )
        if style:
            element.attrib["style"] = style
        for attr in ("src", "href"):
            if element.get(attr):
                element.attrib[attr] = absolute(element.get(attr))
    return lxml_html.tostring(root, encoding="unicode")
