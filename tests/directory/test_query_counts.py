# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The directory's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.directory import OrganisationFactory, PersonFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow


def _organisation_scene() -> dict:
    return {"organisation": OrganisationFactory()}


def _affiliated_person(scene):
    person = PersonFactory(listed=True)
    person.affiliations.create(organisation=scene["organisation"], role_en="Professor")
    return person


def _listed_person(_scene):
    return PersonFactory(listed=True)


CASES = [
    ListCase("directory list", lambda s: "/directory/", lambda s: OrganisationFactory()),
    ListCase(
        "organisation page (people)",
        lambda s: f"/directory/organisations/{s['organisation'].pk}/",
        _affiliated_person,
        _organisation_scene,
    ),
    ListCase(
        "API organisations",
        lambda s: "/api/v1/directory/organisations",
        lambda s: OrganisationFactory(),
    ),
    ListCase("API people", lambda s: "/api/v1/directory/people", _listed_person),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
