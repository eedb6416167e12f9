"""`gongkai linkcheck`: check the portal's pages, attachments and the links in published items;
store what is broken (shown on 自查问题, feeding the checklist's link item). Run from cron or a
systemd timer, e.g. nightly: `30 2 * * * gongkai linkcheck`. Exit status 0 = nothing broken,
1 = broken links found."""

from __future__ import annotations

import sys

from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand
from gongkai.inspections import services


class Command(GongkaiCommand):
    help = "检查本站页面、附件和已发布信息中的外部链接，记录失效链接"

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-external", type=int, default=200, help="每次最多检查的外部链接数（默认 200）"
        )
        parser.add_argument(
            "--per-host-interval",
            type=float,
            default=2.0,
            help="对同一外部网站两次请求的最短间隔秒数（默认 2）",
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="单个请求超时秒数（默认 10）"
        )

    def handle(self, *args, **options):
        if (
            options["max_external"] < 0
            or options["timeout"] <= 0
            or options["per_host_interval"] < 0
        ):
            raise UserError(
                "--max-external 不能为负数，--timeout 必须大于 0，--per-host-interval 不能为负数。"
            )
        run = services.linkcheck_run(
            actor="命令行",
            external_limit=options["max_external"],
            per_host_interval=options["per_host_interval"],
            timeout=options["timeout"],
        )
        self.stdout.write(f"检查链接 {run.checked} 个，失效 {run.broken} 个。")
        if run.skipped_external:
            self.stdout.write(f"另有 {run.skipped_external} 个外部链接超出单次上限，下次再查。")
        for link in run.results.select_related("agency"):
            where = link.agency.name if link.agency else "全站"
            self.stdout.write(
                f"  {where}｜{link.get_origin_display()}｜{link.url}｜{link.problem}｜{link.found_on_page}"
            )
        if run.broken:
            sys.exit(1)
