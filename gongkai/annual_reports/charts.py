"""Server-side SVG charts for the 图解 page. Each chart is accessible: role="img", an aria-label that
states the numbers, and the same numbers as a <table> for screen readers and print."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from gongkai.reportformat import formats as F

PALETTE = ("#1f5f99", "#c0392b", "#2e8b57", "#b8860b", "#6a5acd", "#708090", "#008b8b")


@dataclass
class Chart:
    id: str
    title: str
    svg: SafeString
    table: SafeString


def _label_text(items: list[tuple[str, float]], unit: str) -> str:
    return "；".join(f"{label} {value:g}{unit}" for label, value in items)


def _table(title: str, items: list[tuple[str, float]], header: tuple[str, str]) -> SafeString:
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{value:g}</td></tr>' for label, value in items
    )
    return mark_safe(
        f'<table class="chart-data"><caption>{escape(title)}（数据表）</caption>'
        f'<thead><tr><th scope="col">{escape(header[0])}</th><th scope="col">{escape(header[1])}'
        f"</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def bar_chart(
    chart_id: str,
    title: str,
    items: list[tuple[str, float]],
    *,
    unit: str = "件",
    header: tuple[str, str] = ("项目", "数量"),
) -> Chart:
    """Horizontal bars, one per item, labelled with their values."""
    bar_h, gap, label_w, width = 26, 10, 190, 640
    height = max(1, len(items)) * (bar_h + gap) + 20
    peak = max((v for _, v in items), default=0) or 1
    parts = []
    for i, (label, value) in enumerate(items):
        y = 10 + i * (bar_h + gap)
        w = (width - label_w - 70) * value / peak
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.0f}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.7:.0f}">{value:g}</text>'
        )
    if not items:
        parts.append(f'<text x="10" y="24">{escape("无数据")}</text>')
    aria = f"{title}：{_label_text(items, unit) or '无数据'}"
    svg = (
        f'<svg id="{chart_id}" role="img" aria-label="{escape(aria)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" font-size="14" '
        f'font-family="Noto Sans CJK SC, sans-serif"><title>{escape(aria)}</title>{"".join(parts)}'
        "</svg>"
    )
    return Chart(chart_id, title, mark_safe(svg), _table(title, items, header))


def applicant_items(model_dict: dict) -> list[tuple[str, float]]:
    new = (model_dict.get("table3") or {}).get("new") or {}
    return [(label, new.get(code) or 0) for code, label in F.T3_COLUMNS[:6]]


OUTCOME_GROUPS = (
    ("予以公开", "granted"),
    ("部分公开", "partial"),
    ("不予公开", "withheld"),
    ("无法提供", "unable"),
    ("不予处理", "rejected"),
    ("其他处理", "other"),
)


def outcome_items(model_dict: dict) -> list[tuple[str, float]]:
    t3 = model_dict.get("table3") or {}
    out = []
    for label, group in OUTCOME_GROUPS:
        rows = F.T3_GROUPS[group] + (("other",) if group == "other" else ())
        out.append((label, sum((t3.get(r) or {}).get("total") or 0 for r in rows)))
    return out


def charts_for(snapshot_model: dict, figures: dict, history: list[tuple[int, dict, dict]]):
    """The 图解 charts: applications by applicant type and by outcome, proactive items by column,
    and year-on-year where earlier published years exist (`history`: (year, model, figures))."""
    charts = [
        bar_chart(
            "chart-applicants",
            "本年新收政府信息公开申请（按申请人类型）",
            applicant_items(snapshot_model),
            header=("申请人类型", "件数"),
        ),
        bar_chart(
            "chart-outcomes",
            "本年度办理结果",
            outcome_items(snapshot_model),
            header=("办理结果", "件数"),
        ),
        bar_chart(
            "chart-columns",
            "主动公开政府信息（按栏目）",
            [(n, c) for n, c in figures.get("proactive_by_column", [])],
            unit="条",
            header=("栏目", "条数"),
        ),
    ]
    if len(history) > 1:
        charts.append(
            bar_chart(
                "chart-years-proactive",
                "主动公开信息条数（历年）",
                [(f"{y}年", f.get("proactive_total", 0)) for y, _, f in history],
                unit="条",
                header=("年度", "条数"),
            )
        )
        charts.append(
            bar_chart(
                "chart-years-requests",
                "新收政府信息公开申请（历年）",
                [
                    (f"{y}年", ((m.get("table3") or {}).get("new") or {}).get("total") or 0)
                    for y, m, _ in history
                ],
                header=("年度", "件数"),
            )
        )
    return charts
