# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every record re-keyed: a Han text of several runs (the Library of Congress writes
世运　与　命运 with ideographic spaces between words) also holds its runs' pinyin together, so
that 世运与命运 and "shiyunyumingyun" find it."""

from django.db import migrations

from amur.core.search import HAN

KEYS = ["search_keys", "title_keys", "author_keys", "title_exact", "subject_keys"]
BATCH = 500


def rekey(apps, schema_editor):
    from amur.library import marc
    from amur.library.services import WORD_MAX, authority_forms, record_values

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
        # Only records with Han characters change; their keys hold the characters.
        if not HAN.search(record.search_keys):
            continue
        values = record_values(record)
        extra = authority_forms(values, authorities)
        for name, value in marc.record_keys(values, extra=extra).items():
            setattr(record, name, value)
        batch.append(record)
        if len(batch) == BATCH:
            flush(batch)
            batch = []
    if batch:
        flush(batch)


class Migration(migrations.Migration):
    dependencies = [("library", "0011_oai_pmh")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
