import datetime

from django.contrib import admin

from gongkai.core.admin_mixins import AuditedAdminMixin

from .models import CalendarException, CalendarYear
from .signals import calendar_changed_send


def _whole_year(year: int) -> dict:
    return {"first": datetime.date(year, 1, 1), "last": datetime.date(year, 12, 31)}


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    extra = 1
    fields = ["date", "kind", "name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["year", "notice"]
    inlines = [CalendarExceptionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a year now counted
            calendar_changed_send(**_whole_year(obj.year))

    def delete_model(self, request, obj):
        year = obj.year
        super().delete_model(request, obj)
        calendar_changed_send(**_whole_year(year))

    def delete_queryset(self, request, queryset):
        years = list(queryset.values_list("year", flat=True))
        super().delete_queryset(request, queryset)
        if years:
            calendar_changed_send(
                first=_whole_year(min(years))["first"], last=_whole_year(max(years))["last"]
            )

    def save_formset(self, request, form, formset, change):
        from gongkai.core.audit import audit_record

        # The days whose kind may change: the old date of every edited or deleted row, the new one
        # of every added or edited row.
        touched = [f.initial["date"] for f in formset.initial_forms if f.has_changed()]
        super().save_formset(request, form, formset, change)
        touched += [o.date for o in formset.new_objects]
        touched += [o.date for o, _ in formset.changed_objects]
        touched += [o.date for o in formset.deleted_objects]
        if touched:
            calendar_changed_send(first=min(touched), last=max(touched))
        for obj in formset.new_objects + [o for o, _ in formset.changed_objects]:
            audit_record(
                actor=request.user,
                action="admin.change",
                obj=obj,
                new={"date": obj.date, "kind": obj.kind, "name": obj.name},
            )
        for obj in formset.deleted_objects:
            audit_record(
                actor=request.user,
                action="admin.delete",
                obj=obj,
                old={"date": obj.date, "kind": obj.kind, "name": obj.name},
            )

    def has_module_permission(self, request):
        return request.user.is_superuser

    has_view_permission = has_change_permission = has_add_permission = has_delete_permission = (
        lambda self, request, obj=None: request.user.is_superuser
    )
