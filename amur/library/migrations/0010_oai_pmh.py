# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0009_search_words"),
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
        migrations.CreateModel(
            name="DeletedRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("record_id", models.PositiveBigIntegerField(unique=True)),
                ("library_code", models.CharField(max_length=40)),
                ("languages", models.CharField(blank=True, max_length=40)),
                ("marc21", models.BooleanField(default=True)),
                ("deleted_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
            options={"ordering": ["deleted_at", "record_id"]},
        ),
    ]
