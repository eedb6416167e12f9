"""The one reminder-sender interface (站所 reporting reminders and 督办): off by default, e-mail
through Django's mail, SMS through a class named in the settings, and a failing sender recorded."""

from types import SimpleNamespace

from django.core import mail
from django.test import override_settings

from gongkai.core.senders import (
    EmailSender,
    LoggingSmsSender,
    SmsSender,
    configured_senders,
    deliver,
)

SENT: list[tuple[str, str]] = []


class RecordingGateway(SmsSender):
    name = "短信"

    def send_text(self, *, phone: str, text: str) -> None:
        SENT.append((phone, text))


class BrokenGateway(SmsSender):
    def send_text(self, *, phone: str, text: str) -> None:
        raise ConnectionError("gateway down")


PEOPLE = [
    SimpleNamespace(username="a", email="a@example.org", phone="13800000001"),
    SimpleNamespace(username="b", email="", phone=""),
]


def test_off_by_default():
    assert configured_senders() == []
    delivery = deliver(recipients=PEOPLE, subject="提醒", body="请报送")
    assert (delivery.channel, delivery.delivered, delivery.reached) == ("站内", True, 0)
    assert "未开启" in delivery.note and mail.outbox == []


def test_settings_choose_the_senders():
    with override_settings(GONGKAI_REMIND_EMAIL=True, GONGKAI_REMIND_SMS="log"):
        assert [type(s) for s in configured_senders()] == [EmailSender, LoggingSmsSender]
    # The name docs/supervision.md gave the 督办 e-mail switch still works.
    with override_settings(GONGKAI_REMINDER_EMAIL=True):
        assert [type(s) for s in configured_senders()] == [EmailSender]
    path = f"{__name__}.RecordingGateway"
    with override_settings(GONGKAI_REMIND_SMS=path):
        assert [type(s) for s in configured_senders()] == [RecordingGateway]


def test_email_and_sms_reach_only_people_with_an_address():
    SENT.clear()
    with override_settings(
        GONGKAI_REMIND_EMAIL=True, GONGKAI_REMIND_SMS=f"{__name__}.RecordingGateway"
    ):
        delivery = deliver(recipients=PEOPLE, subject="报送任务已逾期", body="请报送")
    assert delivery.reached == 2 and delivery.delivered
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert SENT == [("13800000001", "报送任务已逾期：请报送")]
    assert delivery.channel == "电子邮件、短信"


def test_a_failing_sender_is_recorded_and_does_not_stop_the_others():
    delivery = deliver(
        recipients=PEOPLE, subject="督办", body="请办结", senders=[BrokenGateway(), EmailSender()]
    )
    assert not delivery.delivered
    assert delivery.failures == ["短信发送失败（ConnectionError）"]
    assert len(mail.outbox) == 1 and "短信发送失败" in delivery.note
