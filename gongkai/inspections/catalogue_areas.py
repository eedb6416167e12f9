"""The standard grass-roots catalogue areas (基层政务公开标准目录) a township is expected to cover.

Source: 国务院办公厅《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）, which
extends to every county and township the 26 areas piloted under 国办发〔2017〕42号; the 国务院部门
issued one standard guideline (标准指引) per area in 2019–2020. After 2021 the 扶贫 area is run as
乡村振兴 (巩固拓展脱贫攻坚成果同乡村振兴有效衔接). The list below is the township subset; areas that
only a county department carries (税收管理、户籍管理、食品药品监管、城市综合执法、国有土地上房屋征收
与补偿、保障性住房、市政服务) are left out. The county can edit the list on its checklist.

Each area has the names a township usually gives the catalogue column (栏目) for it: a column
whose name contains any of them counts as covering the area.
"""

SOURCE = (
    "国办发〔2019〕54号《关于全面推进基层政务公开标准化规范化工作的指导意见》及26个试点领域标准指引"
)

TOWNSHIP_AREAS: dict[str, tuple[str, ...]] = {
    "重大建设项目": ("重大建设项目", "建设项目", "项目建设"),
    "财政预决算": ("财政预决算", "预决算", "财政预算", "财政决算", "财政资金"),
    "社会救助": ("社会救助", "低保", "特困", "临时救助"),
    "乡村振兴": ("乡村振兴", "扶贫", "脱贫", "衔接资金"),
    "义务教育": ("义务教育", "教育"),
    "公共法律服务": ("公共法律服务", "法律服务", "人民调解", "法律援助"),
    "涉农补贴": ("涉农补贴", "惠农补贴", "农业补贴", "惠民惠农"),
    "养老服务": ("养老服务", "养老"),
    "灾害救助": ("灾害救助", "救灾", "防灾减灾"),
    "公共就业": ("就业", "公共就业"),
    "社会保险": ("社会保险", "社保", "医保", "城乡居民养老保险"),
    "安全生产": ("安全生产", "应急管理"),
    "生态环境": ("生态环境", "环境保护", "环保"),
    "公共文化体育": ("公共文化", "文化体育", "文体"),
    "医疗卫生": ("医疗卫生", "卫生健康", "卫生"),
    "农村危房改造": ("农村危房改造", "危房改造"),
    "城乡规划": ("城乡规划", "村庄规划", "规划"),
    "征地补偿": ("征地补偿", "征地", "征收补偿"),
    "公共资源交易": ("公共资源交易", "招标投标", "招投标", "采购"),
}


def default_areas_text() -> str:
    """One area a line: `区域名: 别名, 别名` — the format the checklist page edits."""
    return "\n".join(f"{area}: {', '.join(names)}" for area, names in TOWNSHIP_AREAS.items())


def parse_areas(text: str) -> dict[str, tuple[str, ...]]:
    """Read the edited list back; a line without ':' is an area whose only name is itself."""
    areas: dict[str, tuple[str, ...]] = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        area, _, names = line.replace("：", ":").partition(":")
        area = area.strip()
        aliases = tuple(n.strip() for n in names.replace("，", ",").split(",") if n.strip())
        areas[area] = aliases or (area,)
    return areas


def missing_areas(areas: dict[str, tuple[str, ...]], column_names: list[str]) -> list[str]:
    """Areas for which no column name contains any of the area's names."""
    return [
        area
        for area, names in areas.items()
        if not any(name in column for column in column_names for name in names)
    ]
