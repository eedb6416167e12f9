"""How reminders leave the system: one pluggable interface for every app that reminds people
(站所 reporting tasks in `units`, 督办 in `supervision`). Off by default: nothing is sent unless the
settings turn a sender on —

- GONGKAI_REMIND_EMAIL=1: e-mail through Django's mail settings (EMAIL_HOST …);
- GONGKAI_REMIND_SMS=log (write to the log only) or a dotted path to an `SmsSender` subclass.

The older setting GONGKAI_REMINDER_EMAIL = True (named in docs/supervision.md for 督办) still turns
e-mail on. See docs/supervision.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("gongkai.reminders")


class ReminderSender(Protocol):
    name: str  # shown in the records of what was sent, e.g. "电子邮件"

    def send(self, *, recipients: list, subject: str, body: str) -> int:
        """Send to these people (User objects); return how many were reached."""


class EmailSender:
    name = "电子邮件"

    def send(self, *, recipients: list, subject: str, body: str) -> int:
        addresses = sorted({p.email for p in recipients if p.email})
        if not addresses:
            return 0
        send_mail(subject, body, None, addresses)
        return len(addresses)


class SmsSender:
    """The interface an SMS gateway implements: subclass it and override `send_text`."""

    name = "短信"

    def send(self, *, recipients: list, subject: str, body: str) -> int:
        phones = sorted({p for p in (getattr(r, "phone", "") for r in recipients) if p})
        for phone in phones:
            self.send_text(phone=phone, text=f"{subject}：{body}")
        return len(phones)

    def send_text(self, *, phone: str, text: str) -> None:
        raise NotImplementedError


class LoggingSmsSender(SmsSender):
    """Writes the messages to the log instead of a gateway (trial runs). Counts people by username,
    since the User model keeps no phone numbers."""

    name = "短信（仅记日志）"

    def send(self, *, recipients: list, subject: str, body: str) -> int:
        for person in recipients:
            logger.info("短信提醒 → %s：%s：%s", person.username, subject, body)
        return len(recipients)


def configured_senders() -> list[ReminderSender]:
    senders: list[ReminderSender] = []
    if getattr(settings, "GONGKAI_REMIND_EMAIL", False) or getattr(
        settings, "GONGKAI_REMINDER_EMAIL", False
    ):
        senders.append(EmailSender())
    sms = getattr(settings, "GONGKAI_REMIND_SMS", "")
    if sms == "log":
        senders.append(LoggingSmsSender())
    elif sms:
        senders.append(import_string(sms)())
    return senders


@dataclass
class Delivery:
    """What became of one reminder: the senders used, how many people they reached, and which
    of them failed (a failed sender never stops the others, nor the on-screen record)."""

    channels: list[str] = field(default_factory=list)
    reached: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return not self.failures

    @property
    def channel(self) -> str:
        return "、".join(self.channels) or "站内"

    @property
    def note(self) -> str:
        if not self.channels:
            return "已在工作台登记（邮件、短信发送未开启）"
        if self.failures:
            return "；".join(self.failures) + "。已在工作台登记"
        if not self.reached:
            return "收件人没有登记邮箱或手机号，已在工作台登记"
        return f"已发送 {self.reached} 人次（{self.channel}）"


def deliver(*, recipients: list, subject: str, body: str, senders=None) -> Delivery:
    """Send one reminder through every configured sender (or `senders`)."""
    senders = configured_senders() if senders is None else senders
    delivery = Delivery(channels=[s.name for s in senders])
    for sender in senders:
        try:
            delivery.reached += sender.send(recipients=recipients, subject=subject, body=body)
        except Exception as exc:  # a gateway's own failure must not lose the reminder's record
            logger.exception("提醒发送失败：%s", sender.name)
            delivery.failures.append(f"{sender.name}发送失败（{exc.__class__.__name__}）")
    return delivery
