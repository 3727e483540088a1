# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The catalogue's vocabulary (a misspelt term is corrected to its words), and every
record re-keyed: the ALA-LC signs and ligature ties are dropped from keys, runs of words
are kept together, Han readings follow the record's romanisation."""

from django.db import migrations, models

KEYS = ["search_keys", "title_keys", "author_keys", "title_exact", "subject_keys"]
BATCH = 500


def rekey(apps, schema_editor):
    from amur.library import marc
    from amur.library.services import WORD_MAX, record_values, authority_forms

    record_model = apps.get_model("library", "Record")
    word_model = apps.get_model("library", "SearchWord")
    authorities = list(apps.get_model("library", "Authority").objects.all())

    def flush(batch):
        record_model.objects.bulk_update(batch, KEYS)
        words = {w for r in batch for w in r.search_keys.split()}
        word_model.objects.bulk_create(
            [word_model(word=w) for w in words if len(w) <= WORD_MAX and w.isascii()],
            ignore_conflicts=True,
        )

    batch = []
    for record in record_model.objects.iterator(chunk_size=BATCH):
        values = record_values(record)
        for name, value in marc.record_keys(values, extra=authority_forms(values, authorities)).items():
            setattr(record, name, value)
        batch.append(record)
        if len(batch) == BATCH:
            flush(batch)
            batch = []
    if batch:
        flush(batch)


class Migration(migrations.Migration):
    dependencies = [("library", "0008_fulltext_rank_index")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=64, primary_key=True, serialize=False)),
            ],
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
