from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "gongkai.units"
    verbose_name = "站所报送"

    def ready(self) -> None:
        """Units' submissions feed the assessment's "站所报送信息数" (supervision sources)."""
        from gongkai.supervision.sources import register

        register("submitted", _submitted_in_period)


def _submitted_in_period(agency_ids, period) -> dict[int, tuple[int, int]]:
    """{unit id: (items it submitted to its office in the period, 0)} for the units (站所, not
    disclosure bodies) among `agency_ids`, counted in SQL; other agencies have no such figure."""
    from django.db.models import Count

    from gongkai.core.models import Agency

    from .models import UnitSubmission

    units = list(
        Agency.objects.filter(pk__in=list(agency_ids), is_disclosure_body=False).values_list(
            "pk", flat=True
        )
    )
    counts = dict.fromkeys(units, (0, 0))
    rows = (
        UnitSubmission.objects.filter(
            unit_id__in=units, submitted_on__range=(period.start, period.end)
        )
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    counts.update({r["unit_id"]: (r["n"], 0) for r in rows})
    return counts
