# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""OAI-PMH: a datestamp on every record and the deleted records harvesters must learn of.

Adding the column makes SQLite rebuild library_record, which drops the triggers that keep
the search index of 0006 in step: they are created again here (0006 asks for it)."""

import importlib

import django.utils.timezone
from django.db import migrations, models

search_index = importlib.import_module("amur.library.migrations.0006_search_index")


def triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in search_index.SQLITE_REVERSE[:3] + search_index.SQLITE[1:]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0010_patron_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="record",
            name="modified_at",
            field=models.DateTimeField(
                auto_now=True, db_index=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
        migrations.RunPython(triggers_again, migrations.RunPython.noop),
        migrations.CreateModel(
            name="DeletedRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("record_id", models.PositiveBigIntegerField(unique=True)),
                ("library_code", models.CharField(max_length=40)),
                ("languages", models.CharField(blank=True, max_length=40)),
                ("marc21", models.BooleanField(default=True)),
                (
                    "deleted_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
            ],
            options={"ordering": ["deleted_at", "record_id"]},
        ),
    ]
