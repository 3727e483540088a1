# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A public list's query count does not grow with its rows.

Every public list page and API list is asked once with one row and once with twenty; the
number of queries must be the same (pretalx keeps such a test for every list).  A page
that loads a relation per row (a missing ``select_related``/``prefetch_related``) fails
here with the queries it added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.competitions import (
    EditionFactory,
    integrity_contestant,
    integrity_scene,
)
from tests.factories.directory import OrganisationFactory, PersonFactory
from tests.factories.events import EventFactory
from tests.factories.library import RecordFactory
from tests.factories.mobility import CallFactory
from tests.factories.resources import ResourceFactory, TermFactory
from tests.factories.talent import need, talent, training_offer


@dataclass(frozen=True)
class ListCase:
    name: str
    url: Callable[[dict], str]
    add: Callable[[dict], object]
    scene: Callable[[], dict] = dict

    def __str__(self) -> str:
        return self.name


def _alliance_scene() -> dict:
    return {"alliance": AllianceFactory(slug="sino-russian-vocational")}


def _listed_person(_scene):
    return PersonFactory(listed=True)


CASES = [
    ListCase("directory list", lambda s: "/directory/", lambda s: OrganisationFactory()),
    ListCase("alliances list", lambda s: "/alliances/", lambda s: AllianceFactory()),
    ListCase(
        "alliance page (members)",
        lambda s: f"/alliances/{s['alliance'].slug}/",
        lambda s: MembershipFactory(alliance=s["alliance"]),
        _alliance_scene,
    ),
    ListCase("events list", lambda s: "/events/", lambda s: EventFactory()),
    ListCase(
        "OAI-PMH ListRecords",
        lambda s: "/library/oai?verb=ListRecords&metadataPrefix=oai_dc",
        lambda s: RecordFactory(),
    ),
    ListCase(
        "events calendar", lambda s: "/events/calendar/?month=2027-08", lambda s: EventFactory()
    ),
    ListCase("events feed", lambda s: "/events/feed.ics", lambda s: EventFactory()),
    ListCase("competitions list", lambda s: "/competitions/", lambda s: EditionFactory()),
    ListCase(
        "published integrity analysis",
        lambda s: f"/competitions/rounds/{s['round'].pk}/integrity/",
        integrity_contestant,
        integrity_scene,
    ),
    ListCase("mobility calls", lambda s: "/mobility/", lambda s: CallFactory()),
    ListCase("catalogue search", lambda s: "/library/?q=onegin", lambda s: RecordFactory()),
    ListCase(
        "API organisations",
        lambda s: "/api/v1/directory/organisations",
        lambda s: OrganisationFactory(),
    ),
    ListCase("API people", lambda s: "/api/v1/directory/people", _listed_person),
    ListCase("API alliances", lambda s: "/api/v1/alliances/alliances", lambda s: AllianceFactory()),
    ListCase(
        "API alliance members",
        lambda s: f"/api/v1/alliances/alliances/{s['alliance'].slug}/members",
        lambda s: MembershipFactory(alliance=s["alliance"]),
        _alliance_scene,
    ),
    ListCase("API events", lambda s: "/api/v1/events/events", lambda s: EventFactory()),
    ListCase(
        "API catalogue records",
        lambda s: "/api/v1/library/records?q=onegin",
        lambda s: RecordFactory(),
    ),
    ListCase("API mobility calls", lambda s: "/api/v1/mobility/calls", lambda s: CallFactory()),
    ListCase("resources list", lambda s: "/resources/", lambda s: ResourceFactory()),
    ListCase("termbase", lambda s: "/resources/termbase/", lambda s: TermFactory()),
    ListCase("API resources", lambda s: "/api/v1/resources/resources", lambda s: ResourceFactory()),
    ListCase("API concepts", lambda s: "/api/v1/resources/concepts", lambda s: TermFactory()),
    ListCase("talent pool", lambda s: "/talent/", lambda s: talent()),
    ListCase("talent needs", lambda s: "/talent/needs/", lambda s: need()),
    ListCase("talent training", lambda s: "/talent/training/", lambda s: training_offer()),
    ListCase("API talent profiles", lambda s: "/api/v1/talent/profiles", lambda s: talent()),
    ListCase("API talent needs", lambda s: "/api/v1/talent/needs", lambda s: need()),
    ListCase(
        "API talent training", lambda s: "/api/v1/talent/training", lambda s: training_offer()
    ),
]


def _queries(client, url: str) -> tuple[list[str], int]:
    """The SQL a GET runs, and the size of what it answered, with nothing cached: what a
    page keeps in the cache (its aggregates, itself) would hide the queries it makes."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries], len(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    scene = case.scene()
    case.add(scene)
    url = case.url(scene)
    client.get(url)  # caches filled on first use (content types, places) are not the list's
    one, one_size = _queries(client, url)

    for _ in range(19):
        case.add(scene)
    twenty, twenty_size = _queries(client, url)

    assert twenty_size > one_size, "the new rows are not on the list: the case proves nothing"
    assert len(twenty) == len(one), "\n".join(twenty)
