from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "gongkai.inspections"
    label = "inspections"
    verbose_name = "自查与需求"
