"""A covering index for the single pass over a period's items (figures.publication_months):
agency, publication date, then every column the pass reads, so SQLite and PostgreSQL answer it
from the index without touching the wide publication rows. Named after its owner, as in 0002."""

from django.db import migrations

PUBLICATION = (
    "CREATE INDEX IF NOT EXISTS publication_period_supervision_index ON publications_publication "
    "(agency_id, published_on, status, revises_id, formed_on, column_id)"
)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_supervision_indexes")]

    operations = [
        migrations.RunSQL(PUBLICATION, "DROP INDEX IF EXISTS publication_period_supervision_index"),
    ]
