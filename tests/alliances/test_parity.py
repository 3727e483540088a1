# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applying for membership on the page and through the API: the same inputs are accepted
or refused, and refused with the same message (issue 11, part 1). Each channel applies to
its own copy of the same alliance."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.alliances.models import Membership
from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

CASES = [
    # (case, category, applied before, role of the user, expected: None accepted, else
    # the refusal's message or status)
    ("valid", "member", False, "admin", None),
    ("observer", "observer", False, "admin", None),
    ("unknown category", "president", False, "admin", "Unknown membership category."),
    (
        "applied already",
        "member",
        True,
        "admin",
        "This organisation already has a membership or an application.",
    ),
    ("an editor is not the organisation's admin", "member", False, "editor", 403),
]


@pytest.mark.parametrize(
    ("case", "category", "applied", "role", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_page_and_api_accept_and_refuse_applications_alike(
    client, case, category, applied, role, expected
):
    organisation, user = OrganisationFactory(), UserFactory()
    give_role(user, organisation, role)
    page_alliance, api_alliance = AllianceFactory(), AllianceFactory()
    if applied:
        for alliance in (page_alliance, api_alliance):
            MembershipFactory(alliance=alliance, organisation=organisation, status="applied")
    before = Membership.objects.count()
    client.force_login(user)

    page = client.post(
        f"/alliances/{page_alliance.slug}/apply/",
        {"organisation": organisation.pk, "category": category},
    )
    page_messages = [str(m) for m in get_messages(page.wsgi_request)]
    api = client.post(
        f"/api/v1/alliances/alliances/{api_alliance.slug}/applications",
        {"organisation": organisation.pk, "category": category},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )

    if expected is None:
        assert page.status_code == 302
        assert api.status_code == 201
        assert Membership.objects.count() == before + 2
        assert Membership.objects.get(alliance=page_alliance).category == category
        assert Membership.objects.get(alliance=api_alliance).category == category
    elif isinstance(expected, int):
        assert page.status_code == expected
        assert api.status_code == expected
        assert Membership.objects.count() == before
    else:
        assert api.status_code == 409
        assert api.json()["error"]["message"] == expected
        assert expected in page_messages
        assert Membership.objects.count() == before
