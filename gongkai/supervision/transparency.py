"""政府透明度指数 per agency per year, from the same records, after the indicator structure the
third-party assessors publish (决策公开, 管理服务公开, 执法公开, 依申请公开, 年报).
docs/transparency-index.md explains every indicator and its source data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.models import Agency
from gongkai.publications.models import CatalogueColumn

from . import figures
from .periods import Period

# Catalogue columns are named by each office; a column belongs to an area when its name holds one
# of these words (docs/transparency-index.md lists them).
AREA_WORDS = {
    "decision": ("政策", "文件", "决策", "规划", "计划", "解读", "意见征集", "会议"),
    "service": ("服务", "办事", "许可", "财政", "预算", "决算", "资金", "民生", "乡村振兴", "公示"),
    "enforcement": ("执法", "处罚", "强制", "监管", "检查", "双随机"),
}
WEIGHTS = {"decision": 25, "service": 25, "enforcement": 20, "requests": 20, "report": 10}
LABELS = {
    "decision": "决策公开",
    "service": "管理服务公开",
    "enforcement": "执法公开",
    "requests": "依申请公开",
    "report": "年报",
}


@dataclass
class Dimension:
    key: str
    points: float | None  # None: 无数据
    max_points: int
    reasons: list[str] = field(default_factory=list)


@dataclass
class AgencyIndex:
    agency: Agency
    dimensions: list[Dimension]

    @property
    def total(self) -> float | None:
        scored = [d for d in self.dimensions if d.points is not None]
        if not scored:
            return None
        return 100.0 * sum(d.points for d in scored) / sum(d.max_points for d in scored)


def _area_counts(agency_ids, period) -> dict[tuple[int, str], int]:
    """Items per agency and area, from the period's per-栏目 figures and the 栏目 names."""
    rows = figures.publication_columns(agency_ids, period)
    names = CatalogueColumn.objects.filter(agency_id__in=agency_ids).values_list("id", "name")
    areas = {
        pk: [area for area, words in AREA_WORDS.items() if any(w in name for w in words)]
        for pk, name in names
    }
    out: dict[tuple[int, str], int] = {}
    for r in rows:
        for area in areas.get(r.column_id, ()):
            key = (r.agency_id, area)
            out[key] = out.get(key, 0) + r.published
    return out


def _publishing_dimension(key, n, timely, max_points) -> Dimension:
    """Half the points for publishing in the area at all (≥ 1 item in the year), half scaled by
    the agency's on-time rate."""
    reasons = []
    points = 0.0
    if n:
        points += max_points / 2
    else:
        reasons.append(f"全年没有归入{LABELS[key]}栏目的信息（得 0 / {max_points / 2:g} 分）")
    if timely and timely[1]:
        share = timely[0] / timely[1]
        points += max_points / 2 * share
        if share < 1:
            reasons.append(
                f"按时公开率 {timely[0]}/{timely[1]}，扣 {max_points / 2 * (1 - share):.1f} 分"
            )
    else:
        reasons.append("没有可核对成文日期的信息，按时性一项无法得分")
    return Dimension(key, round(points, 1), max_points, reasons)


def transparency_index(agencies: list[Agency], year: int) -> list[AgencyIndex]:
    with figures.memo():
        return _transparency_index(agencies, year)


def _transparency_index(agencies: list[Agency], year: int) -> list[AgencyIndex]:
    period = Period(year)
    ids = [a.pk for a in agencies]
    areas = _area_counts(ids, period)
    timely = figures.timely_count(ids, period)
    requests = figures.requests_on_time(ids, period)
    reports = figures.report_states(agencies, year - 1)
    out = []
    for agency in agencies:
        a = agency.pk
        dims = [
            _publishing_dimension(k, areas.get((a, k), 0), timely.get(a), WEIGHTS[k])
            for k in ("decision", "service", "enforcement")
        ]
        req = requests.get(a)
        if req and req[1]:
            lost = WEIGHTS["requests"] * (1 - req[0] / req[1])
            dims.append(
                Dimension(
                    "requests",
                    round(WEIGHTS["requests"] - lost, 1),
                    WEIGHTS["requests"],
                    [f"按期答复 {req[0]}/{req[1]}，扣 {lost:.1f} 分"] if lost else [],
                )
            )
        else:
            dims.append(Dimension("requests", None, WEIGHTS["requests"], ["全年没有答复的申请"]))
        state = reports[a]
        reasons, points = [], 0.0
        if not state.applicable:
            points = None
            reasons.append("不适用：站所不单独编制年度报告，通过所属机关报送（条例第十条第二款）")
        elif not state.exists or not state.published:
            reasons.append(f"{year - 1}年度报告{state.label}（得 0 分）")
        else:
            points = WEIGHTS["report"]
            if state.late:
                points -= 4
                reasons.append("年度报告逾期发布，扣 4 分")
            if state.errors:
                points -= 4
                reasons.append(f"年度报告检查发现错误 {state.errors} 处，扣 4 分")
        dims.append(Dimension("report", points, WEIGHTS["report"], reasons))
        out.append(AgencyIndex(agency, dims))
    return out


def index_table(rows: list[AgencyIndex], year: int) -> dict:
    return {
        "year": year,
        "dimensions": [{"key": k, "label": LABELS[k], "max": WEIGHTS[k]} for k in WEIGHTS],
        "agencies": [
            {
                "agency": r.agency.name,
                "total": None if r.total is None else round(r.total, 1),
                "dimensions": {
                    d.key: {"points": d.points, "max": d.max_points, "reasons": d.reasons}
                    for d in r.dimensions
                },
            }
            for r in rows
        ],
    }
