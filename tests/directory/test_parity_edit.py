# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Changing an organisation and a person on the page and through the API: the same inputs
are accepted or refused, and refused with the same message, because the service (the
model's own validation, which it runs) is the only gate (issue 11, part 1). Each channel
changes its own copy."""

import pytest

from amur.accounts.services import api_token_create
from amur.directory.models import Organisation, Person
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _patch(client, user, url, data):
    return client.patch(
        url,
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )


def _refused_alike(page, api, message):
    assert page.status_code == 200  # the form again, with the refusal
    assert api.status_code in (409, 422)
    assert message in page_messages(page)
    assert message in api_messages(api)


ORGANISATION_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("a website", {"website": "https://amur.example.org"}, None),
    ("a website without its scheme", {"website": "amur.example.org"}, None),  # https:// added
    ("no name", {"name_en": "  "}, "An organisation needs a name in at least one language."),
    ("bad e-mail", {"email": "office@"}, "Enter a valid email address."),
    (
        "name too long",
        {"name_en": "A" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), ORGANISATION_CASES, ids=[c[0] for c in ORGANISATION_CASES]
)
def test_page_and_api_accept_and_refuse_organisation_edits_alike(client, case, inputs, message):
    editor = UserFactory()
    organisations = [OrganisationFactory(name_zh="", name_ru="") for _channel in ("page", "api")]
    for organisation in organisations:
        give_role(editor, organisation, "editor")
    data = {
        "name_en": "Amur Folk Ensemble",
        "kind": "association",
        "sector": "folk",
        "email": "office@amur.example.org",
        **inputs,
    }
    before = [o.name_en for o in organisations]
    client.force_login(editor)

    page = client.post(
        f"/directory/organisations/{organisations[0].pk}/edit/",
        data | {"place": organisations[0].place_id},
    )
    api = _patch(client, editor, f"/api/v1/directory/organisations/{organisations[1].pk}", data)

    after = [
        Organisation.objects.values_list("name_en", "email", "website").get(pk=o.pk)
        for o in organisations
    ]
    if message is None:
        assert page_messages(page) == ["Saved."]
        assert api.status_code == 200
        website = "https://amur.example.org" if "website" in inputs else ""
        assert after[0] == after[1] == (data["name_en"], data["email"], website)
    else:
        _refused_alike(page, api, message)
        assert [a[0] for a in after] == before


PERSON_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("not listed", {"listed": False}, None),
    ("bad e-mail", {"email": "li@"}, "Enter a valid email address."),
    (
        "name too long",
        {"name": "李" * 201},
        "Ensure this value has at most 200 characters (it has 201).",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), PERSON_CASES, ids=[c[0] for c in PERSON_CASES]
)
def test_page_and_api_accept_and_refuse_person_edits_alike(client, case, inputs, message):
    users = [UserFactory() for _channel in ("page", "api")]
    people = [PersonFactory(user=user) for user in users]
    data = {
        "name": "李长妮",
        "script": "han",
        "name_latin": "Li Changni",
        "name_ru": "Ли Чанни",
        "nationality": "CN",
        "email": "li@example.org",
        "listed": True,
        **inputs,
    }
    page_data = {k: v for k, v in data.items() if v is not False}  # an unticked box is absent
    api_data = {k: v for k, v in data.items() if k != "script"}
    client.force_login(users[0])

    page = client.post(f"/directory/people/{people[0].pk}/edit/", page_data)
    api = _patch(client, users[1], f"/api/v1/directory/people/{people[1].pk}", api_data)

    after = [Person.objects.values_list("name", "email", "listed").get(pk=p.pk) for p in people]
    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert after[0] == after[1] == (data["name"], data["email"], data["listed"])
    else:
        _refused_alike(page, api, message)
        assert after[0] == after[1] == ("李长妮", "", True)
