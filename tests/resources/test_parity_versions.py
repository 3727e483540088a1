# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Adding a language version (with its first revision) and a revision on the page and
through the API: the same inputs are accepted or refused, and refused with the same
message, because the service is the only gate (issue 11, part 1). Each channel adds to its
own copy of the same resource."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.resources.models import ResourceVersion, Revision
from tests.factories.directory import UserFactory, give_role
from tests.factories.resources import VersionFactory
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

LINK = "https://example.org/plan-ru"

VERSION_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("a translation of the Chinese version", {"translated_from": "zh"}, None),
    ("no title", {"title": "  "}, "A version needs a title."),
    ("an unknown language", {"language": "fr"}, "Choose a language."),
    (
        "a language it has",
        {"language": "zh"},
        "The resource already has a version in this language.",
    ),
    ("no file nor link", {"url": ""}, "Give either a file or a link."),
    (
        "a link without its scheme",
        {"url": "example.org/plan"},
        "A link starts with https:// or http://.",
    ),
    (
        "title too long",
        {"title": "П" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    (
        "translator too long",
        {"translator": "П" * 201},
        "Ensure this value has at most 200 characters (it has 201).",
    ),
]


def _resources(editor):
    made = []
    for _channel in ("page", "api"):
        version = VersionFactory()
        give_role(editor, version.resource.organisation, "editor")
        made.append(version.resource)
    return made


def _both(client, user, page_url, api_url, page_data, api_data):
    client.force_login(user)
    page = client.post(page_url, page_data)
    said = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        api_url, api_data, HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}"
    )
    return said, api


@pytest.mark.parametrize(
    ("case", "inputs", "message"), VERSION_CASES, ids=[c[0] for c in VERSION_CASES]
)
def test_page_and_api_accept_and_refuse_versions_alike(client, case, inputs, message):
    editor = UserFactory()
    resources = _resources(editor)
    data = {"language": "ru", "title": "План обучения", "url": LINK, "note": "", **inputs}
    forms = []
    for resource in resources:
        form = dict(data)
        if form.get("translated_from"):
            form["translated_from"] = resource.versions.get(language=form["translated_from"]).pk
        forms.append(form)
    before = ResourceVersion.objects.count(), Revision.objects.count()

    said, api = _both(
        client,
        editor,
        f"/resources/{resources[0].pk}/versions/",
        f"/api/v1/resources/resources/{resources[1].pk}/versions",
        forms[0],
        forms[1],
    )

    if message is None:
        assert api.status_code == 201
        made = [r.versions.get(language="ru") for r in resources]
        assert [(v.title, v.translated_from_id is not None) for v in made] == 2 * [
            (data["title"], "translated_from" in inputs)
        ]
        assert [v.revisions.get().url for v in made] == [LINK, LINK]
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert (ResourceVersion.objects.count(), Revision.objects.count()) == before


REVISION_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("a link", {}, None),
    ("nothing", {"url": ""}, "Give either a file or a link."),
    (
        "a link without its scheme",
        {"url": "example.org/v2"},
        "A link starts with https:// or http://.",
    ),
    (
        "a link too long",
        {"url": "https://example.org/" + "v" * 500},
        "Ensure this value has at most 500 characters (it has 520).",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), REVISION_CASES, ids=[c[0] for c in REVISION_CASES]
)
def test_page_and_api_accept_and_refuse_revisions_alike(client, case, inputs, message):
    editor = UserFactory()
    versions = [r.versions.get() for r in _resources(editor)]
    data = {"url": "https://example.org/v2", "note": "Исправлены опечатки", **inputs}

    said, api = _both(
        client,
        editor,
        f"/resources/versions/{versions[0].pk}/revisions/",
        f"/api/v1/resources/versions/{versions[1].pk}/revisions",
        data,
        data,
    )

    if message is None:
        assert api.status_code == 201
        assert [v.revisions.get().url for v in versions] == 2 * [data["url"]]
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert not Revision.objects.exists()
