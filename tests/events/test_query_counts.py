# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The events' lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from amur.events.models import EventOrganiser
from tests.factories.directory import OrganisationFactory
from tests.factories.events import EventFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow


def _event_scene() -> dict:
    return {"event": EventFactory()}


def _co_organiser(scene):
    return EventOrganiser.objects.create(
        event=scene["event"], organisation=OrganisationFactory(), role="co_organiser"
    )


CASES = [
    ListCase("events list", lambda s: "/events/", lambda s: EventFactory()),
    ListCase(
        "events calendar", lambda s: "/events/calendar/?month=2027-08", lambda s: EventFactory()
    ),
    ListCase("events feed", lambda s: "/events/feed.ics", lambda s: EventFactory()),
    ListCase(
        "event page (organisers)",
        lambda s: f"/events/{s['event'].slug}/",
        _co_organiser,
        _event_scene,
    ),
    ListCase("API events", lambda s: "/api/v1/events/events", lambda s: EventFactory()),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
