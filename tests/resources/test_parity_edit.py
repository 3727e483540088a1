# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Editing a resource and publishing or withdrawing it on the page and through the API: the
same inputs are accepted or refused, and refused with the same message, because the
service is the only gate (issue 11, part 1). Each channel changes its own copy of the same
resource."""

import pytest

from amur.accounts.services import api_token_create
from amur.resources.models import Resource
from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.directory import UserFactory, give_role
from tests.factories.resources import ResourceFactory, RevisionFactory, VersionFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _resources(editor, **kwargs):
    made = []
    for _channel in ("page", "api"):
        resource = ResourceFactory(**kwargs)
        give_role(editor, resource.organisation, "editor")
        made.append(resource)
    return made


def _api(client, user, url, data, method="post"):
    token = api_token_create(user=user, name="t")[1]
    return getattr(client, method)(
        url, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


EDIT_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("own terms stated", {"licence": "own-terms", "licence_terms": "Для вузов"}, None),
    ("no title", {"title_zh": "  "}, "A resource needs a title in at least one language."),
    (
        "title too long",
        {"title_zh": "钢" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
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


@pytest.mark.parametrize(("case", "inputs", "message"), EDIT_CASES, ids=[c[0] for c in EDIT_CASES])
def test_page_and_api_accept_and_refuse_edits_alike(client, case, inputs, message):
    editor = UserFactory()
    resources = _resources(editor)
    data = {
        "kind": "teaching_plan",
        "title_zh": "钢琴联合教学计划",
        "title_ru": "",
        "title_en": "",  # the page's form sends every field; so does the API here
        "original_language": "zh",
        "licence": "cc-by-nc",
        "audience": "public",
        **inputs,
    }
    before = [(r.title_zh, r.licence) for r in resources]
    client.force_login(editor)

    page = client.post(f"/resources/{resources[0].pk}/edit/", data)
    api = _api(client, editor, f"/api/v1/resources/resources/{resources[1].pk}", data, "patch")

    after = [
        Resource.objects.values_list("title_zh", "licence", "licence_terms").get(pk=r.pk)
        for r in resources
    ]
    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert (
            after[0]
            == after[1]
            == (data["title_zh"], data["licence"], inputs.get("licence_terms", ""))
        )
    else:
        assert page.status_code == 200  # the form again, with the refusal
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert [a[:2] for a in after] == before


PUBLISH_CASES = [
    # (case, scene, page's form, API's payload, status expected; else the message)
    ("publish", "content", {}, {}, "published"),
    ("withdraw", "content", {"withdraw": "1"}, {"withdraw": True}, "withdrawn"),
    (
        "publish with no content",
        "empty",
        {},
        {},
        "Publish a language version with a file or a link first.",
    ),
    (
        "publish to an alliance the owner left",
        "alliance left",
        {},
        {},
        "Only an active member may share with its alliance.",
    ),
]


@pytest.mark.parametrize(
    ("case", "scene", "form", "payload", "outcome"),
    PUBLISH_CASES,
    ids=[c[0] for c in PUBLISH_CASES],
)
def test_page_and_api_publish_and_refuse_alike(client, case, scene, form, payload, outcome):
    editor = UserFactory()
    kwargs = {"status": "draft", "published_at": None}
    if scene.startswith("alliance"):
        kwargs["audience"] = "alliance"
    if scene == "alliance left":
        kwargs["alliance"] = AllianceFactory()
    resources = _resources(editor, **kwargs)
    for resource in resources:
        if scene != "empty":
            RevisionFactory(version=VersionFactory(resource=resource), number=1)
        if scene == "alliance left":
            MembershipFactory(
                alliance=resource.alliance, organisation=resource.organisation, status="suspended"
            )
    client.force_login(editor)

    page = client.post(f"/resources/{resources[0].pk}/publish/", form)
    api = _api(client, editor, f"/api/v1/resources/resources/{resources[1].pk}/publish", payload)

    statuses = [Resource.objects.get(pk=r.pk).status for r in resources]
    if outcome in ("published", "withdrawn"):
        assert api.status_code == 200
        assert page_messages(page) == []
        assert statuses == [outcome, outcome]
    else:
        assert api.status_code == 409
        assert page_messages(page) == [outcome]
        assert api_messages(api) == [outcome]
        assert statuses == ["draft", "draft"]
