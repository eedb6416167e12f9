"""`gongkai fee`: the information processing fee (信息处理费, 国办函〔2020〕109号) in 元."""

from __future__ import annotations

import json

from gongkai.applications.fees import item_fee, page_fee
from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand


def _count(text: str, what: str) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise UserError(f"{what}“{text}”不是整数。") from None
    if value < 0:
        raise UserError(f"{what}不能为负数（{value}）。")
    return value


class Command(GongkaiCommand):
    help = "计算信息处理费（按件或按量超额累进，单位：元）"

    def add_arguments(self, parser):
        parser.add_argument("--items", help="按件计收：同一申请人当月累计件数")
        parser.add_argument("--pages", help="按量计收：本申请的页数")
        parser.add_argument(
            "--earlier-items", default="0", help="按件计收时，该申请人本月此前已申请的件数"
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options):
        if (options["items"] is None) == (options["pages"] is None):
            raise UserError(
                "请给出 --items 件数 或 --pages 页数（二选一，同一申请只能用一种计费方式）。"
            )
        if options["items"] is not None:
            method, quantity = "items", _count(options["items"], "件数")
            earlier = _count(options["earlier_items"], "此前件数")
            amount = item_fee(quantity, earlier_items_this_month=earlier)
        else:
            method, quantity = "pages", _count(options["pages"], "页数")
            amount = page_fee(quantity)
        if options["json"]:
            self.stdout.write(
                json.dumps({"method": method, "quantity": quantity, "fee_yuan": str(amount)})
            )
            return
        label = "按件计收" if method == "items" else "按量计收"
        unit = "件" if method == "items" else "页"
        self.stdout.write(f"{label} {quantity}{unit}：信息处理费 {amount} 元")
