# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The events list's filters on an event's many rows (organisers, fields, modes) find each
event once, for the page, the API and their counts, without a DISTINCT over the list."""

import pytest

from amur.core.models import FieldOfExchange
from amur.events import selectors
from amur.events.models import EventOrganiser
from tests.factories.directory import OrganisationFactory
from tests.factories.events import EventFactory, ModeFactory
from tests.permissions import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded():
    """One event with two folk co-organisers, two fields and two modes; one plain event."""
    event = EventFactory(host=OrganisationFactory(sector="folk"))
    EventOrganiser.objects.create(
        event=event, organisation=OrganisationFactory(sector="folk"), role="co_organiser"
    )
    music = FieldOfExchange.objects.get_or_create(key="music", defaults={"name_en": "Music"})[0]
    dance = FieldOfExchange.objects.get_or_create(key="dance", defaults={"name_en": "Dance"})[0]
    event.fields.set([music, dance])
    ModeFactory(event=event, attendance="in_person")
    ModeFactory(event=event, attendance="online")
    plain = EventFactory()
    return event, plain


@pytest.mark.parametrize(
    "filters",
    [{"sector": "folk"}, {"field": "music"}, {"attendance": "online"}, {}],
    ids=["sector", "field", "attendance", "none"],
)
def test_each_event_is_listed_once_whatever_the_filter(crowded, filters):
    event, plain = crowded
    c = cast()

    for user in (c.staff, c.editor_a, _anonymous()):
        found = selectors.events_filtered(user, **filters)
        assert list(found).count(event) == 1
        assert found.count() == len(list(found))
        assert (plain in found) is (not filters)


def test_a_draft_is_listed_once_for_its_hosts_editor_and_hidden_from_others():
    c = cast()
    event = EventFactory(host=c.org_a, status="draft")
    EventOrganiser.objects.create(event=event, organisation=c.org_b, role="co_organiser")

    assert list(selectors.events_visible_to(c.editor_a)).count(event) == 1
    assert list(selectors.events_visible_to(c.staff)).count(event) == 1
    assert event not in selectors.events_visible_to(c.editor_b)
    assert event not in selectors.events_visible_to(_anonymous())


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
