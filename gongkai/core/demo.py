"""The demo county: 卢氏县 with 朱阳关镇 (the office that wrote the seed report) and its neighbours."""

from .guide_models import DisclosureGuide
from .models import Agency, User
from .services import agency_add, disclosure_guide_save, person_add

DEMO_PASSWORD = "gongkai-demo-2025"

AGENCIES = [
    # (key, name, level, parent key)
    ("county", "卢氏县人民政府", "county", None),
    ("zhuyangguan", "朱阳关镇人民政府", "township", "county"),
    ("guandaokou", "官道口镇人民政府", "township", "county"),
    ("wulichuan", "五里川镇人民政府", "township", "county"),
    ("ziran", "卢氏县自然资源局", "department", "county"),
    ("renshe", "卢氏县人力资源和社会保障局", "department", "county"),
    ("zyg_agri", "朱阳关镇农业服务中心", "unit", "zhuyangguan"),
    ("zyg_finance", "朱阳关镇财政所", "unit", "zhuyangguan"),
    ("ziran_station", "卢氏县自然资源局朱阳关自然资源所", "unit", "ziran"),
]

PEOPLE = [
    # (username, full name, agency key, role). Every agency whose demo records are reviewed has its
    # own 信息员, 办公室主任 and 分管领导: the demo builds reviewed records through the services,
    # acting as these people (the drafter never approves).
    ("zyg_xxy", "王晓燕", "zhuyangguan", "clerk"),
    ("zyg_bgs", "李建国", "zhuyangguan", "office_head"),
    ("zyg_ld", "张国强", "zhuyangguan", "leader"),
    ("gdk_xxy", "赵敏", "guandaokou", "clerk"),
    ("gdk_bgs", "马军", "guandaokou", "office_head"),
    ("gdk_ld", "黄志强", "guandaokou", "leader"),
    ("wlc_xxy", "杨帆", "wulichuan", "clerk"),
    ("wlc_bgs", "朱红", "wulichuan", "office_head"),
    ("wlc_ld", "胡斌", "wulichuan", "leader"),
    ("rs_xxy", "郭婷", "renshe", "clerk"),
    ("rs_bgs", "何勇", "renshe", "office_head"),
    ("rs_ld", "林涛", "renshe", "leader"),
    ("xian_xxy", "罗佳", "county", "clerk"),
    ("xian_bgs", "梁斌", "county", "office_head"),
    ("xian_ld", "宋涛", "county", "leader"),
    ("zrj_xxy", "孙丽", "ziran", "clerk"),
    ("zrj_bgs", "周伟", "ziran", "office_head"),
    ("zrj_ld", "吴刚", "ziran", "leader"),
    # The 站所 do not disclose in their own name: their 信息员 report to the office (units/demo.py).
    ("zyg_nf", "赵丽", "zyg_agri", "clerk"),
    ("zyg_czs", "钱进", "zyg_finance", "clerk"),
    ("zrs_xxy", "冯磊", "ziran_station", "clerk"),
    ("xian_gkb", "陈静", "county", "county_office"),
    ("xian_admin", "刘洋", "county", "admin"),
]


# 政府信息公开指南 (Art. 12) of the township and the county, saved by each office's 信息员.
GUIDES = {
    "zhuyangguan": (
        "zyg_xxy",
        {
            "office_name": "朱阳关镇党政办公室",
            "address": "河南省三门峡市卢氏县朱阳关镇朱阳关村镇政府院内",
            "postal_code": "472241",
            "phone": "0398-7761001",
            "fax": "0398-7761002",
            "hours": "工作日 8:30—12:00，14:30—17:30（法定节假日除外）",
            "email": "zygzf@example.gov.cn",
        },
    ),
    "county": (
        "xian_xxy",
        {
            "office_name": "卢氏县人民政府办公室（县政务公开办公室）",
            "address": "河南省三门峡市卢氏县城关镇莘川大道行政中心",
            "postal_code": "472200",
            "phone": "0398-7822101",
            "fax": "0398-7822102",
            "hours": "工作日 8:30—12:00，14:30—17:30（法定节假日除外）",
            "email": "lsxzwgk@example.gov.cn",
        },
    ),
}


def guide_fees() -> str:
    """The fee paragraph of the demo guides: Art. 42 and 国办函〔2020〕109号, with the calculator's figures."""
    from gongkai.applications.fees import FREE_ITEMS, FREE_PAGES

    return (
        "依申请提供政府信息，原则上不收取费用（《中华人民共和国政府信息公开条例》第四十二条）。"
        "申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）收取信息处理费：按件计收的，同一申请人一个自然月内累计申请"
        f"{FREE_ITEMS}件以内（含{FREE_ITEMS}件）不收费；按量计收的，同一政府信息公开申请"
        f"{FREE_PAGES}页以内（含{FREE_PAGES}页）不收费。收费前书面告知申请人收费依据、标准和金额。"
    )


def load_demo_guides(agencies: dict[str, Agency], people: dict[str, User]) -> None:
    for key, (username, values) in GUIDES.items():
        if DisclosureGuide.objects.filter(agency=agencies[key]).exists():
            continue
        disclosure_guide_save(
            actor=people[username], agency=agencies[key], fees=guide_fees(), **values
        )


def load_core_demo() -> tuple[dict[str, Agency], dict[str, User]]:
    agencies: dict[str, Agency] = {}
    for key, name, level, parent in AGENCIES:
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            agency = agency_add(
                actor="演示数据",
                name=name,
                level=level,
                parent_name=agencies[parent].name if parent else None,
            )
        agencies[key] = agency
    people: dict[str, User] = {}
    for username, full_name, agency_key, role in PEOPLE:
        person = User.objects.filter(username=username).first()
        if person is None:
            person = person_add(
                actor="演示数据",
                username=username,
                agency=agencies[agency_key],
                role=role,
                password=DEMO_PASSWORD,
                full_name=full_name,
            )
            User.objects.filter(pk=person.pk).update(is_demo=True)
            person.is_demo = True
        people[username] = person
    load_demo_guides(agencies, people)
    return agencies, people
