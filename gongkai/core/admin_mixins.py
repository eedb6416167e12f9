from django.db import transaction
from django.forms.models import model_to_dict

from .audit import audit_record


class AuditedAdminMixin:
    """Admin saves and deletes go through the audit log, in the same transaction."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            old = None
            if change:
                old = model_to_dict(type(obj).objects.get(pk=obj.pk), fields=form.changed_data)
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action=f"admin.{'change' if change else 'add'}",
                obj=obj,
                old=old,
                new=model_to_dict(obj, fields=form.changed_data or None),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(actor=request.user, action="admin.delete", obj=obj, old=model_to_dict(obj))
            super().delete_model(request, obj)


def run_service_action(modeladmin, request, queryset, label: str, unit: str, call) -> None:
    """An admin action that calls one service per selected object, reporting each refusal in Chinese."""
    from django.contrib import messages

    from .errors import UserError

    done = 0
    for obj in queryset:
        try:
            call(obj)
            done += 1
        except UserError as exc:
            problems = "；".join(exc.problems[:5])
            modeladmin.message_user(request, f"“{obj}”：{exc.message}{problems}", messages.ERROR)
    if done:
        modeladmin.message_user(request, f"{label}：{done} {unit}。", messages.SUCCESS)
