from django.contrib import admin

from gongkai.core.admin import AgencyScopedAdmin

from .models import Appeal, AppealSettings


@admin.register(Appeal)
class AppealAdmin(AgencyScopedAdmin):
    list_display = ["number", "agency", "kind", "filed_on", "result", "closed_on", "application"]
    list_filter = ["kind", "result"]
    search_fields = ["number"]
    raw_id_fields = ["application"]


@admin.register(AppealSettings)
class AppealSettingsAdmin(AgencyScopedAdmin):
    list_display = ["agency", "count_carried_over"]
