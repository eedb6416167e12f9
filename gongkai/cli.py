"""The `gongkai` command: Django's management commands with Gongkai's settings, plus our own.

`gongkai check FILE...` is the annual-report checker; it runs without Django so that it starts fast.
Django's own system check is still available as `gongkai djangocheck`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "check":
        from gongkai.reportformat.checkcli import main as check_main

        return check_main(argv[2:])
    if len(argv) > 1 and argv[1] == "djangocheck":
        argv[1] = "check"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
