"""Figures stated in the narrative: extraction, comparison with the tables, and drafting helpers.

Each pattern below is one common way reports state a figure; a figure we cannot read is left alone
(no finding), a figure we can read and that disagrees gives TEXT_TABLE_MISMATCH saying what disagrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from . import formats as F
from .findings import Finding
from .model import AnnualReport

N = r"(\d+(?:,\d{3})*)"
_GAP = r"[^。；;，,\d]{0,16}?"
_PCT = r"(?:\s*[（(，,]?\s*(?:占比|占)?\s*(\d+(?:\.\d+)?)\s*[%％])?"


def _int(s: str) -> int:
    return int(s.replace(",", ""))


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_NUMBER = re.compile(r"([零〇一二两三四五六七八九十百千万]+)(?=\s*(?:件|条|个|份|起|宗|次))")


def chinese_number(s: str) -> int | None:
    """二十一 → 21, 一百零五 → 105, 三千二百 → 3200; None if not a number."""
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return total + section + (digit or 0)


def arabic(text: str) -> str:
    """Chinese numerals before a counter word (件 条 个 …) as digits: 二十一件 → 21件."""

    def sub(mt: re.Match) -> str:
        n = chinese_number(mt.group(1))
        return mt.group(0) if n is None else str(n)

    return _CN_NUMBER.sub(sub, text)


def sentence(text: str, mt: re.Match) -> str:
    """The whole sentence around a match (for quoting in a finding)."""
    start = max(text.rfind(p, 0, mt.start()) for p in "。；;\n") + 1
    ends = [i for i in (text.find(p, mt.end()) for p in "。；;\n") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return re.sub(r"\s+", "", text[start:end])


def _sum(m: AnnualReport, rows: Iterable[str], col: str = "total") -> int | None:
    vals = [m.t3(r, col) for r in rows]
    if not vals or not all(isinstance(v, int) for v in vals):
        return None
    return sum(vals)


def _snippet(text: str, match: re.Match) -> str:
    return sentence(text, match)


def _mismatch(section: str, message: str, expected, found) -> Finding:
    return Finding("TEXT_TABLE_MISMATCH", {"section": section}, message, expected, found)


# -- 主动公开 "共计N条，包括A x条、B y条…" -------------------------------------------------------
_BREAKDOWN = re.compile(
    r"(?:共计|共|合计|总计)?\s*" + N + r"\s*条\s*[，,：:]?\s*(?:包括|其中)\s*[：:，,]?([^。]*)"
)
_ITEM = re.compile(r"^(?:以及|及|和)?(.+?)\s*" + N + r"\s*条(?:等)?$")


def proactive_breakdowns(text: str) -> list[tuple[int, list[tuple[str, int]], re.Match]]:
    """Every "N条，包括/其中 A x条、B y条" statement: (N, [(A, x), …], match)."""
    out = []
    for mt in _BREAKDOWN.finditer(text):
        items = []
        for piece in re.split(r"[、；;，,]", mt.group(2)):
            im = _ITEM.match(piece.strip())
            if not im:
                break
            items.append((im.group(1).strip(), _int(im.group(2))))
        if len(items) >= 2:
            out.append((_int(mt.group(1)), items, mt))
    return out


# -- 依申请 ----------------------------------------------------------------------------------
_RECEIVED = re.compile(r"(?:受理|新收|收到|接收|接到)了?(" + _GAP + r")" + N + r"\s*(?:件|个|份)")
_RECEIVED_ZERO = re.compile(r"(?:受理|收到)[^。；]{0,16}?申请[^。；]{0,8}?为(?:零|0)")
_NOT_RECEIVED = re.compile(r"未(?:收到|受理|接到)([^。；]{0,40}?)申请")
_CONCLUDED = re.compile(r"办结了?(" + _GAP + r")" + N + r"\s*件")
_CARRIED_OVER = re.compile(r"上年(?:度)?结转" + _GAP + N + r"\s*件")
_CARRIED_FORWARD = re.compile(r"结转(?:至|到)?下一?年度?" + _GAP + N + r"\s*件")
_NOT_ABOUT_REQUESTS = ("复议", "诉讼", "建议", "提案", "投诉", "咨询", "来电", "留言", "信访")

_OUTCOMES = (
    (
        "予以公开及部分公开",
        re.compile(r"予以公开[及和与、]部分公开" + _GAP + N + r"\s*件" + _PCT),
        ("granted", "partial"),
    ),
    (
        "予以公开",
        re.compile(r"(?<!不)予以公开(?![及和与、])" + _GAP + N + r"\s*件" + _PCT),
        ("granted",),
    ),
    ("部分公开", re.compile(r"(?<![及和与、])部分公开" + _GAP + N + r"\s*件" + _PCT), ("partial",)),
    ("不予公开", re.compile(r"不予公开" + _GAP + N + r"\s*件" + _PCT), F.T3_GROUPS["withheld"]),
    ("无法提供", re.compile(r"无法提供" + _GAP + N + r"\s*件" + _PCT), F.T3_GROUPS["unable"]),
    ("不予处理", re.compile(r"不予处理" + _GAP + N + r"\s*件" + _PCT), F.T3_GROUPS["rejected"]),
    ("其他处理", re.compile(r"其他处理" + _GAP + N + r"\s*件" + _PCT), F.T3_GROUPS["other"]),
)

# -- 复议诉讼 ---------------------------------------------------------------------------------
_REVIEW = re.compile(r"行政复议\s*" + N + r"\s*(?:件|起|宗|次)")
_SUIT = re.compile(r"行政诉讼\s*" + N + r"\s*(?:件|起|宗|次)")
_NONE_HAPPENED = re.compile(r"未(?:发生|收到|出现|有)([^。；]{0,40})")
_ALL_UPHELD = re.compile(r"(?:均|全部)(?:被|获)?(?:依法)?维持")

# -- 信息处理费 -------------------------------------------------------------------------------
_FEE_AMOUNT = re.compile(r"(?:信息处理费|处理费)[^。；\d]{0,12}?(\d+(?:\.\d+)?)\s*元")
_FEE_NONE = re.compile(
    r"(?:未|不存在|没有|无)[^。；]{0,16}?(?:收取|收费|发出[^。；]{0,16}?收费通知)|未发生收费"
)


def extract_fees_yuan(text: str) -> Decimal | None:
    """信息处理费 stated in a text: the amount in 元, 0 when it says none was charged, else None."""
    m = _FEE_AMOUNT.search(text)
    if m:
        return Decimal(m.group(1))
    if _FEE_NONE.search(text):
        return Decimal(0)
    return None


def _pct_ok(stated: str, count: int, total: int) -> bool:
    if total == 0:
        return False
    decimals = len(stated.split(".")[1]) if "." in stated else 0
    actual = Decimal(count) * 100 / Decimal(total)
    return abs(actual - Decimal(stated)) <= Decimal(5) / (10 ** (decimals + 1)) + Decimal("0.0001")


def check_narrative(m: AnnualReport, previous: AnnualReport | None = None) -> list[Finding]:
    """TEXT_TABLE_MISMATCH findings for every figure in the narrative that disagrees."""
    out: list[Finding] = []
    for key in F.SECTION_KEYS:
        text = arabic(m.sections.get(key) or "")
        if text.strip():
            out.extend(_check_text(m, key, text))
            out.extend(_check_year_on_year(m, previous, key, text))
    return out


_YOY = re.compile(
    r"(申请|受理|收到)[^。；]{0,30}?同比(增长|增加|上升|下降|减少)了?\s*(\d+(?:\.\d+)?)\s*[%％]"
)


def _check_year_on_year(
    m: AnnualReport, previous: AnnualReport | None, key: str, text: str
) -> list[Finding]:
    """ "收到申请…同比增长N%" against this year's and last year's Table 3 new (with --previous)."""
    if previous is None:
        return []
    now, before = m.t3("new"), previous.t3("new")
    if not isinstance(now, int) or not isinstance(before, int) or before == 0:
        return []
    out = []
    for mt in _YOY.finditer(text):
        sign = -1 if mt.group(2) in ("下降", "减少") else 1
        stated = Decimal(mt.group(3)) * sign
        actual = (Decimal(now - before) * 100 / before).quantize(Decimal("0.01"))
        if not _pct_ok(str(abs(stated)), abs(now - before), before) or (now - before) * sign < 0:
            out.append(
                _mismatch(
                    key,
                    f"第{key}部分写道：“{sentence(text, mt)}”，但本年新收申请 {now} 件、"
                    f"上年 {before} 件，同比变化为 {actual}%。",
                    f"{actual}%",
                    f"{stated}%",
                )
            )
    return out


def _check_text(m: AnnualReport, key: str, text: str) -> list[Finding]:
    out: list[Finding] = []
    for total, items, _mt in proactive_breakdowns(text):
        s = sum(n for _, n in items)
        if s != total:
            listed = "、".join(f"{name}{n}条" for name, n in items)
            out.append(
                _mismatch(
                    key,
                    f"第{key}部分称共计{total}条，但其后所列分项（{listed}）合计{s}条。",
                    total,
                    s,
                )
            )

    new, co = m.t3("new"), m.t3("carried_over")
    if isinstance(new, int):
        for mt in _RECEIVED.finditer(text):
            middle = mt.group(1)
            if any(w in middle for w in _NOT_ABOUT_REQUESTS):
                continue
            if not any(w in middle for w in ("申请", "公开")):
                continue
            n = _int(mt.group(2))
            if n != new and not (isinstance(co, int) and n == new + co):
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{_snippet(text, mt)}”，但表三“一、本年新收"
                        f"政府信息公开申请数量”总计为 {new}。",
                        new,
                        n,
                    )
                )
        if new > 0:
            for mt in list(_NOT_RECEIVED.finditer(text)) + list(_RECEIVED_ZERO.finditer(text)):
                if any(w in mt.group(0) for w in ("复议", "诉讼")):
                    continue
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{_snippet(text, mt)}”，但表三“一、本年新收"
                        f"政府信息公开申请数量”总计为 {new}。",
                        new,
                        0,
                    )
                )
    for rx, row, label in (
        (_CONCLUDED, "total", "（七）总计"),
        (_CARRIED_OVER, "carried_over", "二、上年结转政府信息公开申请数量"),
        (_CARRIED_FORWARD, "carried_forward", "四、结转下年度继续办理"),
    ):
        v = m.t3(row)
        if not isinstance(v, int):
            continue
        for mt in rx.finditer(text):
            if rx is _CONCLUDED and any(w in mt.group(1) for w in _NOT_ABOUT_REQUESTS):
                continue
            n = _int(mt.group(mt.lastindex))
            if n != v:
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{_snippet(text, mt)}”，但表三“{label}”总计为 {v}。",
                        v,
                        n,
                    )
                )

    concluded = m.t3("total")
    for name, rx, rows in _OUTCOMES:
        v = _sum(m, rows)
        if v is None:
            continue
        for mt in rx.finditer(text):
            n = _int(mt.group(1))
            if n != v:
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{sentence(text, mt)}”，其中{name} {n} 件，"
                        f"但表三对应各行合计为 {v} 件。",
                        v,
                        n,
                    )
                )
            elif (
                mt.group(2)
                and isinstance(concluded, int)
                and not _pct_ok(mt.group(2), n, concluded)
            ):
                actual = (
                    (Decimal(n) * 100 / concluded).quantize(Decimal("0.01")) if concluded else "—"
                )
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{sentence(text, mt)}”，{name}{n}件占{mt.group(2)}%，但按办结总数 "
                        f"{concluded} 件计算应为 {actual}%。",
                        f"{actual}%",
                        f"{mt.group(2)}%",
                    )
                )

    review = (m.table4.get("review") or {}).get("total")
    suits = [(m.table4.get(b) or {}).get("total") for b in ("suit_direct", "suit_after_review")]
    suit = sum(suits) if all(isinstance(x, int) for x in suits) else None
    for rx, v, label in ((_REVIEW, review, "行政复议"), (_SUIT, suit, "行政诉讼")):
        if v is None:
            continue
        for mt in rx.finditer(text):
            n = _int(mt.group(1))
            if n != v:
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{sentence(text, mt)}”，但表四{label}总计为 {v} 件。",
                        v,
                        n,
                    )
                )
    for mt in _NONE_HAPPENED.finditer(text):
        clause = mt.group(1)
        if any(w in clause for w in ("纠错", "败诉", "纠正", "撤销", "确认违法", "追究")):
            continue
        for word, v in (("行政复议", review), ("行政诉讼", suit)):
            if word in clause and isinstance(v, int) and v > 0:
                out.append(
                    _mismatch(
                        key,
                        f"第{key}部分写道：“{_snippet(text, mt)}”，但表四{word}总计为 {v} 件。",
                        v,
                        0,
                    )
                )
    if _ALL_UPHELD.search(text) and "复议" in text:
        rv = m.table4.get("review") or {}
        open_or_other = [rv.get(c) for c in ("corrected", "other", "pending")]
        if all(isinstance(x, int) for x in open_or_other) and sum(open_or_other) > 0:
            out.append(
                _mismatch(
                    key,
                    f"第{key}部分称行政复议“均获维持”，但表四行政复议有结果纠正、"
                    f"其他结果或尚未审结共 {sum(open_or_other)} 件。",
                    0,
                    sum(open_or_other),
                )
            )

    if m.fees_yuan is not None:
        stated = extract_fees_yuan(text)
        if stated is not None and stated != m.fees_yuan:
            out.append(
                _mismatch(
                    key,
                    f"第{key}部分称收取信息处理费 {stated} 元，但记录为 {m.fees_yuan} 元。",
                    str(m.fees_yuan),
                    str(stated),
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Drafting helpers: sentences in the seed's style, which the checker above reads back unchanged.
def draft_section_one_proactive(total: int, by_column: list[tuple[str, int]]) -> str:
    """e.g. 全年通过不同渠道和方式主动公开政府信息共计 21 条，包括通知公告 4 条、乡村振兴信息 7 条。"""
    if total == 0:
        return "全年未主动公开政府信息。"
    s = f"全年通过不同渠道和方式主动公开政府信息共计 {total} 条"
    items = [(name, n) for name, n in by_column if n]
    if items:
        s += "，包括" + "、".join(f"{name} {n} 条" for name, n in items)
    return s + "。"


def draft_section_one_requests(m: AnnualReport) -> str:
    """The 依申请公开 sentence of section 一, from Table 3."""
    new, co, done, fwd = (m.t3(r) or 0 for r in ("new", "carried_over", "total", "carried_forward"))
    if new == 0 and co == 0:
        year = f"截至 {m.year} 年 12 月 31 日，" if m.year else ""
        return f"{year}未收到公民、法人或其他组织要求公开政府信息的申请。"
    s = f"全年共收到政府信息公开申请 {new} 件"
    if co:
        s += f"，上年结转 {co} 件"
    s += f"，办结 {done} 件"
    parts = []
    for name, rows in (
        ("予以公开", ("granted",)),
        ("部分公开", ("partial",)),
        ("不予公开", F.T3_GROUPS["withheld"]),
        ("无法提供", F.T3_GROUPS["unable"]),
        ("不予处理", F.T3_GROUPS["rejected"]),
        ("其他处理", F.T3_GROUPS["other"] if m.format == F.FORMAT_2021 else ("other",)),
    ):
        n = _sum(m, rows) or 0
        if n and done:
            pct = (Decimal(n) * 100 / done).quantize(Decimal("0.01"))
            parts.append(f"{name} {n} 件（{pct}%）")
    if parts:
        s += "，其中" + "、".join(parts)
    if fwd:
        s += f"；结转下年度继续办理 {fwd} 件"
    return s + "。"


def draft_appeals(m: AnnualReport) -> str:
    review = (m.table4.get("review") or {}).get("total") or 0
    suit = sum(
        (m.table4.get(b) or {}).get("total") or 0 for b in ("suit_direct", "suit_after_review")
    )
    if review == 0 and suit == 0:
        return "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    return f"本年度因政府信息公开工作被申请行政复议 {review} 件，被提起行政诉讼 {suit} 件。"


def draft_section_six_fees(fees_yuan: Decimal | int | None) -> str:
    if not fees_yuan:
        return "本年度未收取政府信息公开信息处理费。"
    return (
        f"本年度依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 "
        f"{fees_yuan} 元。"
    )
