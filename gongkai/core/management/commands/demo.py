"""`gongkai demo`: a realistic demo county, loaded idempotently. Each app adds its records via its demo.py."""

import importlib

from django.conf import settings
from django.db import transaction

from gongkai.core.demo import DEMO_PASSWORD, load_core_demo
from gongkai.core.errors import UserError
from gongkai.core.management.base import GongkaiCommand

# Each of these modules, when present, defines load_demo(agencies: dict[str, Agency], people: dict) -> None.
APP_DEMOS = [
    "publications",
    "applications",
    "appeals",
    "annual_reports",
    "inspections",  # after publications: it inspects them
    "consultations",
]


class Command(GongkaiCommand):
    help = "载入演示数据（卢氏县及所属乡镇、部门、站所，各角色演示账号）；可重复运行"

    def handle(self, *args, **options):
        if not settings.GONGKAI_DEMO:
            raise UserError("当前不是演示模式（GONGKAI_DEMO 未开启），不能载入演示数据。")
        with transaction.atomic():
            agencies, people = load_core_demo()
            for app in APP_DEMOS:
                try:
                    module = importlib.import_module(f"gongkai.{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"gongkai.{app}.demo":
                        raise
                    continue
                module.load_demo(agencies, people)
        self.stdout.write("演示数据已就绪。演示账号（仅在演示模式下可登录）：")
        for username, person in people.items():
            self.stdout.write(
                f"  {username:<12} {person.get_role_display():<6} {person.agency or '全部机关'}"
            )
        self.stdout.write(f"演示密码：{DEMO_PASSWORD}")
