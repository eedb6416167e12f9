"""`gongkai deadline`: the reply due date and the correction-notice due date of a request."""

from __future__ import annotations

import datetime
import json

from gongkai.applications.choices import RECEIPT_RULE, Channel
from gongkai.applications.clock import MAX_EXTENSION_DAYS, reply_due
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.services import parse_date
from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand

CHANNELS = {label: value for value, label in Channel.choices}


def _date(text: str, what: str) -> datetime.date:
    day = parse_date(text or "")
    if day is None:
        raise UserError(f"{what}“{text}”不是有效日期，应为 YYYY-MM-DD（如 2025-09-25）。")
    return day


class Command(GongkaiCommand):
    help = "计算依申请公开的答复期限和补正告知期限（按工作日，法定起算规则：当日不计入）"

    def add_arguments(self, parser):
        parser.add_argument("--received", help="收到申请日期 YYYY-MM-DD（条例第三十一条）")
        parser.add_argument("--channel", help="申请方式：" + "|".join(CHANNELS))
        parser.add_argument("--correction-received", help="收到补正申请的日期（答复期限重新起算）")
        parser.add_argument(
            "--paused",
            action="append",
            default=[],
            metavar="FROM:TO",
            help="征求第三方或其他机关意见等不计入期限的时段，可多次给出",
        )
        parser.add_argument("--extended", action="store_true", help="经批准延期20个工作日")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        if not options["received"]:
            raise UserError("请用 --received YYYY-MM-DD 给出收到申请的日期。")
        received = _date(options["received"], "收到申请日期")
        channel = None
        if options["channel"]:
            if options["channel"] not in CHANNELS:
                raise UserError(
                    f"申请方式“{options['channel']}”无效，应为：{'、'.join(CHANNELS)}。"
                )
            channel = Channel(CHANNELS[options["channel"]])
        correction = None
        if options["correction_received"]:
            correction = _date(options["correction_received"], "收到补正日期")
            if correction < received:
                raise UserError("收到补正日期不能早于收到申请日期。")
        paused = []
        for item in options["paused"]:
            parts = item.split(":")
            if len(parts) != 2:
                raise UserError(
                    f"--paused “{item}”格式应为 开始日期:结束日期（如 2025-10-09:2025-10-20）。"
                )
            a, b = _date(parts[0], "暂停开始日期"), _date(parts[1], "暂停结束日期")
            if b < a:
                raise UserError(f"--paused “{item}”：结束日期早于开始日期。")
            paused.append((a, b))
        paused.sort()
        for (_, b1), (a2, _) in zip(paused, paused[1:], strict=False):
            if a2 <= b1:
                raise UserError("--paused 给出的时段相互重叠。")
        calendar = get_calendar()
        result = reply_due(
            received,
            calendar,
            correction_received=correction,
            paused=paused,
            extension_days=MAX_EXTENSION_DAYS if options["extended"] else 0,
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "received": received.isoformat(),
                        "channel": channel.value if channel else None,
                        "reply_due": result.due.isoformat(),
                        "correction_notice_due": result.correction_notice_due.isoformat(),
                        "period_start": result.period_start.isoformat(),
                        "working_days": result.days_allowed,
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(f"收到申请日期：{received.isoformat()}")
        if channel:
            self.stdout.write(f"  {RECEIPT_RULE[channel]}")
        self.stdout.write(f"补正告知期限：{result.correction_notice_due.isoformat()}（7个工作日）")
        if correction:
            self.stdout.write(f"答复期限自收到补正之日（{correction.isoformat()}）重新起算")
        self.stdout.write(f"答复期限：{result.due.isoformat()}（{result.days_allowed}个工作日）")
