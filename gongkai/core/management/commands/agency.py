from gongkai.core.choices import AgencyLevel
from gongkai.core.management.base import GongkaiCommand
from gongkai.core.models import Agency
from gongkai.core.services import agency_add


class Command(GongkaiCommand):
    help = "管理机关：gongkai agency add 名称 [--parent 上级] [--level county|township|department|unit]；gongkai agency list"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="添加机关")
        add.add_argument("name", help="机关全称，如 朱阳关镇人民政府")
        add.add_argument("--parent", help="上级机关全称")
        add.add_argument(
            "--level",
            choices=AgencyLevel.values,
            help="层级（默认：无上级为 county，否则 township）",
        )
        add.add_argument("--may-make-rules", action="store_true", help="有权制定规章")
        sub.add_parser("list", help="列出机关")

    def handle(self, *args, action, **options):
        if action == "add":
            level = options["level"] or ("township" if options["parent"] else "county")
            agency = agency_add(
                actor="命令行",
                name=options["name"],
                level=level,
                parent_name=options["parent"],
                may_make_rules=options["may_make_rules"],
            )
            self.stdout.write(f"已添加：{agency.name}（{agency.get_level_display()}）")
        else:
            for agency in Agency.objects.order_by("path"):
                depth = agency.path.count("/") - 2
                deadline = agency.report_deadline(2000)
                self.stdout.write(
                    f"{'  ' * depth}{agency.name}\t{agency.get_level_display()}"
                    f"\t年报期限 {deadline.month}月{deadline.day}日"
                )
