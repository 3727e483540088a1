# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The flows of issue 15, part 6, in a browser and in the reader's language: nobody is
offered an Apply link they cannot use, an officer without an organisation is told how to
join, the apply form gives way to the application's status, a form address opened by GET
shows its page, upcoming events come first and the calendar opens on the next one, a long
member list pages and filters.  Any console error fails (the ``visit`` fixture)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.competitions import DisciplineFactory, EditionFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.events import EventFactory
from tests.pg import sqlite_only

pytestmark = [pytest.mark.browser, sqlite_only, pytest.mark.django_db(transaction=True)]


def test_a_closed_edition_offers_no_apply_link_and_names_the_next(visit):
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

    page = visit(f"/competitions/editions/{closed.pk}/", language="ru")

    assert page.locator("a[href$='/apply/']").count() == 0
    assert "2027" in page.locator("main").inner_text()


def test_an_officer_without_an_organisation_follows_the_way_to_join(visit):
    alliance = AllianceFactory()

    page = visit(f"/alliances/{alliance.slug}/", language="zh-hans", user=UserFactory())
    assert page.locator(f"form[action='/alliances/{alliance.slug}/apply/']").count() == 0
    page.locator("p.how-to-join a").click()

    page.wait_for_url("**/directory/organisations/new/")
    assert page.locator("form").count() >= 1


def test_applying_replaces_the_form_by_the_applications_status(visit):
    alliance = AllianceFactory()
    user = UserFactory()
    organisation = OrganisationFactory(name_ru="Хэйхэский университет")
    give_role(user, organisation, "admin")

    page = visit(f"/alliances/{alliance.slug}/", language="ru", user=user)
    page.fill("#apply-text", "Мы готовим преподавателей русского языка.")
    with page.expect_navigation():
        page.click(f"form[action='/alliances/{alliance.slug}/apply/'] button[type=submit]")

    assert page.locator(f"form[action='/alliances/{alliance.slug}/apply/']").count() == 0
    assert alliance.memberships.get(organisation=organisation).status == "applied"


def test_a_form_address_opened_in_the_address_bar_shows_its_page(visit):
    alliance = AllianceFactory()

    page = visit(f"/alliances/{alliance.slug}/apply/", language="en", user=UserFactory())

    assert page.url.endswith(f"/alliances/{alliance.slug}/")
    assert page.locator("h1").count() == 1


def test_upcoming_events_come_first_and_the_calendar_opens_on_the_next(visit):
    now = timezone.now()
    EventFactory(
        title_en="Recently past", start=now - timedelta(days=10), end=now - timedelta(days=9)
    )
    upcoming = EventFactory(
        title_en="Next month", start=now + timedelta(days=35), end=now + timedelta(days=36)
    )

    page = visit("/events/", language="en")
    first = page.locator("main table tbody tr").first.inner_text()
    calendar = visit("/events/calendar/", language="en")

    assert "Next month" in first
    assert "Next month" in calendar.locator("main").inner_text()
    assert str(upcoming.start.year) in calendar.locator("main").inner_text()


def test_a_long_member_list_pages_and_filters_in_any_script(visit):
    alliance = AllianceFactory()
    for number in range(30):
        college = OrganisationFactory(name_en=f"College {number:02d}")
        MembershipFactory(alliance=alliance, status="active", organisation=college)
    MembershipFactory(
        alliance=alliance,
        status="active",
        organisation=OrganisationFactory(name_ru="Амурский колледж", name_en="Amur College"),
    )

    page = visit(f"/alliances/{alliance.slug}/", language="en")
    rows = page.locator("table.members tbody tr").count()
    page.fill("form.members-filter input[name=q]", "Амурский")
    with page.expect_navigation():
        page.click("form.members-filter button[type=submit]")

    assert rows == 25
    assert page.locator("table.members tbody tr").count() == 1
    assert "Amur College" in page.locator("table.members").inner_text()
