from django.contrib import admin

from .models import FailedQuery


@admin.register(FailedQuery)
class FailedQueryAdmin(admin.ModelAdmin):
    """Read-only statistics of searches that found nothing (no personal data, see privacy.py); for
    every staff member, since they describe what the public looks for, not anyone's records."""

    list_display = ["query", "day", "agency", "times"]
    list_filter = ["day"]
    search_fields = ["query"]
    fields = ["query", "day", "agency", "hits", "times"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    has_module_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
