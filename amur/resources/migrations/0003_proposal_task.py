# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import django.db.models.deletion
from django.db import migrations, models


def task_from_ref(apps, schema_editor):
    # The reference was the task's id as text; it was never filled (the bridge to the
    # talent module called a function that did not exist), but keep any that are.
    Proposal = apps.get_model("resources", "TranslationProposal")
    Task = apps.get_model("talent", "Task")
    for proposal in Proposal.objects.exclude(task_ref=""):
        if proposal.task_ref.isdigit() and Task.objects.filter(pk=proposal.task_ref).exists():
            proposal.task_id = int(proposal.task_ref)
            proposal.save(update_fields=["task"])


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0002_oai_offered"),
        ("talent", "0004_skill_esco_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="translationproposal",
            name="task",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="talent.task",
                verbose_name="translation task",
            ),
        ),
        migrations.RunPython(task_from_ref, migrations.RunPython.noop),
        migrations.RemoveField(model_name="translationproposal", name="task_ref"),
    ]
