from django.db import migrations


class Migration(migrations.Migration):
    """The old review records were copied into reviews.ReviewRecord; their table goes."""

    dependencies = [
        ("annual_reports", "0004_review_engine"),
        ("reviews", "0002_review_engine_move_records"),
    ]

    operations = [
        migrations.DeleteModel(name="ReportReview"),
    ]
