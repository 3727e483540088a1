# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of an event's objects: each is found only through its own event, and
registrations and delegations only by those who may see them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.events import selectors, services
from amur.events.models import Session
from tests.factories.events import EventFactory, ModeFactory
from tests.permissions import cast

pytestmark = pytest.mark.django_db

MEMBERS = "王建国; WANG JIANGUO; CN; head of delegation"


@pytest.fixture
def scene():
    c = cast()
    event = EventFactory(host=c.org_a)
    other = EventFactory(host=c.org_a)
    return c, event, other


def _visible(lookup) -> bool:
    try:
        lookup()
    except Http404:
        return False
    return True


@pytest.mark.parametrize(
    ("who", "sees"),
    [("editor_a", True), ("staff", True), ("member_a", False), ("editor_b", False)],
)
def test_registration_get_for_is_for_the_organisers_of_its_own_event(scene, who, sees):
    c, event, other = scene
    registration = services.registration_create(
        mode=ModeFactory(event=event), name="Анна", email="anna@example.org", send_mail=False
    )
    user = getattr(c, who)

    by_pk = _visible(lambda: selectors.registration_get_for(user, event=event, pk=registration.pk))
    by_code = _visible(
        lambda: selectors.registration_get_for(
            user, event=event, ticket_code=registration.ticket_code
        )
    )
    through_other_event = _visible(
        lambda: selectors.registration_get_for(user, event=other, pk=registration.pk)
    )

    assert by_pk is sees
    assert by_code is sees
    assert through_other_event is False


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("member_a", True),
        ("editor_a", True),
        ("staff", True),
        ("admin_a", True),
        ("editor_b", False),
    ],
)
def test_delegation_get_for_is_for_its_head_and_the_organisers(scene, who, sees):
    c, event, other = scene
    delegation = services.delegation_create(
        event=event, organisation=c.org_a, head=c.member_a, members=services.parse_members(MEMBERS)
    )
    user = getattr(c, who)

    seen = _visible(lambda: selectors.delegation_get_for(user, event=event, pk=delegation.pk))
    through_other_event = _visible(
        lambda: selectors.delegation_get_for(user, event=other, pk=delegation.pk)
    )

    assert seen is sees
    assert through_other_event is False


def test_delegation_of_another_organisation_is_a_404_page(client, scene):
    c, event, _other = scene
    delegation = services.delegation_create(
        event=event, organisation=c.org_a, head=c.member_a, members=services.parse_members(MEMBERS)
    )
    client.force_login(c.editor_b)

    response = client.get(f"/events/{event.slug}/delegations/{delegation.pk}/")

    assert response.status_code == 404


def test_session_and_photo_are_found_only_through_their_event(scene):
    _c, event, other = scene
    session = Session.objects.create(
        event=event, kind="concert", start=event.start, end=event.start + timedelta(hours=1)
    )
    anonymous = AnonymousUser()

    found = selectors.session_get_for(anonymous, event=event, pk=session.pk)

    assert found == session
    with pytest.raises(Http404):
        selectors.session_get_for(anonymous, event=other, pk=session.pk)
    with pytest.raises(Http404):
        selectors.photo_get_for(anonymous, event=event, pk=1)
