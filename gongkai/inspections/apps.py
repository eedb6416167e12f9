from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "gongkai.inspections"
    label = "inspections"
    verbose_name = "自查与需求"

    def ready(self) -> None:
        """Self-inspection feeds the assessment (findings fixed on time) and the county dashboard
        (open findings) through the supervision app's pluggable sources."""
        from gongkai.supervision.sources import register

        from . import selectors

        register(
            "inspection",
            lambda agency_ids, period: selectors.findings_fixed_on_time(
                agency_ids, period.start, period.end
            ),
        )
        register(
            "inspection_open",
            lambda agency_ids, period: {
                agency_id: (open_, 0)
                for agency_id, (open_, _overdue) in selectors.open_findings_by_agency(
                    agency_ids
                ).items()
            },
        )
