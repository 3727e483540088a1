# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The alliance breakdown is counted by the database, kept in the cache, and counted
afresh after any change to memberships, organisations or places."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import translation

from amur.alliances import services
from amur.alliances.models import Membership
from amur.alliances.selectors import membership_breakdown
from amur.core.models import DataVersion
from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.core import PlaceFactory
from tests.factories.directory import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _scene():
    alliance = AllianceFactory()
    harbin = PlaceFactory()
    MembershipFactory(
        alliance=alliance,
        organisation=OrganisationFactory(place=harbin, kind="university"),
        joined_on=date(2019, 5, 1),
    )
    MembershipFactory(
        alliance=alliance,
        organisation=OrganisationFactory(place=harbin),
        category="executive",
        joined_on=date(2021, 5, 1),
    )
    MembershipFactory(alliance=alliance, status="applied")
    return alliance


def test_breakdown_counts_the_active_members_in_the_readers_language():
    alliance = _scene()

    with translation.override("ru"):
        breakdown = membership_breakdown(alliance)

    assert breakdown["total"] == 2
    assert breakdown["by"]["kind"] == [
        ("Колледж профессионального образования", 1),
        ("Университет", 1),
    ]
    assert breakdown["by"]["country"] == [("CN", 2)]
    assert breakdown["growth"] == [(2019, 1), (2021, 2)]


def test_breakdown_is_served_from_the_cache_while_nothing_changes(django_assert_num_queries):
    alliance = _scene()
    first = membership_breakdown(alliance)

    with django_assert_num_queries(1):  # the data versions only
        second = membership_breakdown(alliance)

    assert second == first


def test_a_membership_approved_is_counted_at_once():
    alliance = _scene()
    before = membership_breakdown(alliance)
    applied = Membership.objects.get(alliance=alliance, status="applied")
    staff = UserFactory(is_staff=True)

    services.membership_transition(membership=applied, to="under_review", by=staff)
    services.membership_transition(membership=applied, to="active", by=staff)
    after = membership_breakdown(alliance)

    assert (before["total"], after["total"]) == (2, 3)


def test_a_queryset_update_of_memberships_is_counted_at_once():
    alliance = _scene()
    membership_breakdown(alliance)

    Membership.objects.filter(alliance=alliance).update(status="suspended")

    assert membership_breakdown(alliance)["total"] == 0


def test_an_organisation_changing_its_kind_is_counted_at_once():
    alliance = _scene()
    membership_breakdown(alliance)
    organisation = alliance.memberships.get(category="executive").organisation

    organisation.kind = "university"
    organisation.save()

    assert membership_breakdown(alliance)["by"]["kind"] == [("University", 2)]


@transaction.atomic
def _join_then_fail(alliance):
    MembershipFactory(alliance=alliance)
    raise RuntimeError


@pytest.mark.django_db(transaction=True)
def test_a_commit_raises_the_apps_data_version_once_and_a_rollback_not_at_all():
    alliance = AllianceFactory()
    before = DataVersion.objects.get(app="alliances").version

    with transaction.atomic():
        MembershipFactory(alliance=alliance)
        MembershipFactory(alliance=alliance)
        inside = DataVersion.objects.get(app="alliances").version
    committed = DataVersion.objects.get(app="alliances").version
    with pytest.raises(RuntimeError):
        _join_then_fail(alliance)
    rolled_back = DataVersion.objects.get(app="alliances").version

    assert (inside, committed, rolled_back) == (before, before + 1, before + 1)
