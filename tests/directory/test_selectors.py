# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The directory's lists find each person once, however many rows match a filter (two
positions at one organisation), on the API's page and in its count, without a DISTINCT
over the list."""

import pytest
from django.contrib.auth.models import AnonymousUser

from amur.directory import selectors
from amur.directory.models import Affiliation
from tests.factories.directory import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_person_with_two_positions_at_one_organisation_is_listed_once(client):
    organisation = OrganisationFactory()
    person, other = PersonFactory(), PersonFactory(name="王芳", name_latin="Wang Fang")
    for role in ("Dean", "Professor"):
        Affiliation.objects.create(person=person, organisation=organisation, role_en=role)

    found = selectors.people_filtered(user=AnonymousUser(), organisation=organisation.pk)
    listed = client.get("/api/v1/directory/people", {"organisation": organisation.pk}).json()

    assert list(found) == [person]
    assert found.count() == 1
    assert [p["id"] for p in listed["items"]] == [person.pk]
    assert listed["count"] == 1
    assert other not in found
