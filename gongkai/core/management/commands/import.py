"""`gongkai import KIND FILE --agency NAME`: load a ledger (台账) into the records, all or nothing."""

from gongkai.core.ledger_registry import KIND_LABELS, LEDGERS, find_agency, ledger_function
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "导入台账：gongkai import applications|appeals|documents|publications|enforcement 文件 --agency 机关全称"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(LEDGERS))
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="机关全称")

    def handle(self, *args, kind, file, agency, **options):
        result = ledger_function(kind, 0)(actor="命令行", agency=find_agency(agency), path=file)
        summary = "，".join(f"{k} {v}" for k, v in result.items())
        self.stdout.write(f"{KIND_LABELS[kind]}导入完成：{summary}")
