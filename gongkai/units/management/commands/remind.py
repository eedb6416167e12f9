import datetime

from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand
from gongkai.units.services import reminder_text, reminders_send


class Command(GongkaiCommand):
    help = "报送任务提醒：列出即将到期和已逾期的站所报送任务，按设置发送邮件或短信（每项只发一次）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（默认今天），如 2026-01-20")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise UserError(f"日期“{date}”格式不对，应写作 2026-01-20。") from exc
        result = reminders_send(actor="命令行", today=today)
        sent = {id(r) for r in result["sent"]}
        skipped = {id(r) for r in result["skipped"]}
        failed = {id(r): note for r, note in result["failed"]}
        self.stdout.write(f"需要提醒的报送任务：{len(result['due'])} 项")
        for row in result["due"]:
            subject, body = reminder_text(row)
            mark = "已发送" if id(row) in sent else "此前已发送" if id(row) in skipped else "未发送"
            if id(row) in failed:
                mark = f"发送失败，下次运行时重发：{failed[id(row)]}"
            self.stdout.write(f"  [{mark}] {subject}：{body}")
        if not result["senders"]:
            self.stdout.write(
                "提醒发送未开启（GONGKAI_REMIND_EMAIL、GONGKAI_REMIND_SMS 均未设置），"
                "只在工作台显示，未发送任何邮件或短信。"
            )
        else:
            self.stdout.write(
                f"发送方式：{'、'.join(result['senders'])}；本次发送 {len(result['sent'])} 项，"
                f"此前已发送 {len(result['skipped'])} 项。"
            )
        if result["failed"]:
            raise UserError(f"有 {len(result['failed'])} 项提醒发送失败（见上），下次运行时重发。")
