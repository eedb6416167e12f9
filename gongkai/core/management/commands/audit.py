import sys

from django.apps import apps

from gongkai.core.audit import Anchor, audit_anchor, audit_verify
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = (
        "审计日志：gongkai audit anchor 打印当前锚点（序号:哈希），请抄存在数据库以外的地方；"
        "gongkai audit verify 校验哈希链，报告第一条被篡改、打乱、缺失或截断的记录"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("anchor", help="打印当前锚点：最后一条的序号和哈希，一行")
        verify = sub.add_parser("verify", help="校验审计日志")
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="序号:哈希",
            help="此前抄存的锚点；日志不再包含这一条（或哈希不同）即校验失败。可重复",
        )
        verify.add_argument(
            "--anchors-from-reports",
            action="store_true",
            help="同时核对每份已发布年报快照中记下的锚点",
        )

    def handle(self, *args, action, **options):
        if action == "anchor":
            self.stdout.write(str(audit_anchor()))
            return
        anchors = [Anchor.parse(line) for line in options["anchor"]]
        if options["anchors_from_reports"]:
            anchors += _report_anchors()
        result = audit_verify(anchors=anchors)
        (self.stdout if result.ok else self.stderr).write(result.message)
        if not result.ok:
            sys.exit(1)


def _report_anchors() -> list[Anchor]:
    """The anchor each published annual report froze when it was published."""
    snapshots = (
        apps.get_model("annual_reports", "ReportSnapshot")
        .objects.exclude(audit_anchor="")
        .select_related("report__agency")
        .order_by("published_at")
    )
    return [Anchor.parse(s.audit_anchor, source=f"已发布年报：{s}") for s in snapshots]
