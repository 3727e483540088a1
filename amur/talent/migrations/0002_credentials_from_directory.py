# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Move the directory's language skills into talent's credentials (one record, not two)."""

from django.db import migrations

# The comparable levels as ``amur.talent.levels`` derived them when this was written.
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]
TORFL = ["TEU", "TBU", "TORFL-1", "TORFL-2", "TORFL-3", "TORFL-4"]
HSK2 = {"1": (1, 0), "2": (2, 1), "3": (3, 2), "4": (4, 3), "5": (5, 3), "6": (6, 4)}
HSK3 = {"7": (5, 4), "8": (5, 4), "9": (6, 5)}


def convert(scale: str, level: str):
    if scale == "native":
        return "native", "native", (7, 7)
    if scale == "cefr" and level in CEFR:
        rank = CEFR.index(level) + 1
        return "cefr", level, (rank, rank)
    if scale == "torfl" and level in TORFL:
        rank = TORFL.index(level) + 1
        return "torfl", level, (rank, rank)
    if scale == "hsk" and level in HSK2:
        return "hsk2", level, HSK2[level]
    if scale == "hsk" and level in HSK3:
        return "hsk3", level, HSK3[level]
    return None


def forwards(apps, schema_editor):
    old = apps.get_model("directory", "PersonLanguage")
    new = apps.get_model("talent", "LanguageCredential")
    for row in old.objects.all().iterator():
        converted = convert(row.scale, row.level)
        if converted is None:
            continue
        scheme, level, (official, teachers) = converted
        new.objects.get_or_create(
            person_id=row.person_id,
            language=row.language,
            scheme=scheme,
            skill="overall",
            mode="",
            defaults={"level": level, "level_official": official, "level_teachers": teachers},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("talent", "0001_initial"),
        ("directory", "0002_organisation_schac_code"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
