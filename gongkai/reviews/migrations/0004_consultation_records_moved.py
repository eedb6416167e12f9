"""Move the rows of consultations.ConsultationReviewRecord into reviews.ReviewRecord (one review-record
model, issue 8); consultations/0002_review_records_moved_to_reviews then drops that table."""

from django.db import migrations

FIELDS = (
    "stage",
    "decision",
    "from_status",
    "to_status",
    "reviewer_id",
    "reviewer_label",
    "at",
    "note",
    "secrecy_checked",
    "consultation_id",
)


def move_records(apps, schema_editor):
    Old = apps.get_model("consultations", "ConsultationReviewRecord")
    ReviewRecord = apps.get_model("reviews", "ReviewRecord")
    ReviewRecord.objects.bulk_create(
        ReviewRecord(**{f: getattr(old, f) for f in FIELDS})
        for old in Old.objects.order_by("at", "id")
    )


def move_back(apps, schema_editor):
    Old = apps.get_model("consultations", "ConsultationReviewRecord")
    ReviewRecord = apps.get_model("reviews", "ReviewRecord")
    rows = ReviewRecord.objects.filter(consultation__isnull=False).order_by("at", "id")
    Old.objects.bulk_create(Old(**{f: getattr(r, f) for f in FIELDS}) for r in rows)
    # the queryset refuses delete() in the app; the historical model has a plain manager
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_consultation_and_review_records"),
        ("reviews", "0003_consultation_records"),
    ]

    operations = [migrations.RunPython(move_records, move_back)]
