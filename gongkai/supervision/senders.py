"""How a 督办 reminder leaves the system. Minimal on purpose: the "units" work adds pluggable
senders for reporting reminders; the two should become one interface (note for the lead).

The on-screen record (dashboard and the agency's 工作台) always exists; e-mail is off by default
and switched on with GONGKAI_REMINDER_EMAIL = True (uses Django's EMAIL_* settings).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass
class Delivery:
    channel: str
    delivered: bool
    note: str


def send(*, agency, subject: str, message: str) -> Delivery:
    if not getattr(settings, "GONGKAI_REMINDER_EMAIL", False):
        return Delivery("站内", True, "已在工作台和全县看板登记（邮件发送未开启）")
    from django.core.mail import send_mail

    from gongkai.core.models import User

    to = list(
        User.objects.filter(agency=agency, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not to:
        return Delivery("站内", True, "该机关没有登记邮箱，已在工作台登记")
    try:
        send_mail(subject, message, None, to)
    except OSError as exc:
        return Delivery("邮件", False, f"邮件发送失败（{exc.__class__.__name__}），已在工作台登记")
    return Delivery("邮件", True, f"已发送至 {len(to)} 个邮箱")
