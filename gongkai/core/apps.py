from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = "机关、人员与审计"
