"""`gongkai deadline`: the reply due date of a request with its corrections, consultations (capped
at the 15-working-day window from the consulted party's receipt), other pauses and extension; the
correction-notice due date and the 补正期限. With --json, errors too are JSON on stdout (exit 2)."""

from __future__ import annotations

import datetime
import json
import sys

from django.db import DatabaseError

from gongkai.applications.choices import RECEIPT_RULE, Channel
from gongkai.applications.clock import MAX_EXTENSION_DAYS, THIRD_PARTY_DAYS, reply_due
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.services import parse_date
from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand

CHANNELS = {label: value for value, label in Channel.choices}


class DeadlineError(UserError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _date(text: str, what: str, code: str = "invalid_date") -> datetime.date:
    day = parse_date(text or "")
    if day is None:
        raise DeadlineError(code, f"{what}“{text}”不是有效日期，应为 YYYY-MM-DD（如 2025-09-25）。")
    return day


def _span(item: str, option: str, *, open_end: bool) -> tuple[datetime.date, datetime.date | None]:
    parts = item.split(":")
    if len(parts) != 2 or not parts[0] or (not parts[1] and not open_end):
        example = "2025-10-09:2025-10-20" + ("，未答复写 2025-10-09:" if open_end else "")
        raise DeadlineError(
            "invalid_span", f"{option} “{item}”格式应为 开始日期:结束日期（如 {example}）。"
        )
    a = _date(parts[0], f"{option} 开始日期")
    b = _date(parts[1], f"{option} 结束日期") if parts[1] else None
    if b is not None and b < a:
        raise DeadlineError("invalid_span", f"{option} “{item}”：结束日期早于开始日期。")
    return a, b


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
        parser.add_argument(
            "--consultation",
            action="append",
            default=[],
            metavar="FROM:TO",
            help="征求第三方（第三十二条）或其他机关（第三十四条）意见：FROM 为对方收到征求意见书之日，"
            "TO 为收到答复之日，未答复写 FROM:；暂停至 TO 或15个工作日届满，以较早者为准。可多次给出",
        )
        parser.add_argument("--extended", action="store_true", help="经批准延期20个工作日")
        parser.add_argument(
            "--extended-on", metavar="DATE", help="延期决定日期（须不晚于原答复期限）"
        )
        parser.add_argument(
            "--extension-days", type=int, default=None, help="延长的工作日数，1–20，默认20"
        )
        parser.add_argument("--correction-notice", metavar="DATE", help="告知补正日期")
        parser.add_argument("--correction-days", type=int, default=None, help="补正期限（工作日）")
        parser.add_argument(
            "--json", action="store_true", help="以 JSON 输出（错误也以 JSON 输出）"
        )

    def execute(self, *args, **options):
        if options.get("json"):
            try:
                return super(GongkaiCommand, self).execute(*args, **options)
            except UserError as exc:
                code = getattr(exc, "code", "invalid_input")
                self.stdout.write(
                    json.dumps({"error": code, "message": exc.message}, ensure_ascii=False)
                )
                sys.exit(2)
            except DatabaseError:
                message = "数据库不可用或尚未初始化。请先运行 gongkai migrate。"
                self.stdout.write(
                    json.dumps(
                        {"error": "database_unavailable", "message": message}, ensure_ascii=False
                    )
                )
                sys.exit(3)
        return super().execute(*args, **options)

    def handle(self, *args, **options):
        if not options["received"]:
            raise DeadlineError(
                "missing_received", "请用 --received YYYY-MM-DD 给出收到申请的日期。"
            )
        received = _date(options["received"], "收到申请日期")
        channel = None
        if options["channel"]:
            if options["channel"] not in CHANNELS:
                raise DeadlineError(
                    "invalid_channel",
                    f"申请方式“{options['channel']}”无效，应为：{'、'.join(CHANNELS)}。",
                )
            channel = Channel(CHANNELS[options["channel"]])
        correction = None
        if options["correction_received"]:
            correction = _date(options["correction_received"], "收到补正日期")
            if correction < received:
                raise DeadlineError("before_receipt", "收到补正日期不能早于收到申请日期。")
        calendar = get_calendar()
        paused = [_span(item, "--paused", open_end=False) for item in options["paused"]]
        consultations = [
            _span(item, "--consultation", open_end=True) for item in options["consultation"]
        ]
        spans = []
        for a, b in paused:
            spans.append((a, b, "--paused"))
        for a, b in consultations:
            spans.append((a, b or calendar.add_working_days(a, THIRD_PARTY_DAYS), "--consultation"))
        for a, _b, option in spans:
            if a < received:
                raise DeadlineError(
                    "pause_before_receipt",
                    f"{option} 的开始日期（{a.isoformat()}）早于收到申请日期（{received.isoformat()}）。",
                )
        spans.sort()
        for (_, b1, _o1), (a2, _, _o2) in zip(spans, spans[1:], strict=False):
            if a2 <= b1:
                raise DeadlineError("overlapping_pauses", "给出的暂停或征求意见时段相互重叠。")
        # Correction notice and 补正期限 (Art. 30).
        notice = correction_deadline = None
        if options["correction_notice"] or options["correction_days"] is not None:
            if not (options["correction_notice"] and options["correction_days"] is not None):
                raise DeadlineError(
                    "correction_incomplete", "--correction-notice 和 --correction-days 须同时给出。"
                )
            notice = _date(options["correction_notice"], "告知补正日期")
            if notice < received:
                raise DeadlineError("before_receipt", "告知补正日期不能早于收到申请日期。")
            if not 1 <= options["correction_days"] <= 60:
                raise DeadlineError(
                    "invalid_correction_days", "--correction-days 应为1至60个工作日。"
                )
            correction_deadline = calendar.add_working_days(notice, options["correction_days"])
        # Extension (Art. 33 ¶2): once, ≤ 20 working days, decided by the original due date.
        extended_on = None
        days = options["extension_days"]
        if days is not None and not options["extended_on"] and not options["extended"]:
            raise DeadlineError(
                "extension_incomplete", "--extension-days 须与 --extended-on 一起给出。"
            )
        days = MAX_EXTENSION_DAYS if days is None else days
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise DeadlineError(
                "invalid_extension_days",
                f"--extension-days 应为1至{MAX_EXTENSION_DAYS}个工作日（条例第三十三条）。",
            )
        common = dict(correction_received=correction, paused=paused, consultations=consultations)
        original = reply_due(received, calendar, **common)
        if options["extended_on"]:
            extended_on = _date(options["extended_on"], "延期决定日期")
            if extended_on > original.due:
                raise DeadlineError(
                    "extension_too_late",
                    f"延期决定日期（{extended_on.isoformat()}）晚于原答复期限（{original.due.isoformat()}），"
                    "不能延期：延长答复期限须在法定期限届满前决定（条例第三十三条）。",
                )
        extending = bool(extended_on or options["extended"])
        result = reply_due(
            received,
            calendar,
            **common,
            extension_days=days if extending else 0,
            extended_on=extended_on,
        )
        late = bool(notice and notice > result.correction_notice_due)
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
                        "original_due": original.due.isoformat(),
                        "paused_working_days": sum(
                            calendar.working_days_between(p.start, p.end) for p in result.pauses
                        ),
                        "correction_notice": notice.isoformat() if notice else None,
                        "correction_deadline": correction_deadline.isoformat()
                        if correction_deadline
                        else None,
                        "correction_notice_late": late,
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(f"收到申请日期：{received.isoformat()}")
        if channel:
            self.stdout.write(f"  {RECEIPT_RULE[channel]}")
        self.stdout.write(f"补正告知期限：{result.correction_notice_due.isoformat()}（7个工作日）")
        if notice:
            self.stdout.write(
                f"告知补正日期：{notice.isoformat()}；补正期限：{correction_deadline.isoformat()}"
                f"（{options['correction_days']}个工作日）"
            )
            if late:
                self.stderr.write(
                    f"警告：补正告知晚于 {result.correction_notice_due.isoformat()}，"
                    "超过收到申请之日起7个工作日的期限（条例第三十条）。"
                )
        for p in result.pauses:
            self.stdout.write(f"不计入期限：{p.start.isoformat()} 至 {p.end.isoformat()}")
        if extending:
            self.stdout.write(f"原答复期限：{original.due.isoformat()}；延长{days}个工作日")
        if correction:
            self.stdout.write(f"答复期限自收到补正之日（{correction.isoformat()}）重新起算")
        self.stdout.write(f"答复期限：{result.due.isoformat()}（{result.days_allowed}个工作日）")
