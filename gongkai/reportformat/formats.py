"""The statutory annual-report format as data.

2021 format: 国办公开办函〔2021〕30号 (the current one); 2019 trial format: 国办公开办函〔2019〕60号 (kept for
reading old reports). Codes are the project-wide codes of docs/annual-report.md §4–§6.
Everything here is plain data; no rendering and no parsing logic.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMAT_NOTICE = {
    FORMAT_2021: "国办公开办函〔2021〕30号",
    FORMAT_2019: "国办公开办函〔2019〕60号",
}
REPORT_TITLE_SUFFIX = "政府信息公开工作年度报告"

# ---------------------------------------------------------------------------------------------
# Sections
SECTION_KEYS = ("一", "二", "三", "四", "五", "六")
SECTION_TITLES = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
# Variants seen in real reports: accepted when reading, never produced.
SECTION_VARIANTS = {
    "一": ("总体情况",),
    "二": ("主动公开政府信息情况", "主动公开政府信息"),
    "三": ("收到和处理政府信息公开申请情况", "依申请公开政府信息情况"),
    "四": (
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    ),
    "五": (
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及整改措施",
        "存在的主要问题及改进措施",
    ),
    "六": ("其他需要报告的事项",),
}
# Words that identify a heading's section even when its wording is unusual.
SECTION_KEYWORDS = {
    "一": ("总体情况",),
    "二": ("主动公开",),
    "三": ("处理政府信息公开申请", "依申请公开"),
    "四": ("行政复议",),
    "五": ("存在的主要问题", "存在问题"),
    "六": ("其他需要报告",),
}
SECTION_ONE_SUBHEADS = (
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
)


def section_heading(key: str) -> str:
    return f"{key}、{SECTION_TITLES[key]}"


# ---------------------------------------------------------------------------------------------
# Table 2 (2021)
@dataclass(frozen=True)
class T2Row:
    code: str
    label: str
    block: str  # "第二十条第（一）项"
    columns: tuple[tuple[str, str], ...]  # (column code, label); empty for single-value rows
    value_label: str = ""  # label of the single value column
    decimal: bool = False


T2_COLUMNS_DOCS = (
    ("issued", "本年制发件数"),
    ("abolished", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
T2_DECISIONS = "本年处理决定数量"
T2_FEES = "本年收费金额（单位：万元）"

TABLE2_ROWS_2021 = (
    T2Row("rules", "规章", "第二十条第（一）项", T2_COLUMNS_DOCS),
    T2Row("normative", "行政规范性文件", "第二十条第（一）项", T2_COLUMNS_DOCS),
    T2Row("licensing", "行政许可", "第二十条第（五）项", (), T2_DECISIONS),
    T2Row("penalty", "行政处罚", "第二十条第（六）项", (), T2_DECISIONS),
    T2Row("coercion", "行政强制", "第二十条第（六）项", (), T2_DECISIONS),
    T2Row("fees_10k_yuan", "行政事业性收费", "第二十条第（八）项", (), T2_FEES, decimal=True),
)
TABLE2_BLOCKS_2021 = (
    "第二十条第（一）项",
    "第二十条第（五）项",
    "第二十条第（六）项",
    "第二十条第（八）项",
)
# Old or home-made labels that mean a 2021 row (reading only); each yields LABEL_NONSTANDARD.
TABLE2_LABEL_VARIANTS = {"规范性文件": "normative", "行政事业性收费项目": "fees_10k_yuan"}

# Table 2 (2019 trial format): different rows and columns.
T2_COLUMNS_DOCS_2019 = (
    ("created", "本年新制作数量"),
    ("published", "本年新公开数量"),
    ("total_published", "对外公开总数量"),
)
T2_COLUMNS_ITEMS_2019 = (
    ("previous_items", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "处理决定数量"),
)
TABLE2_ROWS_2019 = (
    T2Row("rules", "规章", "第二十条第（一）项", T2_COLUMNS_DOCS_2019),
    T2Row("normative", "规范性文件", "第二十条第（一）项", T2_COLUMNS_DOCS_2019),
    T2Row("licensing", "行政许可", "第二十条第（五）项", T2_COLUMNS_ITEMS_2019),
    T2Row("other_services", "其他对外管理服务事项", "第二十条第（五）项", T2_COLUMNS_ITEMS_2019),
    T2Row("penalty", "行政处罚", "第二十条第（六）项", T2_COLUMNS_ITEMS_2019),
    T2Row("coercion", "行政强制", "第二十条第（六）项", T2_COLUMNS_ITEMS_2019),
    # The trial format's 第（八）项 has only the two item columns.
    T2Row("fees", "行政事业性收费", "第二十条第（八）项", T2_COLUMNS_ITEMS_2019[:2]),
    T2Row(
        "procurement",
        "政府集中采购",
        "第二十条第（九）项",
        (("items", "采购项目数量"), ("amount_10k_yuan", "采购总金额")),
    ),
)
# Column labels that only the 2019 layout has: their presence identifies an old-layout Table 2.
TABLE2_2019_MARKERS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "第二十条第（九）项",
)

# ---------------------------------------------------------------------------------------------
# Table 3
T3_COLUMNS = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_COLUMN_CODES = tuple(c for c, _ in T3_COLUMNS)
T3_APPLICANT_COLUMNS = T3_COLUMN_CODES[:6]
T3_COLUMN_GROUP_LABEL = "申请人情况"
T3_ORG_GROUP_LABEL = "法人或其他组织"
T3_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def t3_column_label(code: str) -> str:
    """Column label as a user reads it in a message ("法人或其他组织—其他", not just "其他")."""
    label = dict(T3_COLUMNS)[code]
    if code in T3_APPLICANT_COLUMNS[1:]:
        return f"{T3_ORG_GROUP_LABEL}—{label}"
    return label


@dataclass(frozen=True)
class T3Row:
    code: str
    label: str  # the row's own cell text (verbatim)
    part: str = ""  # "三、本年度办理结果" for outcome rows
    group: str = ""  # "（三）不予公开" for rows inside a group
    key: str = ""  # distinctive text used to recognise the row in a published table
    outcome: bool = False

    @property
    def full_label(self) -> str:
        return " ".join(x for x in (self.group, self.label) if x)


_RESULT = "三、本年度办理结果"
TABLE3_ROWS_2021 = (
    T3Row("new", "一、本年新收政府信息公开申请数量", key="本年新收"),
    T3Row("carried_over", "二、上年结转政府信息公开申请数量", key="上年结转"),
    T3Row("granted", "（一）予以公开", _RESULT, key="予以公开", outcome=True),
    T3Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        _RESULT,
        key="部分公开",
        outcome=True,
    ),
    T3Row(
        "withheld_state_secret", "1.属于国家秘密", _RESULT, "（三）不予公开", "属于国家秘密", True
    ),
    T3Row(
        "withheld_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        _RESULT,
        "（三）不予公开",
        "法律行政法规禁止公开",
        True,
    ),
    T3Row(
        "withheld_three_safety",
        "3.危及“三安全一稳定”",
        _RESULT,
        "（三）不予公开",
        "三安全一稳定",
        True,
    ),
    T3Row(
        "withheld_third_party",
        "4.保护第三方合法权益",
        _RESULT,
        "（三）不予公开",
        "保护第三方合法权益",
        True,
    ),
    T3Row(
        "withheld_internal_affairs",
        "5.属于三类内部事务信息",
        _RESULT,
        "（三）不予公开",
        "三类内部事务信息",
        True,
    ),
    T3Row(
        "withheld_process_info",
        "6.属于四类过程性信息",
        _RESULT,
        "（三）不予公开",
        "四类过程性信息",
        True,
    ),
    T3Row(
        "withheld_enforcement_file",
        "7.属于行政执法案卷",
        _RESULT,
        "（三）不予公开",
        "行政执法案卷",
        True,
    ),
    T3Row(
        "withheld_query_matter",
        "8.属于行政查询事项",
        _RESULT,
        "（三）不予公开",
        "行政查询事项",
        True,
    ),
    T3Row(
        "unable_not_held",
        "1.本机关不掌握相关政府信息",
        _RESULT,
        "（四）无法提供",
        "不掌握相关政府信息",
        True,
    ),
    T3Row(
        "unable_needs_creation",
        "2.没有现成信息需要另行制作",
        _RESULT,
        "（四）无法提供",
        "需要另行制作",
        True,
    ),
    T3Row(
        "unable_unclear",
        "3.补正后申请内容仍不明确",
        _RESULT,
        "（四）无法提供",
        "补正后申请内容仍不明确",
        True,
    ),
    T3Row(
        "rejected_petition",
        "1.信访举报投诉类申请",
        _RESULT,
        "（五）不予处理",
        "信访举报投诉类申请",
        True,
    ),
    T3Row("rejected_duplicate", "2.重复申请", _RESULT, "（五）不予处理", "重复申请", True),
    T3Row(
        "rejected_publication",
        "3.要求提供公开出版物",
        _RESULT,
        "（五）不予处理",
        "要求提供公开出版物",
        True,
    ),
    T3Row(
        "rejected_excessive",
        "4.无正当理由大量反复申请",
        _RESULT,
        "（五）不予处理",
        "大量反复申请",
        True,
    ),
    T3Row(
        "rejected_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        _RESULT,
        "（五）不予处理",
        "重新出具已获取信息",
        True,
    ),
    T3Row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _RESULT,
        "（六）其他处理",
        "逾期不补正",
        True,
    ),
    T3Row(
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _RESULT,
        "（六）其他处理",
        "未按收费通知",
        True,
    ),
    T3Row("other_other", "3.其他", _RESULT, "（六）其他处理", "3.其他", True),
    T3Row("total", "（七）总计", _RESULT, key="总计"),
    T3Row("carried_forward", "四、结转下年度继续办理", key="结转下年度"),
)
# The 2019 trial format: （六）其他处理 is one row; everything else is the same.
TABLE3_ROWS_2019 = tuple(r for r in TABLE3_ROWS_2021 if not r.code.startswith("other_"))
_i = [r.code for r in TABLE3_ROWS_2019].index("total")
TABLE3_ROWS_2019 = (
    TABLE3_ROWS_2019[:_i]
    + (T3Row("other", "（六）其他处理", _RESULT, key="其他处理", outcome=True),)
    + TABLE3_ROWS_2019[_i:]
)
del _i

# Which outcome rows make up each group (used by narrative percentages and messages).
T3_GROUPS = {
    "granted": ("granted",),
    "partial": ("partial",),
    "withheld": tuple(r.code for r in TABLE3_ROWS_2021 if r.code.startswith("withheld_")),
    "unable": tuple(r.code for r in TABLE3_ROWS_2021 if r.code.startswith("unable_")),
    "rejected": tuple(r.code for r in TABLE3_ROWS_2021 if r.code.startswith("rejected_")),
    "other": tuple(r.code for r in TABLE3_ROWS_2021 if r.code.startswith("other_")),
}


def table3_rows(fmt: str = FORMAT_2021) -> tuple[T3Row, ...]:
    return TABLE3_ROWS_2019 if fmt == FORMAT_2019 else TABLE3_ROWS_2021


def t3_row(code: str, fmt: str = FORMAT_2021) -> T3Row:
    for r in table3_rows(fmt):
        if r.code == code:
            return r
    raise KeyError(code)


def outcome_codes(fmt: str = FORMAT_2021) -> tuple[str, ...]:
    return tuple(r.code for r in table3_rows(fmt) if r.outcome)


# ---------------------------------------------------------------------------------------------
# Table 4
T4_BLOCKS = (
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼—未经复议直接起诉"),
    ("suit_after_review", "行政诉讼—复议后起诉"),
)
T4_COLUMNS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_BLOCK_CODES = tuple(c for c, _ in T4_BLOCKS)
T4_COLUMN_CODES = tuple(c for c, _ in T4_COLUMNS)

# ---------------------------------------------------------------------------------------------
# Deadlines (Art. 49): departments by 31 January, county-level governments by 31 March. Townships are
# not named; the county sets their date (often late January or February). Until it does, townships and
# units take 31 January, the earlier and therefore safer date. Keyed by core's agency levels; each
# agency can override it. This is the one place these defaults live.
AGENCY_KINDS = ("department", "government", "township")
DEFAULT_DEADLINE_BY_LEVEL = {
    "county": (3, 31),
    "department": (1, 31),
    "township": (1, 31),
    "unit": (1, 31),
}


def default_deadline(year: int, level: str):
    """Default publication deadline for the report of `year` (a date in year + 1)."""
    import datetime

    month, day = DEFAULT_DEADLINE_BY_LEVEL[level]
    return datetime.date(year + 1, month, day)


def guess_agency_kind(agency: str | None) -> str | None:
    """'township' for 乡/镇/街道 governments, 'government' for county-level-and-above governments,
    'department' for other bodies; None when unknown."""
    if not agency:
        return None
    name = agency.strip()
    if name.endswith(("镇人民政府", "乡人民政府", "街道办事处", "镇政府", "乡政府")):
        return "township"
    if name.endswith("人民政府"):
        return "government"
    return "department"
