from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    verbose_name = "咨询投诉"

    def ready(self):
        from . import review  # noqa: F401  registers the subject type with the review engine
