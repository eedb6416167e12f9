"""The demo county: 卢氏县 with 朱阳关镇 (the office that wrote the seed report) and its neighbours."""

from .models import Agency, User
from .services import agency_add, person_add

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
    # (username, full name, agency key, role)
    ("zyg_xxy", "王晓燕", "zhuyangguan", "clerk"),
    ("zyg_bgs", "李建国", "zhuyangguan", "office_head"),
    ("zyg_ld", "张国强", "zhuyangguan", "leader"),
    ("gdk_xxy", "赵敏", "guandaokou", "clerk"),
    ("zrj_xxy", "孙丽", "ziran", "clerk"),
    ("zrj_bgs", "周伟", "ziran", "office_head"),
    ("zrj_ld", "吴刚", "ziran", "leader"),
    ("xian_gkb", "陈静", "county", "county_office"),
    ("xian_admin", "刘洋", "county", "admin"),
]


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
    return agencies, people
