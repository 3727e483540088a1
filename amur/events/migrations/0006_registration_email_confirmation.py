# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Anonymous registrations confirm their address by a link; the seat is held meanwhile.

Registrations made before this rule count as confirmed (at their creation); each gets its
own confirmation token before the column becomes unique.
"""

import secrets

from django.db import migrations, models

import amur.events.models


def fill(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    for registration in Registration.objects.all().only("pk", "created_at"):
        Registration.objects.filter(pk=registration.pk).update(
            confirm_token=secrets.token_urlsafe(24),
            email_confirmed_at=registration.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0005_observed_direction_participants")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="email_confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="registration",
            name="hold_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="registration",
            name="client_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="registration",
            name="confirm_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="confirm_token",
            field=models.CharField(
                default=amur.events.models._token, editable=False, max_length=64, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting approval"),
                    ("unconfirmed", "Awaiting e-mail confirmation"),
                    ("confirmed", "Confirmed"),
                    ("waitlisted", "On the waiting list"),
                    ("cancelled", "Cancelled"),
                    ("attended", "Attended"),
                ],
                max_length=12,
                verbose_name="status",
            ),
        ),
    ]
