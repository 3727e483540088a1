# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Keeping one's talent profile on the page and through the API: the same inputs are
accepted or refused, and refused with the same message, because the service is the only
gate (issue 11, part 1). Each channel is another person keeping their own profile."""

import pytest

from amur.accounts.services import api_token_create
from amur.talent.models import Profile
from tests.factories.directory import UserFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    (
        "availability ends before it starts",
        {"available_from": "2027-05-01", "available_until": "2027-03-01"},
        "The availability ends before it starts.",
    ),
    (
        "headline too long",
        {"headline_ru": "я" * 201},
        "Ensure this value has at most 200 characters (it has 201).",
    ),
    (
        "negative experience",
        {"experience_years": -1},
        "Ensure this value is greater than or equal to 0.",
    ),
]


@pytest.mark.parametrize(("case", "inputs", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_profiles_alike(client, case, inputs, message):
    page_user, api_user = UserFactory(), UserFactory()
    data = {
        "visibility": "members",
        "headline_ru": "Переводчик китайского языка",
        "experience_years": 6,
        "max_concurrent": 2,
        "available_from": "2027-01-01",
        "available_until": "2027-12-31",
        **inputs,
    }

    client.force_login(page_user)
    page = client.post("/talent/me/", data)
    client.logout()
    api = client.put(
        "/api/v1/talent/me/profile",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=api_user, name='t')[1]}",
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        kept = Profile.objects.order_by("person__user_id")
        assert [(p.person.user, p.headline_ru, p.experience_years) for p in kept] == [
            (page_user, data["headline_ru"], 6),
            (api_user, data["headline_ru"], 6),
        ]
    else:
        assert page.status_code == 200  # the form again, with the refusal
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Profile.objects.exists()
