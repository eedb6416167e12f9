"""One review-record model (issue 8): 咨询投诉 answers get the fourth foreign key `consultation`.
The rows of consultations.ConsultationReviewRecord move here in 0004 (a migration of its own: on
PostgreSQL, rows inserted with deferred foreign keys block this migration's CREATE INDEX)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


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
    ]
