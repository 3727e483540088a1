# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import migrations, models
from django.db.models import F


def offered_before(apps, schema_editor):
    # A resource published for everyone has been offered to harvesters already (a withdrawn
    # one too, when its audience was everyone): from now on it is announced when it goes.
    Resource = apps.get_model("resources", "Resource")
    Resource.objects.filter(
        audience="public", status__in=["published", "withdrawn"], published_at__isnull=False
    ).update(offered_at=F("published_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="offered_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(offered_before, migrations.RunPython.noop),
    ]
