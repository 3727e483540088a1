# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""PostgreSQL: a full-text (tsvector) index over the search keys, which orders matches by
relevance (ts_rank_cd: more of the query's words, closer together). Matching itself stays
the trigram substring search of 0006, so both databases find the same records."""

from django.db import migrations

FORWARD = """CREATE INDEX IF NOT EXISTS library_record_keys_fts
    ON library_record USING gin (to_tsvector('simple', search_keys))"""
REVERSE = "DROP INDEX IF EXISTS library_record_keys_fts"


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0007_loan_external_id")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(REVERSE))]
