from django.contrib import admin

from gongkai.core.admin_mixins import AuditedAdminMixin

from .models import CalendarException, CalendarYear


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    extra = 1
    fields = ["date", "kind", "name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["year", "notice"]
    inlines = [CalendarExceptionInline]

    def save_formset(self, request, form, formset, change):
        from gongkai.core.audit import audit_record

        super().save_formset(request, form, formset, change)
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
