from django.contrib import admin

from gongkai.core.permissions import agency_q

from .models import ReminderSent, ReportingTask, UnitSubmission


class ReadOnlyAdmin(admin.ModelAdmin):
    """Tasks, submissions and reminders change only through the services (staff page, CLI)."""

    agency_field = "unit"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agency_q(request.user, self.agency_field))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingTask)
class ReportingTaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "office", "rhythm", "starts_on", "due_on"]
    list_filter = ["rhythm"]


@admin.register(UnitSubmission)
class UnitSubmissionAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "office", "task", "submitted_by_label", "submitted_at"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    agency_field = "task__unit"
    list_display = ["task", "period_start", "kind", "channels", "recipients", "sent_at"]
