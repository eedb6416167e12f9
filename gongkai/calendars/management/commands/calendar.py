from gongkai.calendars.checks import missing_next_year
from gongkai.calendars.selectors import get_calendar
from gongkai.calendars.services import calendar_import, calendar_seed_from_package
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "工作日历：import 导入国务院节假日安排（CSV：日期,类型(休/班),说明）；seed；years；show 年份"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入 CSV（列：日期、类型（休或班）、说明）")
        imp.add_argument("file")
        imp.add_argument("--notice", default="", help="依据的通知，如 国办发明电〔2026〕N号")
        sub.add_parser("seed", help="从 chinesecalendar 补入 2004–2026 年数据（幂等）")
        sub.add_parser("years", help="列出已有数据的年份")

    def handle(self, *args, action, **options):
        if action == "import":
            result = calendar_import(actor="命令行", path=options["file"], notice=options["notice"])
            years = "、".join(str(y) for y in result["years"])
            self.stdout.write(f"已导入 {years} 年，共 {result['days']} 天。")
        elif action == "seed":
            self.stdout.write(f"已补入 {calendar_seed_from_package()} 天。")
        else:
            years = sorted(get_calendar().years)
            self.stdout.write("已有工作日历数据的年份：" + "、".join(map(str, years)))
            missing = missing_next_year()
            if missing:
                self.stderr.write(f"提醒：尚未录入 {missing} 年的节假日安排。")
