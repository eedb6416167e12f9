"""Pluggable reminder senders. Off by default: nothing is sent unless the settings turn a sender on
(GONGKAI_REMIND_EMAIL=1, GONGKAI_REMIND_SMS=log or a dotted path to a class; see docs/supervision.md)."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("gongkai.units.reminders")


class ReminderSender(Protocol):
    name: str  # shown in the sent-reminder record, e.g. "电子邮件"

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
    if getattr(settings, "GONGKAI_REMIND_EMAIL", False):
        senders.append(EmailSender())
    sms = getattr(settings, "GONGKAI_REMIND_SMS", "")
    if sms == "log":
        senders.append(LoggingSmsSender())
    elif sms:
        senders.append(import_string(sms)())
    return senders
