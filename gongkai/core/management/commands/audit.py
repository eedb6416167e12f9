import sys

from gongkai.core.audit import audit_verify
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "审计日志：gongkai audit verify 校验哈希链，报告第一条被篡改、打乱或缺失的记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="校验审计日志")

    def handle(self, *args, action, **options):
        result = audit_verify()
        (self.stdout if result.ok else self.stderr).write(result.message)
        if not result.ok:
            sys.exit(1)
