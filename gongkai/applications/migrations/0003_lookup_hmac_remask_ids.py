"""Lookup secrets move to HMAC-SHA256 (applications/lookup_secrets.py). Stored PBKDF2 hashes cannot
be converted (the secrets are not known) and stay valid: old receipts still work. This migration
re-masks the stored ID numbers to the first and last character only (4****************X)."""

from django.db import migrations


def remask(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    for pk, masked in Application.objects.exclude(id_number_masked="").values_list(
        "pk", "id_number_masked"
    ):
        new = masked[0] + "*" * (len(masked) - 2) + masked[-1] if len(masked) > 2 else "*" * len(masked)
        if new != masked:
            Application.objects.filter(pk=pk).update(id_number_masked=new)


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_table3_covering_index")]

    operations = [migrations.RunPython(remask, migrations.RunPython.noop)]
