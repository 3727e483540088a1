# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The catalogue's search index, on whichever database runs.

Search matches every query term as a substring of ``Record.search_keys`` (keys already
normalised across scripts in Python), so both databases give the same results; each
gets an index that answers exactly that question:

- SQLite: an FTS5 table with the trigram tokenizer over ``search_keys`` (external content,
  kept in step by triggers); ``"term"`` matches any substring of three letters or more.
- PostgreSQL: the pg_trgm extension and a GIN trigram index on ``search_keys``, which
  serves ``LIKE '%term%'`` and the word-similarity operator (``<%``) that finds misspelt
  names when nothing matches exactly.

SQLite drops a table's triggers when Django rebuilds the table (most AlterField on
SQLite): a later migration that alters ``library_record`` must run SQLITE here again.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE library_record_fts USING fts5(
        search_keys, content='library_record', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER library_record_fts_insert AFTER INSERT ON library_record BEGIN
        INSERT INTO library_record_fts(rowid, search_keys) VALUES (new.id, new.search_keys);
    END""",
    """CREATE TRIGGER library_record_fts_delete AFTER DELETE ON library_record BEGIN
        INSERT INTO library_record_fts(library_record_fts, rowid, search_keys)
        VALUES ('delete', old.id, old.search_keys);
    END""",
    """CREATE TRIGGER library_record_fts_update AFTER UPDATE OF search_keys ON library_record
    BEGIN
        INSERT INTO library_record_fts(library_record_fts, rowid, search_keys)
        VALUES ('delete', old.id, old.search_keys);
        INSERT INTO library_record_fts(rowid, search_keys) VALUES (new.id, new.search_keys);
    END""",
    "INSERT INTO library_record_fts(library_record_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS library_record_fts_insert",
    "DROP TRIGGER IF EXISTS library_record_fts_delete",
    "DROP TRIGGER IF EXISTS library_record_fts_update",
    "DROP TABLE IF EXISTS library_record_fts",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX IF NOT EXISTS library_record_keys_trgm
        ON library_record USING gin (search_keys gin_trgm_ops)""",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS library_record_keys_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def rekey(apps, schema_editor):
    """Fill the ranking and facet keys of records imported before they existed."""
    from amur.library import marc
    from amur.library.services import record_values, authority_forms

    record_model = apps.get_model("library", "Record")
    authorities = list(apps.get_model("library", "Authority").objects.all())
    for record in record_model.objects.iterator(chunk_size=500):
        values = record_values(record)
        keys = marc.record_keys(values, extra=authority_forms(values, authorities))
        for name, value in keys.items():
            setattr(record, name, value)
        record.save(update_fields=list(keys))


class Migration(migrations.Migration):
    dependencies = [("library", "0005_search_columns")]

    operations = [
        migrations.RunPython(rekey, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
