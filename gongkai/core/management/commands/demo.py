"""`gongkai demo`: a realistic demo county, loaded idempotently. Each app adds its records via its demo.py."""

import importlib

from django.conf import settings
from django.db import transaction

from gongkai.core.demo import DEMO_PASSWORD, load_core_demo
from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand

# Each of these modules, when present, defines load_demo(agencies: dict[str, Agency], people: dict) -> None.
# They run in this order; then every other gongkai app's `demo.py` (e.g. assessment, self-inspection)
# in INSTALLED_APPS order, so a new app joins the demo by adding a demo.py with load_demo.
APP_DEMOS = [
    "publications",
    "applications",
    "appeals",
    "annual_reports",
    "units",
    "inspections",  # after publications: it inspects them
    "consultations",
]


def demo_apps() -> list[str]:
    from django.apps import apps

    others = [
        config.name.removeprefix("gongkai.")
        for config in apps.get_app_configs()
        if config.name.startswith("gongkai.") and config.name != "gongkai.core"
    ]
    return APP_DEMOS + [name for name in others if name not in APP_DEMOS]


class Command(GongkaiCommand):
    help = "载入演示数据（卢氏县及所属乡镇、部门、站所，各角色演示账号）；可重复运行"

    def handle(self, *args, **options):
        if not settings.GONGKAI_DEMO:
            raise UserError("当前不是演示模式（GONGKAI_DEMO 未开启），不能载入演示数据。")
        with transaction.atomic():
            agencies, people = load_core_demo()
            for app in demo_apps():
                try:
                    module = importlib.import_module(f"gongkai.{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name not in (f"gongkai.{app}", f"gongkai.{app}.demo"):
                        raise
                    continue
                module.load_demo(agencies, people)
        self.stdout.write("演示数据已就绪。演示账号（仅在演示模式下可登录）：")
        for username, person in people.items():
            self.stdout.write(
                f"  {username:<12} {person.get_role_display():<6} {person.agency or '全部机关'}"
            )
        self.stdout.write(f"演示密码：{DEMO_PASSWORD}")
