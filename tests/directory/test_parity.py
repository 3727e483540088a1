# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Registering an organisation on the page and through the API: the same inputs are
accepted or refused, and refused with the same message, because the service (the model's
own validation, which it runs) is the only gate (issue 11, part 1)."""

import pytest

from amur.accounts.services import api_token_create
from amur.directory.models import Organisation
from tests.factories.core import PlaceFactory
from tests.factories.directory import UserFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("a Russian name only", {"name_en": "", "name_ru": "Ансамбль «Амур»"}, None),
    ("no name", {"name_en": "  "}, "An organisation needs a name in at least one language."),
    ("bad e-mail", {"email": "office@"}, "Enter a valid email address."),
    (
        "name too long",
        {"name_en": "A" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(("case", "inputs", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_organisations_alike(client, case, inputs, message):
    user = UserFactory()
    place = PlaceFactory()
    data = {
        "name_en": "Amur Folk Ensemble",
        "kind": "association",
        "sector": "folk",
        "email": "office@amur.example.org",
        **inputs,
    }
    client.force_login(user)

    page = client.post("/directory/organisations/new/", {**data, "place": place.pk})
    api = client.post(
        "/api/v1/directory/organisations",
        {**data, "place": place.key},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        made = Organisation.objects.order_by("pk")
        assert [(o.name_en, o.name_ru, o.roles.get().user) for o in made] == 2 * [
            (data["name_en"], data.get("name_ru", ""), user)
        ]
    else:
        assert page.status_code == 200  # the form again, with the refusal
        assert api.status_code == 422
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Organisation.objects.exists()
