from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    verbose_name = "监督保障：考核、全县看板、透明度指数"

    def ready(self):
        from gongkai.calendars.signals import calendar_changed

        from .summary import on_calendar_changed

        calendar_changed.connect(on_calendar_changed, dispatch_uid="supervision.monthly_summary")
