# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The resource is the parent of the translations proposed for it
(amur/resources/locking.py): two proposals into one language at once leave one, and the
other organisation is told that a translation is under way."""

import threading

import pytest
from django.db import transaction

from amur.resources import services
from amur.resources.models import TranslationProposal
from tests.factories.directory import OrganisationFactory
from tests.factories.resources import published_resource
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_proposals_into_one_language_at_once_leave_one_and_refuse_the_other():
    resource = published_resource()
    source = resource.versions.get()
    proposers = [OrganisationFactory(), OrganisationFactory()]

    def worker(n):
        try:
            return services.translation_propose(
                resource=resource, organisation=proposers[n], language="ru", source=source, by=None
            )
        except services.ResourcesError as exc:
            return str(exc)

    outcomes = pg_race(worker, 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert TranslationProposal.objects.filter(resource=resource, language="ru").count() == 1
    assert "A translation into this language is already under way." in outcomes


def test_negative_control_without_the_resources_lock_only_the_constraint_stops_the_second():
    resource = published_resource()
    source = resource.versions.get()
    proposers = [OrganisationFactory(), OrganisationFactory()]
    looked = threading.Barrier(2)

    def naive(n):
        with transaction.atomic():
            under_way = TranslationProposal.objects.filter(
                resource=resource, language="ru"
            ).exists()
            looked.wait()
            if not under_way:
                TranslationProposal.objects.create(
                    resource=resource, language="ru", source=source, organisation=proposers[n]
                )

    outcomes = pg_race(naive, 2)

    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failures) == 1
    assert "one_open_proposal_per_language" in str(failures[0])
