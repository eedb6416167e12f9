import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from gongkai.core.errors import UserError


class GongkaiCommand(BaseCommand):
    """A management command whose user errors print as plain Chinese messages, never tracebacks."""

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except UserError as exc:
            self.stderr.write(f"错误：{exc.message}")
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            sys.exit(exc.exit_status)
        except DatabaseError as exc:
            self.stderr.write(
                f"错误：数据库不可用或尚未初始化（{exc.__class__.__name__}）。请先运行 gongkai migrate。"
            )
            sys.exit(3)
