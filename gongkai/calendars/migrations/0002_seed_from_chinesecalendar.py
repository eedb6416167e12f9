"""Seed 2004–2026 from the chinesecalendar package. Later years are entered by an administrator."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.calendars.services import PACKAGE_NOTICE, seed_rows_from_package

    CalendarYear = apps.get_model("calendars", "CalendarYear")
    CalendarException = apps.get_model("calendars", "CalendarException")
    rows = seed_rows_from_package()
    for year in range(2004, 2027):
        if CalendarYear.objects.filter(year=year).exists():
            continue
        cal_year = CalendarYear.objects.create(year=year, notice=PACKAGE_NOTICE)
        CalendarException.objects.bulk_create(
            CalendarException(date=d, kind=k, name=n, year=cal_year) for d, k, n in rows if d.year == year
        )


class Migration(migrations.Migration):
    dependencies = [("calendars", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
