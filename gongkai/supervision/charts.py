"""Small inline SVG bar charts (no JS): role="img" with a title and description; the page also
shows the same numbers as a table, which screen readers use."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57")
LABEL_CHARS = 7


def short_labels(names: list[str], county: str) -> list[str]:
    """Bar labels that stay apart: without the county's name in front and “人民政府” at the end
    (卢氏县自然资源局 → 自然资源局, 朱阳关镇人民政府 → 朱阳关镇); a longer name keeps its first
    three and last three characters (朱阳关自然资源所 → 朱阳关…资源所), where 局/所/站 tell
    agencies apart. Names that would still collide are shown in full."""

    prefix = county.removesuffix("人民政府")  # 卢氏县人民政府 → 卢氏县

    def short(name: str) -> str:
        text = name
        if name != county and prefix and name.startswith(prefix):
            text = name[len(prefix) :]
        text = text.removesuffix("人民政府") or name
        return text if len(text) <= LABEL_CHARS else f"{text[:3]}…{text[-3:]}"

    labels = [short(n) for n in names]
    return [lab if labels.count(lab) == 1 else n for lab, n in zip(labels, names, strict=True)]


def bars(title: str, labels: list[str], series: list[tuple[str, list[float]]]) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series."""
    width, height, pad = 640, 220, 30
    top = max([v for _, values in series for v in values if v is not None] + [1])
    group = (width - 2 * pad) / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    desc = "；".join(
        f"{name}："
        + "，".join(
            f"{lab} {v if v is not None else '无数据'}"
            for lab, v in zip(labels, values, strict=False)
        )
        for name, values in series
    )
    parts = [
        f'<svg viewBox="0 0 {width} {height + 40}" role="img" aria-labelledby="t-{id(series)} d-{id(series)}" '
        f'class="chart" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="t-{id(series)}">{escape(title)}</title><desc id="d-{id(series)}">{escape(desc)}</desc>',
        f'<line x1="{pad}" y1="{height}" x2="{width - pad}" y2="{height}" stroke="#555"/>',
    ]
    for i, label in enumerate(labels):
        x0 = pad + i * group + group * 0.1
        for j, (_name, values) in enumerate(series):
            v = values[i] or 0
            h = (height - 20) * v / top
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{height - h:.1f}" width="{bar - 1:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[j % 3]}"/>'
            )
        parts.append(
            f'<text x="{x0 + group * 0.4:.1f}" y="{height + 14}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    for j, (name, _values) in enumerate(series):
        parts.append(
            f'<rect x="{pad + j * 140}" y="{height + 24}" width="10" height="10" fill="{COLOURS[j % 3]}"/>'
            f'<text x="{pad + j * 140 + 14}" y="{height + 33}" font-size="12">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
