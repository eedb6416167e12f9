"""The admin shows workflow objects but never edits them: its generic forms would bypass the review.

`WorkflowAdmin` is read-only for everyone (no add, change or delete); its actions call services.
"""

from django.contrib import admin

from gongkai.core.admin import AgencyScopedAdmin
from gongkai.core.permissions import agency_q

from .models import ReviewRecord


class ReadOnly:
    """No add, change or delete, for anyone."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkflowAdmin(ReadOnly, AgencyScopedAdmin):
    pass


class ReviewRecordInline(ReadOnly, admin.TabularInline):
    model = ReviewRecord
    extra = 0
    can_delete = False
    fields = ["at", "stage", "decision", "reviewer_label", "secrecy_checked", "note"]
    readonly_fields = fields


@admin.register(ReviewRecord)
class ReviewRecordAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["at", "subject", "stage", "decision", "reviewer_label"]
    list_filter = ["stage", "decision"]

    @admin.display(description="审查对象")
    def subject(self, obj):
        return obj.publication or obj.application or obj.report

    def get_queryset(self, request):
        user = request.user
        return (
            super()
            .get_queryset(request)
            .filter(
                agency_q(user, "publication__agency")
                | agency_q(user, "application__agency")
                | agency_q(user, "report__agency")
            )
        )

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    has_module_permission = has_view_permission
