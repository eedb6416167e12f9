from django import template

from gongkai.units.selectors import reminders_for_user

register = template.Library()


@register.simple_tag
def unit_reminders(user) -> list:
    """The 工作台's reminders: this unit's (or this office's units') reporting tasks due soon or
    overdue."""
    return reminders_for_user(user)
