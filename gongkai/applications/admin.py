from django.contrib import admin

from gongkai.calendars.workdays import CalendarMissing
from gongkai.core.admin import AgencyScopedAdmin
from gongkai.reviews.admin import ReviewRecordInline, WorkflowAdmin

from . import clock
from .letters import DEFAULT_TEMPLATES, LETTER_KINDS
from .models import Application, ApplicationEvent, Letter, LetterTemplate, RequestSettings
from .selectors import clock_for


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ["date", "kind", "days", "note", "actor"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(WorkflowAdmin):
    """Read-only: a request changes only through the services (the staff case file); the admin
    shows the record and its computed clock."""

    list_display = [
        "number",
        "agency",
        "applicant_type",
        "id_masked",
        "received_on",
        "status",
        "due_date",
        "days_left",
        "outcome",
        "replied_on",
    ]
    list_filter = ["status", "applicant_type", "channel", "outcome"]
    search_fields = ["number", "content"]
    date_hierarchy = "received_on"
    inlines = [EventInline, ReviewRecordInline]
    fields = [
        "agency",
        "number",
        "applicant_type",
        "applicant_name",
        "id_number_masked",
        "contact",
        "address",
        "channel",
        "received_on",
        "content",
        "form_requested",
        "status",
        "proposed_outcome",
        "outcome",
        "replied_on",
        "fee_method",
        "fee_quantity",
        "fee_yuan",
        "query_code",
    ]
    readonly_fields = [
        "agency",
        "number",
        "id_number_masked",
        "channel",
        "received_on",
        "status",
        "proposed_outcome",
        "outcome",
        "replied_on",
        "fee_method",
        "fee_quantity",
        "fee_yuan",
        "query_code",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency").prefetch_related("events")

    def has_add_permission(self, request):
        return False  # intake goes through application_register (validation, numbering, audit)

    def _clock(self, obj):
        if obj.replied_on:
            return None
        if not hasattr(obj, "_clock_cache"):
            try:
                obj._clock_cache = clock_for(obj, events=obj.events.all())
            except CalendarMissing as exc:
                obj._clock_cache = exc
        return obj._clock_cache

    @admin.display(description="身份证明")
    def id_masked(self, obj):
        return obj.id_number_masked

    @admin.display(description="答复期限")
    def due_date(self, obj):
        result = self._clock(obj)
        if result is None:
            return "—"
        if isinstance(result, CalendarMissing):
            return "日历缺失"
        if result.due is None:
            return {"correction": "待补正", "consulting": "征求意见中", "fee": "待缴费"}.get(
                result.stopped, "暂停"
            )
        return result.due

    @admin.display(description="剩余工作日")
    def days_left(self, obj):
        from django.utils import timezone

        from gongkai.calendars.selectors import get_calendar

        result = self._clock(obj)
        if result is None or isinstance(result, CalendarMissing) or result.due is None:
            return "—"
        left = clock.days_left(result.due, timezone.localdate(), get_calendar())
        return f"逾期{-left}" if left < 0 else left


@admin.register(LetterTemplate)
class LetterTemplateAdmin(AgencyScopedAdmin):
    list_display = ["agency", "kind", "title", "updated_at"]
    list_filter = ["kind"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            from django import forms

            return forms.ChoiceField(label="文书类型", choices=list(LETTER_KINDS.items()))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kind = initial.get("kind") or "reply_granted"
        title, body = DEFAULT_TEMPLATES.get(kind, ("", ""))
        return {"kind": kind, "title": title, "body": body, **initial}


@admin.register(Letter)
class LetterAdmin(WorkflowAdmin):
    list_display = [
        "number_text",
        "title",
        "application",
        "issued_on",
        "delivery_method",
        "delivered_on",
    ]
    readonly_fields = [
        "application",
        "agency",
        "kind",
        "year",
        "seq",
        "number_text",
        "title",
        "body",
        "issued_on",
    ]


@admin.register(RequestSettings)
class RequestSettingsAdmin(AgencyScopedAdmin):
    list_display = [
        "agency",
        "letter_prefix",
        "reconsideration_body",
        "court",
        "notices_need_review",
    ]
