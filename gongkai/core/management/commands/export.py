"""`gongkai export KIND FILE --agency NAME [--year Y]`: write a ledger in the same shape as the import."""

from gongkai.core.ledger_registry import KIND_LABELS, LEDGERS, find_agency, ledger_function
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "导出台账（.xlsx 或 .csv），格式与导入相同"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(LEDGERS))
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="机关全称")
        parser.add_argument("--year", type=int, help="只导出该年度")

    def handle(self, *args, kind, file, agency, year, **options):
        rows = ledger_function(kind, 1)(agency=find_agency(agency), path=file, year=year)
        self.stdout.write(f"{KIND_LABELS[kind]}已导出 {rows} 行到 {file}")
