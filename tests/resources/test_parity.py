# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Describing a shared resource on the page and through the API: the same inputs are
accepted or refused, and refused with the same message, because the service is the only
gate (issue 11, part 1)."""

import pytest

from amur.accounts.services import api_token_create
from amur.resources.models import Resource
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("own terms stated", {"licence": "own-terms", "licence_terms": "Для вузов"}, None),
    ("no title", {"title_zh": "  "}, "A resource needs a title in at least one language."),
    (
        "title too long",
        {"title_zh": "钢" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    (
        "attribution too long",
        {"attribution": "a" * 501},
        "Ensure this value has at most 500 characters (it has 501).",
    ),
    ("ISCED code of letters", {"isced_code": "02a"}, "An ISCED-F code has two to four digits."),
    ("own terms unstated", {"licence": "own-terms"}, "State the owner's terms of use."),
    (
        "shared with no alliance",
        {"audience": "alliance"},
        "Name the alliance whose members may use the resource.",
    ),
    (
        "learning time zero",
        {"learning_minutes": 0},
        "The learning time is a positive number of minutes.",
    ),
]


@pytest.mark.parametrize(("case", "inputs", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_resources_alike(client, case, inputs, message):
    org, editor = OrganisationFactory(), UserFactory()
    give_role(editor, org, "editor")
    data = {
        "organisation": org.pk,
        "kind": "teaching_plan",
        "title_zh": "钢琴联合教学计划",
        "original_language": "zh",
        "licence": "cc-by-nc",
        "audience": "public",
        **inputs,
    }
    client.force_login(editor)

    page = client.post("/resources/new/", data)
    api = client.post(
        "/api/v1/resources/resources",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=editor, name='t')[1]}",
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        made = list(Resource.objects.values_list("title_zh", "licence", "licence_terms"))
        assert made[0] == made[1]
        assert len(made) == 2
    else:
        assert page.status_code == 200  # the form again, with the refusal
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Resource.objects.exists()
