from django.contrib import admin

from gongkai.core.admin import AgencyScopedAdmin

from .models import Appeal, AppealSettings


@admin.register(Appeal)
class AppealAdmin(AgencyScopedAdmin):
    """Read-only: cases are registered and closed on the staff pages (/appeals/staff/), which call
    appeal_register / appeal_record_result (validation and audit in one place)."""

    list_display = ["number", "agency", "kind", "filed_on", "result", "closed_on", "application"]
    list_filter = ["kind", "result"]
    search_fields = ["number"]
    fields = ["agency", "number", "kind", "filed_on", "result", "closed_on", "application", "note"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AppealSettings)
class AppealSettingsAdmin(AgencyScopedAdmin):
    list_display = ["agency", "count_carried_over"]
