"""The 考核 (assessment): indicators per agency for a period, weighted by the county's weights.

An indicator turns figures into a score from 0 to 100, or None (无数据) when the records cannot
say — e.g. self-inspection before that module exists, or an agency that answered no request.
Indicators without data are left out and the other weights rescaled, so a missing source never
counts as full marks. A unit's own figures (items submitted to its office) are one more entry in
INDICATORS, fed by the "submitted" source (`sources.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from gongkai.core.models import Agency

from . import figures, sources
from .models import DEFAULT_WEIGHTS, AssessmentWeights
from .periods import Period


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str  # how the figure reads: "件" (a count) or "率" (numerator/denominator)


INDICATORS = (
    Indicator("published", "主动公开信息数", "件"),
    Indicator("submitted", "站所报送信息数", "件"),
    Indicator("timely", "按时公开率（成文后20个工作日内）", "率"),
    Indicator("requests", "依申请按期答复率", "率"),
    Indicator("report", "年度报告按时发布、无差错", "报告"),
    Indicator("inspection", "自查问题按期整改率", "率"),
    Indicator("catalogue", "目录栏目完整度", "率"),
)


@dataclass
class Value:
    numerator: int | None = None
    denominator: int | None = None
    score: float | None = None
    text: str = "无数据"


@dataclass
class AgencyAssessment:
    agency: Agency
    values: dict[str, Value] = field(default_factory=dict)
    total: float | None = None

    @property
    def total_text(self) -> str:
        return "无数据" if self.total is None else f"{self.total:.1f}"


def weights_for(county: Agency) -> dict[str, int]:
    row = AssessmentWeights.objects.filter(county=county).first()
    return row.as_dict() if row else dict(DEFAULT_WEIGHTS)


def target_for(county: Agency) -> int:
    row = AssessmentWeights.objects.filter(county=county).first()
    return row.published_target if row else 120


def _rate(pair) -> Value:
    if not pair or not pair[1]:
        return Value()
    ok, n = pair
    return Value(ok, n, 100.0 * ok / n, f"{ok}/{n}（{100.0 * ok / n:.1f}%）")


def _count(pair, target: float) -> Value:
    n = pair[0] if pair else 0
    return Value(n, None, min(100.0, 100.0 * n / target) if target else 100.0, f"{n} 件")


def assess(county: Agency, agencies: list[Agency], period: Period) -> list[AgencyAssessment]:
    """One row per agency: every indicator's figure and score, and the weighted total."""
    with figures.memo():
        return _assess(county, agencies, period)


def _assess(county: Agency, agencies: list[Agency], period: Period) -> list[AgencyAssessment]:
    ids = [a.pk for a in agencies]
    weights = weights_for(county)
    target = target_for(county) * period.fraction
    published = figures.published_count(ids, period)
    submitted = sources.read("submitted", ids, period)
    timely = figures.timely_count(ids, period)
    requests = figures.requests_on_time(ids, period)
    reports = figures.report_states(agencies, period.year - 1)
    inspection = sources.read("inspection", ids, period)
    catalogue = figures.column_coverage(ids, period)
    as_of = min(period.end, timezone.localdate())
    rows = []
    for agency in agencies:
        a = agency.pk
        state = reports[a]
        report_score = state.score(as_of)
        values = {
            "published": _count(published.get(a), target),
            "submitted": (
                Value() if submitted is None or a not in submitted else _count(submitted[a], target)
            ),
            "timely": _rate(timely.get(a)),
            "requests": _rate(requests.get(a)),
            "report": Value(
                None,
                None,
                report_score,
                state.label
                if report_score is not None or not state.applicable
                else "无数据（未到发布期限）",
            ),
            "inspection": Value() if inspection is None else _rate(inspection.get(a)),
            "catalogue": _rate(catalogue.get(a)),
        }
        row = AgencyAssessment(agency=agency, values=values)
        weighed = [(weights[k], v.score) for k, v in values.items() if v.score is not None]
        total_weight = sum(w for w, _ in weighed)
        if total_weight:
            row.total = sum(w * s for w, s in weighed) / total_weight
        rows.append(row)
    return rows


def assessment_table(rows: list[AgencyAssessment], period: Period) -> dict:
    """The JSON shape (also what the XLSX holds)."""
    return {
        "period": period.label,
        "year": period.year,
        "quarter": period.quarter,
        "indicators": [{"key": i.key, "label": i.label} for i in INDICATORS],
        "agencies": [
            {
                "agency": r.agency.name,
                "total": None if r.total is None else round(r.total, 1),
                "indicators": {
                    k: {
                        "numerator": v.numerator,
                        "denominator": v.denominator,
                        "score": None if v.score is None else round(v.score, 1),
                        "text": v.text,
                    }
                    for k, v in r.values.items()
                },
            }
            for r in rows
        ],
    }
