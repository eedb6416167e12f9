from gongkai.core.choices import AgencyLevel
from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand
from gongkai.core.models import Agency
from gongkai.core.services import agency_add, agency_update


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
        add.add_argument(
            "--disclosure-body",
            choices=["yes", "no"],
            help="以自己名义公开（默认：县、乡镇、部门是；站所否）",
        )
        sub.add_parser("list", help="列出机关")
        change = sub.add_parser("set", help="修改机关设置")
        change.add_argument("name", help="机关全称")
        change.add_argument(
            "--deadline",
            help="年报发布期限，如 02-20（月-日）；default 恢复条例第四十九条的默认期限",
        )
        change.add_argument("--may-make-rules", choices=["yes", "no"], help="是否有权制定规章")
        change.add_argument(
            "--disclosure-body",
            choices=["yes", "no"],
            help="是否以自己名义公开（编制年报、受理申请）；否则通过上级机关报送",
        )

    def handle(self, *args, action, **options):
        if action == "add":
            level = options["level"] or ("township" if options["parent"] else "county")
            agency = agency_add(
                actor="命令行",
                name=options["name"],
                level=level,
                parent_name=options["parent"],
                may_make_rules=options["may_make_rules"],
                is_disclosure_body=(
                    None
                    if options["disclosure_body"] is None
                    else options["disclosure_body"] == "yes"
                ),
            )
            note = "" if agency.is_disclosure_body else f"；{_body_label(agency)}"
            self.stdout.write(f"已添加：{agency.name}（{agency.get_level_display()}）{note}")
        elif action == "set":
            self._set(options)
        else:
            for agency in Agency.objects.order_by("path"):
                depth = agency.path.count("/") - 2
                deadline = agency.report_deadline(2000)
                self.stdout.write(
                    f"{'  ' * depth}{agency.name}\t{agency.get_level_display()}"
                    + (
                        f"\t年报期限 {deadline.month}月{deadline.day}日"
                        if agency.is_disclosure_body
                        else f"\t{_body_label(agency)}"
                    )
                )

    def _set(self, options):
        agency = Agency.objects.filter(name=options["name"].strip()).first()
        if agency is None:
            raise UserError(
                f"机关“{options['name']}”不存在（gongkai agency list 可查看已有机关）。"
            )
        changes = {}
        if options["deadline"] == "default":
            changes.update(report_deadline_month=None, report_deadline_day=None)
        elif options["deadline"]:
            month, _, day = options["deadline"].partition("-")
            if not (month.isdigit() and day.isdigit()):
                raise UserError(f"期限“{options['deadline']}”格式不对，应写作 月-日，如 02-20。")
            changes.update(report_deadline_month=int(month), report_deadline_day=int(day))
        if options["may_make_rules"]:
            changes["may_make_rules"] = options["may_make_rules"] == "yes"
        if options["disclosure_body"]:
            changes["is_disclosure_body"] = options["disclosure_body"] == "yes"
        if not changes:
            raise UserError(
                "没有要修改的设置：请给出 --deadline、--may-make-rules 或 --disclosure-body。"
            )
        agency_update(actor="命令行", agency=agency, **changes)
        deadline = agency.report_deadline(2000)
        self.stdout.write(
            f"已修改：{agency.name}，年报发布期限 {deadline.month}月{deadline.day}日，"
            f"{'有' if agency.may_make_rules else '无'}权制定规章，{_body_label(agency)}"
        )


def _body_label(agency: Agency) -> str:
    if agency.is_disclosure_body:
        return "以自己名义公开"
    return f"不单独公开，通过“{agency.disclosure_office().name}”报送"
