"""One review-record model (issue 8): 咨询投诉 answers get the fourth foreign key `consultation`,
and the rows of consultations.ConsultationReviewRecord move here (that table is dropped by
consultations/0002_review_records_moved_to_reviews)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


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
        ('annual_reports', '0005_review_engine_drop_old_records'),
        ('applications', '0005_review_engine'),
        ('consultations', '0001_consultation_and_review_records'),
        ('publications', '0004_rich_items'),
        ('reviews', '0002_review_engine_move_records'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reviewrecord',
            name='review_record_one_subject',
        ),
        migrations.AddField(
            model_name='reviewrecord',
            name='consultation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='consultations.consultation', verbose_name='咨询投诉答复'),
        ),
        migrations.AddConstraint(
            model_name='reviewrecord',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('application__isnull', True), ('consultation__isnull', True), ('publication__isnull', False), ('report__isnull', True)), models.Q(('application__isnull', False), ('consultation__isnull', True), ('publication__isnull', True), ('report__isnull', True)), models.Q(('application__isnull', True), ('consultation__isnull', True), ('publication__isnull', True), ('report__isnull', False)), models.Q(('application__isnull', True), ('consultation__isnull', False), ('publication__isnull', True), ('report__isnull', True)), _connector='OR'), name='review_record_one_subject'),
        ),
        migrations.RunPython(move_records, move_back),
    ]
