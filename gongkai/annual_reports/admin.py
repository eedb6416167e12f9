from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from gongkai.core.admin import AgencyScopedAdmin
from gongkai.core.admin_mixins import run_service_action
from gongkai.core.errors import UserError
from gongkai.reviews.admin import ReviewRecordInline, WorkflowAdmin

from . import selectors, services
from .models import AnnualReport, EnforcementStats, ReportNarrative, ReportSnapshot


@admin.register(EnforcementStats)
class EnforcementStatsAdmin(AgencyScopedAdmin):
    list_display = ["agency", "year", "licensing", "penalty", "coercion", "fees_10k_yuan"]
    list_filter = ["year"]


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(AgencyScopedAdmin):
    list_display = ["agency", "year", "updated_at", "updated_by"]
    list_filter = ["year"]
    readonly_fields = ["updated_by"]

    def save_model(self, request, obj, form, change):
        try:
            services.narrative_save(
                actor=request.user,
                agency=obj.agency,
                year=obj.year,
                section1=obj.section1,
                section5=obj.section5,
                section6=obj.section6,
            )
        except UserError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        obj.pk = ReportNarrative.objects.get(agency=obj.agency, year=obj.year).pk


def _run(modeladmin, request, queryset, label, call):
    run_service_action(modeladmin, request, queryset, label, "份", call)


@admin.register(AnnualReport)
class AnnualReportAdmin(WorkflowAdmin):
    list_display = ["agency", "year", "status", "published_revision", "downloads"]
    list_filter = ["year", "status"]
    fields = ["agency", "year", "status", "downloads", "findings", "differences"]
    readonly_fields = ["status", "downloads", "findings", "differences"]
    inlines = [ReviewRecordInline]
    actions = ["submit", "first_approve", "final_approve", "publish", "revise"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "agency", "year"] if obj else self.readonly_fields

    @admin.display(description="已发布版本")
    def published_revision(self, obj):
        s = obj.latest_snapshot()
        if s is None:
            return "—"
        return f"第{s.revision}次更正" if s.revision else "首次发布"

    @admin.display(description="下载")
    def downloads(self, obj):
        if not obj or not obj.pk:
            return "—"
        live = format_html_join(
            " ",
            '<a href="{}?live=1">{}</a>',
            (
                (
                    reverse("annual_reports:staff_download", args=[obj.agency_id, obj.year, f]),
                    f"草稿{f.upper()}",
                )
                for f in ("pdf", "docx", "txt", "json", "html")
            ),
        )
        if obj.latest_snapshot() is None:
            return live
        published = format_html_join(
            " ",
            '<a href="{}">{}</a>',
            (
                (
                    reverse("annual_reports:download", args=[obj.agency_id, obj.year, f]),
                    f"已发布{f.upper()}",
                )
                for f in ("pdf", "docx", "txt", "json", "html")
            ),
        )
        return format_html("{}<br>{}", live, published)

    @admin.display(description="检查结果（当前数据）")
    def findings(self, obj):
        if not obj or not obj.pk:
            return "—"
        found = selectors.run_checks(obj.agency, selectors.build_model(obj.agency, obj.year))
        if not found:
            return "未发现问题"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>[{}] {}</li>", ((f.code, f.message) for f in found)),
        )

    @admin.display(description="与已发布版本的差异")
    def differences(self, obj):
        snapshot = obj.latest_snapshot() if obj and obj.pk else None
        if snapshot is None:
            return "尚未发布"
        diffs = selectors.differences(
            selectors.snapshot_model(snapshot), selectors.build_model(obj.agency, obj.year)
        )
        if not diffs:
            return "当前记录与已发布版本一致"
        return format_html(
            "<table><tr><th>位置</th><th>已发布</th><th>当前记录</th></tr>{}</table>"
            "<p>如需更正，请“发起更正”后重新审查并发布更正版本。</p>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                ((d.where, d.published, d.current) for d in diffs),
            ),
        )

    @admin.action(description="提交初审")
    def submit(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "已提交初审",
            lambda r: services.report_submit(actor=request.user, agency=r.agency, year=r.year),
        )

    @admin.action(description="初审通过")
    def first_approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "初审通过",
            lambda r: services.report_review(
                actor=request.user, report=r, stage="first", approve=True
            ),
        )

    @admin.action(description="终审通过")
    def final_approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "终审通过",
            lambda r: services.report_review(
                actor=request.user, report=r, stage="final", approve=True
            ),
        )

    @admin.action(description="发布（检查通过后冻结为快照）")
    def publish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "已发布",
            lambda r: services.report_publish(
                actor=request.user, report=r, note="更正后重新发布" if r.snapshots.exists() else ""
            ),
        )

    @admin.action(description="发起更正（退回拟稿，已发布版本保持不变）")
    def revise(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            "已发起更正",
            lambda r: services.report_revise(
                actor=request.user, report=r, reason="记录有更正，重新审查后发布更正版本。"
            ),
        )


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):
    list_display = ["report", "revision", "published_at", "published_by", "late"]
    readonly_fields = [f.name for f in ReportSnapshot._meta.fields]

    def get_queryset(self, request):
        from gongkai.core.permissions import agency_q

        return super().get_queryset(request).filter(agency_q(request.user, "report__agency"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
