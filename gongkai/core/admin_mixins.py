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
