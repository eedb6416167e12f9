"""Template filters for accessible public pages (docs/accessibility.md)."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_TABLE = re.compile(r"(<table\b.*?</table>)", re.S)


@register.filter
def scrollable_tables(html: SafeString) -> SafeString:
    """Wrap each table of our own trusted HTML (a published report snapshot) in a box that scrolls
    sideways on a phone and can be reached and scrolled with the keyboard (WCAG 2.1.1): a named
    region with tabindex 0. Nothing else changes, so a frozen snapshot stays what was published."""
    count = 0

    def wrap(match):
        nonlocal count
        count += 1
        return (
            f'<div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="第{count}张表格（可左右滑动查看）">{match.group(1)}</div>'
        )

    return mark_safe(_TABLE.sub(wrap, str(html)))
