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
    letter: str  # letter template kind (see letters.KINDS)
    finding: str = ""  # what the office found, as the letter says it ({{称谓}}: 您 / 贵单位)
    decision: str = ""  # what the office decides or tells, as the letter says it


_R = REGULATION
_WITHHELD = "本机关决定不予公开"
OUTCOME_RULES: dict[str, OutcomeRule] = {
    r.code: r
    for r in (
        OutcomeRule(
            "granted",
            "予以公开（提供信息或告知获取方式、途径）",
            f"{_R}第十三条、第三十六条第（一）项、第（二）项",
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
            "属于依法确定为国家秘密的政府信息",
            _WITHHELD,
        ),
        OutcomeRule(
            "withheld_prohibited_by_law",
            "不予公开并说明理由",
            f"{_R}第十四条、第三十六条第（三）项",
            "reply_withheld",
            "属于法律、行政法规禁止公开的政府信息",
            _WITHHELD,
        ),
        OutcomeRule(
            "withheld_three_safety",
            "不予公开并说明理由",
            f"{_R}第十四条、第三十六条第（三）项",
            "reply_withheld",
            "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
            _WITHHELD,
        ),
        OutcomeRule(
            "withheld_third_party",
            "不予公开并说明理由",
            f"{_R}第十五条、第三十二条、第三十六条第（三）项",
            "reply_withheld",
            "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
            _WITHHELD,
        ),
        OutcomeRule(
            "withheld_internal_affairs",
            "不予公开并说明理由",
            f"{_R}第十六条第一款、第三十六条第（三）项",
            "reply_withheld",
            "属于行政机关的内部事务信息",
            _WITHHELD,
        ),
        OutcomeRule(
            "withheld_process_info",
            "不予公开并说明理由",
            f"{_R}第十六条第二款、第三十六条第（三）项",
            "reply_withheld",
            "属于行政机关在履行行政管理职能过程中形成的过程性信息",
            _WITHHELD,
        ),
        OutcomeRule(
            "withheld_enforcement_file",
            "不予公开并说明理由",
            f"{_R}第十六条第二款、第三十六条第（三）项",
            "reply_withheld",
            "属于行政执法案卷信息",
            _WITHHELD,
        ),
        # Not a refusal: the special law governs how such information is obtained.
        OutcomeRule(
            "withheld_query_matter",
            "告知依照有关法律、行政法规的规定办理",
            f"{_R}第三十六条第（七）项",
            "reply_query_matter",
            "属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定",
            "请{{称谓}}依照有关法律、行政法规的规定办理",
        ),
        # 36(四): not found after search. When another agency is responsible, the letter is
        # reply_not_responsible (36(五)), which names that agency and how to contact it.
        OutcomeRule(
            "unable_not_held",
            "告知政府信息不存在（或不属于本机关负责公开并告知负责机关）",
            f"{_R}第三十六条第（四）项",
            "reply_not_held",
            "经检索，本机关没有{{称谓}}申请公开的信息",
            "特此告知{{称谓}}该政府信息不存在",
        ),
        OutcomeRule(
            "unable_needs_creation",
            "告知不予提供（需要另行制作或加工、分析）",
            f"{_R}第三十八条",
            "reply_unable",
            "本机关没有现成的信息，需要对现有政府信息进行加工、分析方能形成",
            "本机关不予提供",
        ),
        OutcomeRule(
            "unable_unclear",
            "告知补正后申请内容仍不明确",
            f"{_R}第三十条",
            "reply_unable",
            "经补正后，申请内容仍不明确，本机关无法确定所需的政府信息",
            "本机关无法提供",
        ),
        OutcomeRule(
            "rejected_petition",
            "告知不作为政府信息公开申请处理，可通过相应渠道提出",
            f"{_R}第三十九条第一款",
            "reply_rejected",
            "系以政府信息公开申请的形式进行信访、投诉、举报等活动",
            "本机关不作为政府信息公开申请处理，{{称谓}}可以通过信访、投诉、举报等相应渠道提出",
        ),
        OutcomeRule(
            "rejected_duplicate",
            "告知不予重复处理",
            f"{_R}第三十六条第（六）项",
            "reply_rejected",
            "本机关已就{{称谓}}提出的相同政府信息公开申请作出答复，本次系重复申请公开相同政府信息",
            "本机关不予重复处理",
        ),
        OutcomeRule(
            "rejected_publication",
            "告知获取公开出版物的途径",
            f"{_R}第三十九条第二款",
            "reply_rejected",
            "系要求提供政府公报、报刊、书籍等公开出版物",
            "本机关不作为政府信息公开申请处理，{{称谓}}可以通过公开发行渠道获取",
        ),
        OutcomeRule(
            "rejected_excessive",
            "告知不予处理（申请理由不合理）",
            f"{_R}第三十五条",
            "reply_rejected",
            "申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理",
            "本机关不予处理",
        ),
        # Confirmation or re-issue of information already obtained is not a request for existing
        # government information (Art. 2) and would require making new information (Art. 38);
        # it deliberately does NOT share the duplicate-request basis (36(六)).
        OutcomeRule(
            "rejected_confirmation",
            "告知不予处理（要求确认或重新出具已获取信息）",
            f"{_R}第二条、第三十八条",
            "reply_rejected",
            "系要求本机关确认或者重新出具{{称谓}}已经获取的信息，不属于申请获取本机关已制作或者获取的政府信息",
            "本机关不予处理",
        ),
        OutcomeRule(
            "other_no_correction",
            "视为放弃申请，不再处理",
            f"{_R}第三十条",
            "reply_other",
            "{{称谓}}无正当理由逾期未补正",
            "视为放弃申请，本机关不再处理该政府信息公开申请",
        ),
        OutcomeRule(
            "other_no_fee",
            "视为放弃申请，不再处理",
            f"{_R}第四十二条和{FEE_MEASURES}",
            "reply_other",
            "{{称谓}}逾期未按收费通知要求缴纳信息处理费",
            "视为放弃申请，本机关不再处理该政府信息公开申请",
        ),
        # Withdrawal: the application is the applicant's own (Art. 27); once withdrawn, the office
        # ends the handling.
        OutcomeRule(
            "other_other",
            "其他处理（如申请人撤回申请）",
            f"{_R}第二十七条",
            "reply_other",
            "{{称谓}}已撤回该政府信息公开申请",
            "本机关终止办理该申请",
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
