from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .admin_mixins import AuditedAdminMixin
from .audit_models import AuditEvent
from .models import Agency, User
from .permissions import WRITE_ROLES, agency_q, can_write, visible_agencies


class AgencyScopedAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Base for every admin of agency-owned records: the list and each object are scoped the same way."""

    agency_field = "agency"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agency_q(request.user, self.agency_field))

    def _agency_of(self, obj):
        return getattr(obj, self.agency_field)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    has_module_permission = has_view_permission

    def has_add_permission(self, request):
        return request.user.is_superuser or getattr(request.user, "role", None) in WRITE_ROLES

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.has_add_permission(request)
        return can_write(request.user, self._agency_of(obj))

    has_delete_permission = has_change_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.agency_field:
            kwargs["queryset"] = visible_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Agency)
class AgencyAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "level", "parent", "is_disclosure_body", "may_make_rules"]
    list_filter = ["level", "is_disclosure_body"]
    search_fields = ["name"]
    fields = [
        "name",
        "level",
        "parent",
        "is_disclosure_body",
        "may_make_rules",
        "report_deadline_month",
        "report_deadline_day",
    ]

    def get_queryset(self, request):
        return visible_agencies(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    has_module_permission = has_view_permission

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return (
            obj is not None
            and getattr(request.user, "role", None) == "admin"
            and can_write(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["name", "level", "parent"]


@admin.register(User)
class PersonAdmin(AuditedAdminMixin, UserAdmin):
    list_display = ["username", "full_name", "agency", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("身份", {"fields": ["full_name", "agency", "role", "is_active", "is_staff", "is_demo"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "password1", "password2", "agency", "role"]})]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agency_q(request.user))

    def has_module_permission(self, request):
        return request.user.is_superuser or getattr(request.user, "role", None) == "admin"

    has_view_permission = lambda self, request, obj=None: self.has_module_permission(request)  # noqa: E731
    has_change_permission = has_add_permission = has_delete_permission = has_view_permission

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = visible_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "at", "actor_label", "agency", "action", "object_type", "object_id"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agency_q(request.user))

    def has_module_permission(self, request):
        return request.user.is_superuser or getattr(request.user, "role", None) in {
            "admin",
            "county_office",
        }

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
