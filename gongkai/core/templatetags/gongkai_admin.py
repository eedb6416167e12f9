from django import template

from gongkai.calendars.checks import missing_next_year

register = template.Library()


@register.simple_tag
def calendar_warning() -> str:
    year = missing_next_year()
    if year is None:
        return ""
    return f"尚未录入 {year} 年的节假日安排：请在“工作日历”中录入，或运行 gongkai calendar import。"
