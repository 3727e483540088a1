# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.core.management import call_command

from amur.mobility.models import LearningAgreementVersion, Mobility

pytestmark = pytest.mark.django_db


def load():
    call_command("demo", only=["core", "directory", "accounts", "mobility"], verbosity=0)


def test_demo_mobilities_go_both_ways_and_load_twice_unchanged():
    load()
    before = (Mobility.objects.count(), LearningAgreementVersion.objects.count())

    load()

    assert (Mobility.objects.count(), LearningAgreementVersion.objects.count()) == before
    countries = {
        (m.sending.place.country_code, m.receiving.place.country_code)
        for m in Mobility.objects.select_related("sending__place", "receiving__place")
    }
    assert {("CN", "RU"), ("RU", "CN")} <= countries


def test_demo_learning_agreement_has_an_agreed_version_and_an_open_change():
    load()

    stay = Mobility.objects.get(person__name="陈思远")

    assert [(v.number, v.agreed, v.open) for v in stay.la_versions.all()] == [
        (1, True, False),
        (2, False, True),
    ]
