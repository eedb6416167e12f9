"""The full-text part of the index, which differs by database:

- SQLite: the FTS5 table `search_fts` (rowid = SearchEntry id) and a trigger that deletes its row
  with the entry.
- PostgreSQL: the pg_trgm extension, a tsvector column `document` on search_searchentry with a GIN
  index, and a trigram GIN index on the canonical 文号.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, meta, "
    "tokenize = \"unicode61 remove_diacritics 0 tokenchars '〔〕'\")",
    "CREATE TRIGGER search_entry_delete_words AFTER DELETE ON search_searchentry "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_delete_words",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING gin (document)",
    "CREATE INDEX search_entry_doc_number_trgm ON search_searchentry "
    "USING gin (doc_number_key gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_doc_number_trgm",
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


class RunSQLOn(migrations.RunSQL):
    """RunSQL that runs only on one database vendor ("sqlite", "postgresql")."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entries_and_failed_queries")]

    operations = [
        RunSQLOn("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        RunSQLOn("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
