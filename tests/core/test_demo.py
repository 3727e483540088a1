# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.apps import apps
from django.core.management import call_command

from amur.directory.models import Organisation, Person

pytestmark = pytest.mark.django_db(transaction=False)


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("amur.")
        and model._meta.label != "core.AuditEntry"
    }


def test_demo_loads_the_seed_organisations():
    call_command("demo", verbosity=0)

    conservatory = Organisation.objects.get(slug="harbin-conservatory")
    assert conservatory.name_zh == "哈尔滨音乐学院"
    assert conservatory.place.key == "harbin"
    assert Organisation.objects.get(slug="rccc").sector == "folk"
    assert Person.objects.get(name="李长妮").affiliations.get().organisation.slug == (
        "harbin-vocational"
    )


def test_demo_twice_changes_nothing():
    call_command("demo", verbosity=0)
    before = counts()

    call_command("demo", verbosity=0)

    assert counts() == before


def test_scaled_demo_is_deterministic_and_idempotent():
    call_command("demo", scale=1, verbosity=0)
    first = counts()
    names = sorted(Person.objects.values_list("name", flat=True))

    call_command("demo", scale=1, verbosity=0)

    assert counts() == first
    assert sorted(Person.objects.values_list("name", flat=True)) == names
    assert Organisation.objects.filter(slug__startswith="synthetic-1-").count() == 20
    assert Person.objects.filter(email__startswith="synthetic-1-").count() == 50
