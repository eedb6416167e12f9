"""THE outcome vocabulary of a concluded request, in one place.

Row codes and verbatim labels come from `gongkai.reportformat.formats` (the statutory Table 3 as data);
this module adds what the request workflow needs per outcome: the ledger label (`组-标签`), the reply type
under Art. 36 (or 30/35/37/38/39 and the fee measures), the legal basis cited in the reply letter and
the letter template kind. Pure Python; no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.reportformat.formats import T3_GROUPS, TABLE3_ROWS_2021

_OUTCOME_ROWS = [r for r in TABLE3_ROWS_2021 if r.outcome]
OUTCOME_CODES: tuple[str, ...] = tuple(r.code for r in _OUTCOME_ROWS)
T3_ROW_CODES: tuple[str, ...] = tuple(r.code for r in TABLE3_ROWS_2021)
T3_LABELS: dict[str, str] = {r.code: r.label for r in TABLE3_ROWS_2021}
T3_GROUP_OF: dict[str, str] = {r.code: r.group for r in TABLE3_ROWS_2021}

REMEDIES = (
    "如对本答复不服，可在收到本告知书之日起60日内依法申请行政复议，或者在6个月内依法提起行政诉讼。"
)
REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


def _strip_number(text: str) -> str:
    """'（三）不予公开' → '不予公开'; '1.属于国家秘密' → '属于国家秘密'; drops the partial-row note."""
    text = re.sub(r"^（[一二三四五六七八九十]+）", "", text)
    text = re.sub(r"^\d+\.", "", text)
    return re.sub(r"（区分处理的.*）$", "", text)


def ledger_label(code: str) -> str:
    """The `组-标签` form used in ledgers (spec ledgers.md §1), e.g. '不予公开-属于国家秘密'."""
    group = T3_GROUP_OF[code]
    label = _strip_number(T3_LABELS[code])
    return f"{_strip_number(group)}-{label}" if group else label


def outcome_label(code: str) -> str:
    """A short human label, e.g. '不予公开-保护第三方合法权益'."""
    return ledger_label(code)


@dataclass(frozen=True)
class OutcomeRule:
    code: str
    reply_type: str  # the kind of reply the law prescribes
    basis: str  # legal basis cited in the letter
    letter: str  # letter template kind (see letters.DEFAULT_TEMPLATES)


_R = REGULATION
OUTCOME_RULES: dict[str, OutcomeRule] = {
    r.code: r
    for r in (
        OutcomeRule(
            "granted",
            "予以公开（提供信息或告知获取方式、途径）",
            f"{_R}第三十六条第（一）项、第（二）项",
            "reply_granted",
        ),
        OutcomeRule(
            "partial",
            "部分公开（区分处理）",
            f"{_R}第三十七条、第三十六条第（三）项",
            "reply_partial",
        ),
        OutcomeRule(
            "withheld_state_secret",
            "不予公开并说明理由",
            f"{_R}第十四条、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_prohibited_by_law",
            "不予公开并说明理由",
            f"{_R}第十四条、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_three_safety",
            "不予公开并说明理由",
            f"{_R}第十四条、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_third_party",
            "不予公开并说明理由",
            f"{_R}第十五条、第三十二条、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_internal_affairs",
            "不予公开并说明理由",
            f"{_R}第十六条第一款、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_process_info",
            "不予公开并说明理由",
            f"{_R}第十六条第二款、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_enforcement_file",
            "不予公开并说明理由",
            f"{_R}第十六条第二款、第三十六条第（三）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "withheld_query_matter",
            "告知依照有关法律、行政法规的规定办理",
            f"{_R}第三十六条第（七）项",
            "reply_withheld",
        ),
        OutcomeRule(
            "unable_not_held",
            "告知政府信息不存在或不属于本机关负责公开",
            f"{_R}第三十六条第（四）项、第（五）项",
            "reply_unable",
        ),
        OutcomeRule(
            "unable_needs_creation",
            "告知不予提供（需要另行制作或加工、分析）",
            f"{_R}第三十八条",
            "reply_unable",
        ),
        OutcomeRule(
            "unable_unclear",
            "告知补正后申请内容仍不明确",
            f"{_R}第三十条",
            "reply_unable",
        ),
        OutcomeRule(
            "rejected_petition",
            "告知不作为政府信息公开申请处理，可通过相应渠道提出",
            f"{_R}第三十九条第一款",
            "reply_rejected",
        ),
        OutcomeRule(
            "rejected_duplicate",
            "告知不予重复处理",
            f"{_R}第三十六条第（六）项",
            "reply_rejected",
        ),
        OutcomeRule(
            "rejected_publication",
            "告知获取公开出版物的途径",
            f"{_R}第三十九条第二款",
            "reply_rejected",
        ),
        OutcomeRule(
            "rejected_excessive",
            "告知不予处理（申请理由不合理）",
            f"{_R}第三十五条",
            "reply_rejected",
        ),
        OutcomeRule(
            "rejected_confirmation",
            "告知不予处理（要求确认或重新出具已获取信息）",
            f"{_R}第三十六条第（六）项、第三十八条",
            "reply_rejected",
        ),
        OutcomeRule(
            "other_no_correction",
            "视为放弃申请，不再处理",
            f"{_R}第三十条",
            "reply_other",
        ),
        OutcomeRule(
            "other_no_fee",
            "视为放弃申请，不再处理",
            FEE_MEASURES,
            "reply_other",
        ),
        OutcomeRule(
            "other_other",
            "其他处理（如申请人撤回申请）",
            _R,
            "reply_other",
        ),
    )
}

assert set(OUTCOME_RULES) == set(OUTCOME_CODES), "every Table 3 outcome row needs a rule"

# Ledger parsing: the row code, the `组-标签` form, and the bare label where it is unambiguous.
_bare: dict[str, list[str]] = {}
for _code in OUTCOME_CODES:
    _bare.setdefault(_strip_number(T3_LABELS[_code]), []).append(_code)
LEDGER_OUTCOMES: dict[str, str] = {
    **{k: v[0] for k, v in _bare.items() if len(v) == 1},
    **{ledger_label(c): c for c in OUTCOME_CODES},
    **{c: c for c in OUTCOME_CODES},
}


def parse_outcome(text: str) -> str | None:
    text = (text or "").strip().replace("—", "-").replace("－", "-")
    return LEDGER_OUTCOMES.get(text)


OUTCOME_GROUPS = T3_GROUPS
