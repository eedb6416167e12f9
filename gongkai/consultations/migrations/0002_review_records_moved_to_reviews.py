"""咨询投诉 review records are reviews.ReviewRecord rows now (one review-record model, issue 8);
reviews/0004_consultation_records_moved copied this table's rows there before it is dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_consultation_and_review_records"),
        ("reviews", "0004_consultation_records_moved"),
    ]

    operations = [
        migrations.DeleteModel(name="ConsultationReviewRecord"),
    ]
