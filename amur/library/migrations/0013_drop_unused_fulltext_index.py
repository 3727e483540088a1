"""PostgreSQL: drop the full-text (tsvector) index of 0008.  No query uses it: matching is
the trigram substring search of 0006, and ts_rank_cd, which orders the matches, reads each
found row's keys, not the index.  Keeping it up to date cost a fifth of an import's
database time (5,000 LC records: 2.4 s with it, 1.8 s without)."""

from django.db import migrations

FORWARD = "DROP INDEX IF EXISTS library_record_keys_fts"
REVERSE = """CREATE INDEX IF NOT EXISTS library_record_keys_fts
    ON library_record USING gin (to_tsvector('simple', search_keys))"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0012_search_keys_han_runs")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(REVERSE))]
