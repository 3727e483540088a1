# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Adopting and rating another organisation's resource on the page and through the API: the
same inputs are accepted or refused, and refused with the same message, because the
service is the only gate (issue 11, part 1). Each channel acts on its own copy of the same
resource."""

import pytest

from amur.accounts.services import api_token_create
from amur.resources.models import Adoption, Rating
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import published_resource
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _api(client, user, url, data):
    token = api_token_create(user=user, name="t")[1]
    return client.post(
        url, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


ADOPT_CASES = [
    # (case, scene, message expected; None: accepted)
    ("valid", "shared", None),
    ("its own resource", "own", "An organisation does not adopt its own resource."),
    ("a draft", "draft", "Only a published resource can be adopted."),
    ("adopted before", "adopted", "Your organisation has already adopted this resource."),
]


@pytest.mark.parametrize(("case", "scene", "message"), ADOPT_CASES, ids=[c[0] for c in ADOPT_CASES])
def test_page_and_api_accept_and_refuse_adoptions_alike(client, case, scene, message):
    user, school = UserFactory(), OrganisationFactory()
    give_role(user, school, "editor")
    resources = [published_resource() for _channel in ("page", "api")]
    for resource in resources:
        if scene in ("own", "draft"):
            give_role(user, resource.organisation, "editor")
        if scene == "draft":
            resource.status = "draft"
            resource.save()
        if scene == "adopted":
            Adoption.objects.create(resource=resource, organisation=school, by=user)
    acting = [r.organisation.pk if scene == "own" else school.pk for r in resources]
    before = Adoption.objects.count()
    client.force_login(user)

    page = client.post(
        f"/resources/{resources[0].pk}/adopt/",
        {"organisation": acting[0], "note": "В курсе сварки"},
    )
    api = _api(
        client,
        user,
        f"/api/v1/resources/resources/{resources[1].pk}/adoptions",
        {"organisation": acting[1], "note": "В курсе сварки"},
    )

    if message is None:
        assert api.status_code == 201
        assert list(
            Adoption.objects.order_by("resource_id").values_list("resource", "organisation", "note")
        ) == [(r.pk, school.pk, "В курсе сварки") for r in resources]
    else:
        assert api.status_code == 409
        assert page_messages(page) == [message]
        assert message in api_messages(api)
        assert Adoption.objects.count() == before


RATE_CASES = [
    # (case, stars as typed, message expected; None: accepted)
    ("valid", 4, None),
    ("no stars", None, "A rating is one to five stars."),
    ("zero stars", 0, "A rating is one to five stars."),
    ("six stars", 6, "A rating is one to five stars."),
]


@pytest.mark.parametrize(("case", "stars", "message"), RATE_CASES, ids=[c[0] for c in RATE_CASES])
def test_page_and_api_accept_and_refuse_ratings_alike(client, case, stars, message):
    user = UserFactory()
    resources = [published_resource() for _channel in ("page", "api")]
    form = {"comment": "Полезно"} | ({} if stars is None else {"stars": stars})
    client.force_login(user)

    page = client.post(f"/resources/{resources[0].pk}/rate/", form)
    api = _api(client, user, f"/api/v1/resources/resources/{resources[1].pk}/ratings", form)

    if message is None:
        assert api.status_code == 200
        assert list(
            Rating.objects.order_by("resource_id").values_list("resource", "stars", "comment")
        ) == [(r.pk, stars, "Полезно") for r in resources]
    else:
        assert api.status_code in (409, 422)
        assert page_messages(page) == [message]
        assert message in api_messages(api)
        assert not Rating.objects.exists()
