"""SQLite: filter tokens (agency, 栏目, year, kind) in search_fts.meta for rows indexed before them, the
same as backends.sqlite.filter_token writes: "zz" + a letter + the value's UTF-8 bytes in hex.
(`gongkai reindex` gives the same result; this saves running it after the upgrade.)"""

from django.db import migrations

from .__init__ import __name__ as _package  # noqa: F401  (keeps this module importable alone)

TOKEN = "CASE WHEN {value} IS NOT NULL AND {value} != '' THEN ' zz{name}' || lower(hex({value})) ELSE '' END"
FORWARD = (
    "UPDATE search_fts SET meta = meta || (SELECT "
    + " || ".join(
        TOKEN.format(name=name, value=value)
        for name, value in (
            ("a", "CAST(e.agency_id AS TEXT)"),
            ("c", 'e."column"'),
            ("y", "CAST(e.year AS TEXT)"),
            ("k", "e.kind"),
        )
    )
    + " FROM search_searchentry e WHERE e.id = search_fts.rowid)"
)

def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FORWARD)

class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
