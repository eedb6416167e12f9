from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand
from gongkai.supervision import export, figures
from gongkai.supervision.periods import Period
from gongkai.supervision.scores import assess, assessment_table
from gongkai.supervision.selectors import county_by_name, county_tree
from gongkai.supervision.summary import monthly_summary_refresh
from gongkai.supervision.transparency import index_table, transparency_index


class Command(GongkaiCommand):
    help = (
        "考核与透明度指数：gongkai assess --county 县名 --year 2025 [--quarter 1-4] "
        "--format json|xlsx [-o 文件]；gongkai assess --refresh 按全部记录重建每月汇总"
    )

    def add_arguments(self, parser):
        parser.add_argument("--county", help="县（顶级机关）全称")
        parser.add_argument("--year", type=int, help="考核年度")
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="先按全部记录重建每月汇总（绕过平台直接导入数据、修改工作日历之后运行）",
        )
        parser.add_argument("--quarter", type=int, help="季度 1—4（不填为全年）")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="输出文件（xlsx 必填；json 默认输出到屏幕）")

    def handle(self, *args, county, year, quarter, format, output, refresh, **options):
        if refresh:
            counts = monthly_summary_refresh(actor=None)
            self.stdout.write(
                f"已重建每月汇总：公开 {counts['publication_months']} 行，"
                f"答复 {counts['reply_months']} 行。"
            )
            if not county and not year:
                return
        if not county or not year:
            raise UserError(
                "请同时指定 --county 县名 和 --year 年度（或只用 --refresh 重建汇总）。"
            )
        if format == "xlsx" and not output:
            raise UserError("xlsx 格式请用 -o 指定输出文件，如 -o 考核.xlsx。")
        period = Period(year, quarter)
        county_agency = county_by_name(county)
        agencies = county_tree(county_agency)
        with figures.memo():
            table = assessment_table(assess(county_agency, agencies, period), period)
            index = index_table(transparency_index(agencies, year), year)
        if format == "json":
            text = export.to_json(table, index) + "\n"
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                self.stdout.write(text, ending="")
            return
        data = export.to_xlsx(
            [
                (f"考核 {period.label}", export.assessment_rows(table)),
                (f"透明度指数 {year}", export.index_rows(index)),
            ]
        )
        try:
            with open(output, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise UserError(f"无法写入文件“{output}”：{exc.strerror}。") from None
        self.stdout.write(f"已写入 {output}（{len(table['agencies'])} 个机关，{period.label}）")
