"""`gongkai report --agency NAME --year Y --format json|txt|html|docx|pdf [-o FILE]`."""

from pathlib import Path

from django.utils import timezone

from gongkai.annual_reports import outputs
from gongkai.annual_reports.selectors import report_model_for_output
from gongkai.core.errors import UserError
from gongkai.core.ledger_registry import find_agency
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = (
        "输出政府信息公开工作年度报告（已发布的输出发布快照，否则输出当前草稿）："
        "gongkai report --agency 机关全称 --year 年度 --format json|txt|html|docx|pdf [-o 文件]"
    )

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="机关全称")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", default="txt", choices=list(outputs.FORMATS))
        parser.add_argument("-o", "--output", help="输出文件；json/txt/html 省略时输出到标准输出")

    def handle(self, *args, agency, year, format, output, **options):
        fmt = format
        this_year = timezone.localdate().year
        if year > this_year:
            raise UserError(
                f"{year} 年还没有到，不能生成该年度的报告（本年度为 {this_year} 年，可生成草稿）。"
            )
        if year < 2008:
            raise UserError(f"{year} 年早于《政府信息公开条例》施行（2008 年），没有年度报告。")
        if fmt in ("docx", "pdf") and not output:
            raise UserError(f"{fmt.upper()} 是二进制文件，请用 -o 指定输出文件。")
        source = report_model_for_output(find_agency(agency), year)
        content = source.render(fmt)
        if output:
            path = Path(output)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            label = "已发布快照" if source.snapshot else "当前草稿（未发布）"
            self.stderr.write(f"已写入 {path}（{label}）")
        else:
            self.stdout.write(content, ending="")
