"""The project's admin site. It replaces django.contrib.admin's default site (INSTALLED_APPS names
GongkaiAdminConfig instead of "django.contrib.admin"), so that every ModelAdmin registered anywhere
— ours, django-axes', django.contrib.auth's — gets the same lookup safety (SafeLookupsMixin)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

from .admin_lookups import SafeLookupsMixin


class GongkaiAdminSite(admin.AdminSite):
    site_header = "公开 · 政府信息公开工作平台"
    site_title = "公开平台管理"
    index_title = "工作台"
    index_template = "gongkai_admin/index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeLookupsMixin):
            admin_class = type(
                admin_class.__name__,
                (SafeLookupsMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.core.admin_site.GongkaiAdminSite"
