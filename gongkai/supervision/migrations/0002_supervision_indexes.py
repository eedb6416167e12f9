"""Covering indexes for the county-wide counts (bench/bench_supervision.py): the timeliness join
and the monthly trends read only the index, never the wide publication rows. Created with SQL in
this app so that the publications app's models stay untouched; the names say who owns them."""

from django.db import migrations

PUBLICATION = (
    "CREATE INDEX IF NOT EXISTS publication_supervision_index ON publications_publication "
    "(formed_on, published_on, agency_id, status, revises_id)"
)
APPLICATION = (
    "CREATE INDEX IF NOT EXISTS application_supervision_index ON applications_application "
    "(agency_id, replied_on, received_on)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_weights_and_reminders"),
        ("publications", "0003_review_engine_drop_old_records"),
        ("applications", "0005_review_engine"),
    ]

    operations = [
        migrations.RunSQL(PUBLICATION, "DROP INDEX IF EXISTS publication_supervision_index"),
        migrations.RunSQL(APPLICATION, "DROP INDEX IF EXISTS application_supervision_index"),
    ]
