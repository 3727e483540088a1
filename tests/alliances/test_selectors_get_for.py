# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of alliances: what each user may address, and 404 for the rest; the
page and the API answer a hidden draft vote alike."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.accounts.services import api_token_create
from amur.alliances import selectors
from amur.alliances.models import ConstitutionVersion, Dues
from tests.factories.alliances import (
    AllianceFactory,
    BodyFactory,
    MembershipFactory,
    VoteFactory,
)
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    secretariat, member_org = OrganisationFactory(), OrganisationFactory()
    alliance = AllianceFactory(secretariat=secretariat)
    users = {"anonymous": AnonymousUser(), "outsider": UserFactory()}
    users["secretariat_editor"] = UserFactory()
    give_role(users["secretariat_editor"], secretariat, "editor")
    users["member_editor"] = UserFactory()
    give_role(users["member_editor"], member_org, "editor")
    users["secretariat_member"] = UserFactory()
    give_role(users["secretariat_member"], secretariat, "member")
    users["staff"] = UserFactory(is_staff=True)
    return alliance, member_org, users


def _visible(lookup) -> bool:
    try:
        lookup()
    except Http404:
        return False
    return True


def test_alliance_get_for_finds_any_alliance_and_404s_an_unknown_slug(scene):
    alliance, _org, users = scene

    found = selectors.alliance_get_for(users["anonymous"], slug=alliance.slug)

    assert found == alliance
    with pytest.raises(Http404):
        selectors.alliance_get_for(users["anonymous"], slug="no-such-alliance")


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("member_editor", False),
        ("secretariat_member", False),
        ("secretariat_editor", True),
        ("staff", True),
    ],
)
def test_vote_get_for_hides_drafts_from_all_but_who_prepare_them(scene, who, sees_draft):
    alliance, _org, users = scene
    draft = VoteFactory(alliance=alliance)
    open_vote = VoteFactory(alliance=alliance, status="open")
    user = users[who]

    draft_seen = _visible(lambda: selectors.vote_get_for(user, slug=alliance.slug, pk=draft.pk))
    open_seen = _visible(lambda: selectors.vote_get_for(user, slug=alliance.slug, pk=open_vote.pk))

    assert draft_seen is sees_draft
    assert open_seen is True


def test_vote_get_for_404s_a_vote_of_another_alliance(scene):
    alliance, _org, users = scene
    elsewhere = VoteFactory(status="open")

    with pytest.raises(Http404):
        selectors.vote_get_for(users["staff"], slug=alliance.slug, pk=elsewhere.pk)


@pytest.mark.parametrize(
    ("who", "sees_application"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("secretariat_member", False),
        ("member_editor", True),
        ("secretariat_editor", True),
        ("staff", True),
    ],
)
def test_membership_get_for_shows_applications_to_both_sides_only(scene, who, sees_application):
    alliance, member_org, users = scene
    application = MembershipFactory(alliance=alliance, organisation=member_org, status="applied")
    active = MembershipFactory(alliance=alliance)
    user = users[who]

    application_seen = _visible(
        lambda: selectors.membership_get_for(user, slug=alliance.slug, pk=application.pk)
    )
    active_seen = _visible(
        lambda: selectors.membership_get_for(user, slug=alliance.slug, pk=active.pk)
    )

    assert application_seen is sees_application
    assert active_seen is True


@pytest.mark.parametrize(
    ("who", "sees_dues"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("secretariat_member", False),
        ("member_editor", True),
        ("secretariat_editor", True),
        ("staff", True),
    ],
)
def test_dues_get_for_shows_a_row_to_the_secretariat_and_the_member_only(scene, who, sees_dues):
    alliance, member_org, users = scene
    membership = MembershipFactory(alliance=alliance, organisation=member_org)
    row = Dues.objects.create(membership=membership, year=2026, amount=100)

    seen = _visible(lambda: selectors.dues_get_for(users[who], slug=alliance.slug, pk=row.pk))

    assert seen is sees_dues


def test_body_get_for_is_scoped_to_the_alliance(scene):
    alliance, _org, users = scene
    body = BodyFactory(alliance=alliance)
    elsewhere = BodyFactory()

    found = selectors.body_get_for(users["anonymous"], slug=alliance.slug, pk=body.pk)

    assert found == body
    with pytest.raises(Http404):
        selectors.body_get_for(users["anonymous"], slug=alliance.slug, pk=elsewhere.pk)


@pytest.mark.parametrize("number", ["2", "x", "", "1; drop"])
def test_constitution_version_get_for_404s_unknown_or_malformed_numbers(scene, number):
    alliance, _org, users = scene
    ConstitutionVersion.objects.create(alliance=alliance, number=1, text_en="Article 1")

    with pytest.raises(Http404):
        selectors.constitution_version_get_for(users["anonymous"], alliance=alliance, number=number)


def test_a_hidden_draft_vote_is_404_on_the_page_and_a_translated_json_404_in_the_api(client, scene):
    alliance, _org, users = scene
    draft = VoteFactory(alliance=alliance)
    outsider = users["outsider"]
    token = api_token_create(user=outsider, name="t")[1]
    client.force_login(outsider)

    page = client.get(f"/alliances/{alliance.slug}/votes/{draft.pk}/")
    api = client.get(
        f"/api/v1/alliances/alliances/{alliance.slug}/votes/{draft.pk}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert page.status_code == 404
    assert api.status_code == 404
    assert api.json() == {"error": {"code": "not_found", "message": "Не найдено.", "detail": None}}
