"""`gongkai selfcheck --agency NAME`: run the county's self-inspection checklist for one agency (or
`--all` for every agency) and print the findings still open."""

from __future__ import annotations

from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand
from gongkai.core.models import Agency
from gongkai.inspections import services
from gongkai.inspections.models import OPEN_STATUSES, Finding


class Command(GongkaiCommand):
    help = "按县公开办的自查清单对机关开展自查，新问题记为待整改"

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="机关全称")
        parser.add_argument("--all", action="store_true", help="对所有机关开展自查")

    def handle(self, *args, **options):
        if options["all"]:
            agencies = list(Agency.objects.order_by("path"))
        elif options["agency"]:
            agency = Agency.objects.filter(name=options["agency"].strip()).first()
            if agency is None:
                raise UserError(f"没有名为“{options['agency']}”的机关（请写机关全称）。")
            agencies = [agency]
        else:
            raise UserError("请用 --agency 指定机关全称，或用 --all 对所有机关自查。")
        for agency in agencies:
            run = services.inspection_run(actor="命令行", agency=agency)
            open_rows = Finding.objects.filter(agency=agency, status__in=OPEN_STATUSES)
            self.stdout.write(
                f"{agency.name}：新发现问题 {run.new_findings} 个，未销号 {open_rows.count()} 个"
            )
            for finding in open_rows.order_by("deadline", "id"):
                self.stdout.write(
                    f"  [{finding.get_status_display()}] {finding.title}（整改期限 {finding.deadline}）"
                )
