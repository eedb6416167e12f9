from django import template
from django.utils import timezone

from gongkai.calendars.checks import missing_next_year
from gongkai.core.permissions import SUBTREE_ROLES, WRITE_ROLES

register = template.Library()

OFFICE_ROLES = WRITE_ROLES  # roles that do an office's own work
COUNTY_ROLES = SUBTREE_ROLES  # roles that see every agency below their own
CHECK_LINK = ("年报体检：检查已发布的年度报告", "/reports/check/")


@register.simple_tag
def calendar_warning() -> str:
    year = missing_next_year()
    if year is None:
        return ""
    return f"尚未录入 {year} 年的节假日安排：请在“工作日历”中录入，或运行 gongkai calendar import。"


@register.simple_tag
def staff_links(user) -> list[tuple[str, str]]:
    """The work pages outside the admin, by role: (label, url)."""
    role = "admin" if user.is_superuser else getattr(user, "role", None)
    agency = user.agency if user.agency_id else None
    if agency is not None and not agency.is_disclosure_body and not user.is_superuser:
        return unit_links(user, agency)
    year = timezone.localdate().year
    links = []
    if role in OFFICE_ROLES:
        links += [
            ("待我审核（答复、公开信息、年度报告）", "/staff/reviews/"),
            ("依申请公开：申请列表与期限", "/requests/staff/"),
            ("依申请公开：登记申请", "/requests/staff/register/"),
            ("期限提醒（即将到期、已逾期）", "/requests/staff/deadlines/"),
            ("行政复议和行政诉讼", "/appeals/staff/"),
            ("登记行政复议、行政诉讼", "/appeals/staff/register/"),
            ("主动公开：信息列表、拟稿与审核", "/publications/staff/"),
            ("主动公开：新建信息", "/publications/staff/new/"),
            ("咨询投诉：答复与审核", "/consult/staff/"),
            ("自查整改：本机关自查发现的问题与整改", "/inspections/"),
            ("公众需求：检索无结果、重复申请、咨询投诉", "/inspections/demand/"),
            ("政府信息公开指南：受理机构、联系方式、收费说明", "/staff/guide/"),
            ("台账导入导出（Excel、CSV）", "/staff/ledgers/"),
            ("年度报告：行政执法和收费统计", "/reports/staff/enforcement/"),
            ("本机关考核得分与明细", "/staff/county/assessment/"),
        ]
    if role in COUNTY_ROLES:
        if role not in OFFICE_ROLES:
            links += [
                ("台账导出（全县各机关）", "/staff/ledgers/"),
                ("自查整改：全县自查、验收整改", "/inspections/"),
                ("公众需求：各机关检索无结果、重复申请、咨询投诉", "/inspections/demand/"),
            ]
        links += [
            ("全县政务公开看板（逾期、年报、考核、督办）", "/staff/county/"),
            ("全县申请期限（即将到期、已逾期）", "/requests/staff/county/"),
            (f"全县 {year - 1} 年度报告发布情况", f"/reports/status/{year - 1}/"),
            (f"全县 {year} 年度报告准备情况", f"/reports/status/{year}/"),
        ]
    if role in OFFICE_ROLES or role in COUNTY_ROLES:
        links.append(("站所报送：报送任务和报送记录", "/units/staff/"))
    if agency is not None and agency.is_disclosure_body:
        links.append(("编写本机关年度报告", "/reports/staff/"))
    links.append(CHECK_LINK)
    return links


def unit_links(user, unit) -> list[tuple[str, str]]:
    """A 站所's own work: it discloses nothing in its own name (no requests, appeals, guide, annual
    report or assessment of its own); it reports to its office and reads what the office published."""
    office = unit.disclosure_office()
    send = f"向{office.name}报送信息，" if user.role in OFFICE_ROLES else ""
    return [
        (f"站所报送：{send}报送任务和本站所的报送记录（是否已发布）", "/units/staff/"),
        (f"{office.name}已公开的信息（公众页面）", f"/agencies/{office.pk}/"),
        CHECK_LINK,
    ]
