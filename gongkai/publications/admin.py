from django.contrib import admin, messages
from django.db import transaction

from gongkai.core.admin import AgencyScopedAdmin
from gongkai.core.admin_mixins import run_service_action
from gongkai.core.errors import UserError
from gongkai.reviews.admin import ReviewRecordInline, WorkflowAdmin

from . import services
from .models import CatalogueColumn, NormativeDocument, Publication


@admin.register(CatalogueColumn)
class CatalogueColumnAdmin(AgencyScopedAdmin):
    list_display = ["name", "agency", "order"]
    list_filter = ["agency"]


def _run(modeladmin, request, queryset, label, call):
    run_service_action(modeladmin, request, queryset, label, "条", call)


@admin.register(Publication)
class PublicationAdmin(WorkflowAdmin):
    """Read-only: drafts are written and reviewed on the staff pages; the actions call services."""

    list_display = [
        "title",
        "agency",
        "column",
        "status",
        "formed_on",
        "published_on",
        "timeliness_label",
    ]
    list_filter = ["status", "attribute", "agency"]
    search_fields = ["title", "doc_number"]
    readonly_fields = [
        "status",
        "published_on",
        "secrecy_checked_at",
        "secrecy_checked_by",
        "created_by",
    ]
    inlines = [ReviewRecordInline]
    actions = ["submit", "first_approve", "final_approve", "publish"]

    @admin.display(description="时效（20个工作日）")
    def timeliness_label(self, obj):
        return obj.timeliness() or "—"

    @admin.action(description="提交初审")
    def submit(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "已提交初审",
            lambda p: services.publication_submit(actor=request.user, publication=p),
        )

    @admin.action(description="初审通过（已完成保密审查）")
    def first_approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "初审通过",
            lambda p: services.publication_review(
                actor=request.user, publication=p, stage="first", approve=True, secrecy_checked=True
            ),
        )

    @admin.action(description="终审通过")
    def final_approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "终审通过",
            lambda p: services.publication_review(
                actor=request.user, publication=p, stage="final", approve=True
            ),
        )

    @admin.action(description="发布")
    def publish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "已发布",
            lambda p: services.publication_publish(actor=request.user, publication=p),
        )


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(AgencyScopedAdmin):
    list_display = ["doc_number", "title", "agency", "kind", "issued_on", "abolished_on"]
    list_filter = ["kind", "agency"]
    search_fields = ["doc_number", "title"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        with transaction.atomic():
            try:
                created = services.document_register(
                    actor=request.user,
                    agency=obj.agency,
                    doc_number=obj.doc_number,
                    title=obj.title,
                    kind=obj.kind,
                    issued_on=obj.issued_on,
                    abolished_on=obj.abolished_on,
                )
            except UserError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                raise
            obj.pk = created.pk
