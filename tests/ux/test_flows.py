# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Flows that lead the user: no Apply link where nobody may apply, upcoming events first,
a calendar that opens where the next event is."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories.competitions import DisciplineFactory, EditionFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.django_db


def test_a_closed_edition_shows_no_apply_link_and_points_to_the_next(client):
    now = timezone.now()
    closed = EditionFactory(
        year=2026,
        applications_open=now - timedelta(days=90),
        applications_close=now - timedelta(days=30),
    )
    DisciplineFactory(edition=closed)
    EditionFactory(
        competition=closed.competition,
        year=2027,
        applications_open=now + timedelta(days=60),
        applications_close=now + timedelta(days=120),
    )

    html = client.get(f"/competitions/editions/{closed.pk}/").content.decode()

    assert "/apply/" not in html
    assert "Applications for this edition are closed." in html
    assert "The 2027 edition opens for applications on" in html


def test_an_open_edition_shows_apply_and_its_deadline_with_zone(client):
    edition = EditionFactory()
    discipline = DisciplineFactory(edition=edition)

    html = client.get(f"/competitions/editions/{edition.pk}/").content.decode()

    assert f"/competitions/disciplines/{discipline.pk}/apply/" in html
    assert "Applications are open until" in html
    assert "Beijing time (UTC+8)" in html


def test_an_edition_not_yet_open_says_when_it_opens(client):
    now = timezone.now()
    edition = EditionFactory(
        applications_open=now + timedelta(days=5), applications_close=now + timedelta(days=50)
    )
    DisciplineFactory(edition=edition)

    html = client.get(f"/competitions/editions/{edition.pk}/").content.decode()

    assert "/apply/" not in html
    assert "Applications open on" in html


def test_events_list_puts_upcoming_events_first(client):
    now = timezone.now()
    EventFactory(
        title_en="Long past", start=now - timedelta(days=400), end=now - timedelta(days=399)
    )
    EventFactory(
        title_en="Recently past", start=now - timedelta(days=10), end=now - timedelta(days=9)
    )
    EventFactory(
        title_en="Far ahead", start=now + timedelta(days=300), end=now + timedelta(days=301)
    )
    EventFactory(title_en="Next week", start=now + timedelta(days=7), end=now + timedelta(days=8))

    response = client.get("/events/")

    titles = [e.title_en for e in response.context["events"]]
    assert titles == ["Next week", "Far ahead", "Recently past", "Long past"]


def test_calendar_opens_on_the_month_of_the_next_event(client):
    start = datetime(2027, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(480))
    EventFactory(title_en="Harbin Fair", start=start, end=start + timedelta(hours=8))

    html = client.get("/events/calendar/").content.decode()

    assert "Harbin Fair" in html
    assert "2027" in html


def test_a_get_on_a_post_only_form_address_leads_to_its_page(client):
    from tests.factories.alliances import AllianceFactory
    from tests.factories.directory import UserFactory

    alliance = AllianceFactory()
    client.force_login(UserFactory())

    response = client.get(f"/alliances/{alliance.slug}/apply/")

    assert response.status_code == 302
    assert response["Location"] == f"/alliances/{alliance.slug}/"
    assert client.get(response["Location"]).status_code == 200


def test_a_post_only_address_still_refuses_other_methods(client):
    from tests.factories.alliances import AllianceFactory
    from tests.factories.directory import UserFactory

    alliance = AllianceFactory()
    client.force_login(UserFactory())

    response = client.put(f"/alliances/{alliance.slug}/apply/")

    assert response.status_code == 405


def test_an_officer_without_an_organisation_is_told_how_to_join(client):
    from tests.factories.alliances import AllianceFactory
    from tests.factories.directory import UserFactory

    alliance = AllianceFactory()
    client.force_login(UserFactory())

    html = client.get(f"/alliances/{alliance.slug}/").content.decode()

    assert 'href="/directory/organisations/new/"' in html
    assert 'action="/alliances/' not in html


def test_the_apply_form_gives_way_to_the_applications_status(client):
    from tests.factories.alliances import AllianceFactory, MembershipFactory
    from tests.factories.directory import OrganisationFactory, UserFactory, give_role

    alliance = AllianceFactory()
    user = UserFactory()
    organisation = OrganisationFactory()
    give_role(user, organisation, "admin")
    client.force_login(user)
    before = client.get(f"/alliances/{alliance.slug}/").content.decode()
    MembershipFactory(alliance=alliance, organisation=organisation, status="applied")

    after = client.get(f"/alliances/{alliance.slug}/").content.decode()

    assert f'action="/alliances/{alliance.slug}/apply/"' in before
    assert f'action="/alliances/{alliance.slug}/apply/"' not in after
    assert "Applied" in after
