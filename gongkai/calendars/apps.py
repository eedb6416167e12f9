from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "gongkai.calendars"
    verbose_name = "工作日历"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
