"""A consistent report with varied numbers, for tests, benchmarks and demo data."""

from __future__ import annotations

import random
from decimal import Decimal

from . import formats as F
from .model import AnnualReport, empty_model
from .narrative import (
    draft_appeals,
    draft_section_one_proactive,
    draft_section_one_requests,
    draft_section_six_fees,
)


def sample_model(
    seed: int = 0, *, year: int = 2025, agency: str = "朱阳关镇人民政府"
) -> AnnualReport:
    """Every rule of ``rules.check`` passes on the result (balanced tables, matching narrative)."""
    rng = random.Random(seed)
    m = empty_model(year, agency)
    t2 = m.table2
    t2["normative"] = {
        "issued": rng.randint(0, 9),
        "abolished": rng.randint(0, 3),
        "in_force": rng.randint(10, 60),
    }
    t2["licensing"] = rng.randint(0, 500)
    t2["penalty"] = rng.randint(0, 80)
    t2["coercion"] = rng.randint(0, 5)
    t2["fees_10k_yuan"] = Decimal(rng.randint(0, 99999)) / 1000

    for col in F.T3_APPLICANT_COLUMNS:
        weight = 6 if col == "natural_person" else 1
        outcomes = {
            r: rng.randint(0, weight * 2) if rng.random() < 0.6 else 0 for r in F.outcome_codes()
        }
        carried_over = rng.randint(0, weight)
        carried_forward = rng.randint(0, weight)
        done = sum(outcomes.values())
        new = max(done + carried_forward - carried_over, 0)
        carried_forward = new + carried_over - done
        for r, v in outcomes.items():
            m.table3[r][col] = v
        m.table3["new"][col] = new
        m.table3["carried_over"][col] = carried_over
        m.table3["total"][col] = done
        m.table3["carried_forward"][col] = carried_forward
    for cols in m.table3.values():
        cols["total"] = sum(cols[c] for c in F.T3_APPLICANT_COLUMNS)
    for b in F.T4_BLOCK_CODES:
        vals = [rng.randint(0, 3) if rng.random() < 0.4 else 0 for _ in range(4)]
        m.table4[b] = dict(zip(F.T4_COLUMN_CODES, [*vals, sum(vals)], strict=True))

    kinds = [
        ("通知公告", rng.randint(1, 20)),
        ("乡村振兴信息", rng.randint(0, 15)),
        ("公共服务信息", rng.randint(0, 12)),
        ("组织概况信息", rng.randint(1, 6)),
    ]
    m.fees_yuan = Decimal(rng.choice([0, 0, 0, 30, 120]))
    m.sections = {
        "一": "\n".join(
            [
                "（一）主动公开情况",
                draft_section_one_proactive(sum(n for _, n in kinds), kinds),
                "（二）依申请公开情况",
                draft_section_one_requests(m),
                "（三）政府信息管理情况",
                "依据《中华人民共和国政府信息公开条例》，进一步完善信息发布审查制度。",
                "（四）政府信息公开平台建设情况",
                "通过县人民政府门户网站“政务公开”栏目公开政府信息。",
                "（五）监督保障机制",
                "将政府信息公开工作纳入年度绩效考核，主动接受社会评议，严格落实责任追究制度。",
                draft_appeals(m),
            ]
        ),
        "二": "",
        "三": "",
        "四": "",
        "五": "（一）存在问题\n公开形式较为单一。\n（二）整改措施\n丰富公开形式，提升信息到达率。",
        "六": "\n".join(
            [
                f"1.{draft_section_six_fees(m.fees_yuan)}",
                f"2.本报告中所列数据的统计时限为{year}年1月1日起至{year}年12月31日止。",
            ]
        ),
    }
    return m
