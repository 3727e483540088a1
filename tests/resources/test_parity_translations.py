# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Proposing a translation of another organisation's resource, submitting it and reviewing
it on the page and through the API: the same inputs are accepted or refused, and refused
with the same message, because the service is the only gate (issue 11, part 1). Each
channel acts on its own copy of the same resource."""

import pytest

from amur.accounts.services import api_token_create
from amur.resources.models import ResourceVersion, TranslationProposal
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import RevisionFactory, VersionFactory, published_resource
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _api(client, user, url, data, *, json=True):
    token = api_token_create(user=user, name="t")[1]
    extra = {"content_type": "application/json"} if json else {}
    return client.post(url, data, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


PROPOSE_CASES = [
    # (case, language, scene, message expected; None: accepted)
    ("valid", "ru", "shared", None),
    ("an unknown language", "fr", "shared", "Choose a language."),
    ("a language it has", "zh", "shared", "The resource already has a version in this language."),
    (
        "a licence without derivatives",
        "ru",
        "no derivatives",
        "The licence of this resource does not allow translations by others.",
    ),
    (
        "a translation under way",
        "ru",
        "under way",
        "A translation into this language is already under way.",
    ),
]


@pytest.mark.parametrize(
    ("case", "language", "scene", "message"), PROPOSE_CASES, ids=[c[0] for c in PROPOSE_CASES]
)
def test_page_and_api_accept_and_refuse_proposals_alike(client, case, language, scene, message):
    user, school = UserFactory(), OrganisationFactory()
    give_role(user, school, "editor")
    licence = "cc-by-nd" if scene == "no derivatives" else "cc-by"
    resources = [published_resource(licence=licence) for _channel in ("page", "api")]
    sources = [r.versions.get() for r in resources]
    if scene == "under way":
        for resource, source in zip(resources, sources, strict=True):
            TranslationProposal.objects.create(
                resource=resource, language="ru", source=source, organisation=school
            )
    before = TranslationProposal.objects.count()
    client.force_login(user)

    data = {"organisation": school.pk, "language": language, "note": "Для колледжа"}
    page = client.post(f"/resources/{resources[0].pk}/propose/", data | {"source": sources[0].pk})
    api = _api(
        client,
        user,
        f"/api/v1/resources/resources/{resources[1].pk}/proposals",
        data | {"source": sources[1].pk},
    )

    if message is None:
        assert api.status_code == 201
        made = TranslationProposal.objects.order_by("resource_id")
        assert [(p.resource_id, p.language, p.status) for p in made] == [
            (r.pk, "ru", "in_translation") for r in resources
        ]
    else:
        assert api.status_code == 409
        assert page_messages(page) == [message]
        assert message in api_messages(api)
        assert TranslationProposal.objects.count() == before


def _proposals(user, *, status="in_translation"):
    """A proposal of the user's school for each channel, with no talent task (the school
    brings the translation itself)."""
    school = OrganisationFactory()
    give_role(user, school, "editor")
    made = []
    for _channel in ("page", "api"):
        resource = published_resource()
        made.append(
            TranslationProposal.objects.create(
                resource=resource,
                language="ru",
                source=resource.versions.get(),
                organisation=school,
                status=status,
            )
        )
    return made


SUBMIT_CASES = [
    # (case, inputs, state, message expected; None: accepted)
    ("valid", {}, "in_translation", None),
    ("no title", {"title": "  "}, "in_translation", "A version needs a title."),
    (
        "title too long",
        {"title": "П" * 301},
        "in_translation",
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    ("no translator", {"translator": ""}, "in_translation", "Name the translator."),
    ("no file nor link", {"url": ""}, "in_translation", "Give either a file or a link."),
    (
        "a link without its scheme",
        {"url": "example.org/plan"},
        "in_translation",
        "A link starts with https:// or http://.",
    ),
    ("declined before", {}, "declined", "This proposal does not wait for a translation."),
]


@pytest.mark.parametrize(
    ("case", "inputs", "state", "message"), SUBMIT_CASES, ids=[c[0] for c in SUBMIT_CASES]
)
def test_page_and_api_accept_and_refuse_translations_alike(client, case, inputs, state, message):
    user = UserFactory()
    proposals = _proposals(user, status=state)
    data = {
        "title": "План обучения",
        "translator": "Анна Петрова",
        "url": "https://example.org/plan-ru",
        **inputs,
    }
    client.force_login(user)

    page = client.post(f"/resources/proposals/{proposals[0].pk}/translation/", data)
    api = _api(
        client, user, f"/api/v1/resources/proposals/{proposals[1].pk}/translation", data, json=False
    )

    for proposal in proposals:
        proposal.refresh_from_db()
    if message is None:
        assert api.status_code == 200
        assert [(p.status, p.version.title, p.version.translator) for p in proposals] == 2 * [
            ("in_review", "План обучения", "Анна Петрова")
        ]
    else:
        assert api.status_code in (409, 422)
        assert page_messages(page) == [message]
        assert message in api_messages(api)
        assert [p.status for p in proposals] == [state, state]
        assert not ResourceVersion.objects.filter(language="ru").exists()


REVIEW_CASES = [
    # (case, accept, state, status expected; else the message)
    ("accept", True, "in_review", "published"),
    ("decline", False, "in_review", "declined"),
    (
        "accept before the translation",
        True,
        "in_translation",
        "There is no translation to review yet.",
    ),
    ("decline again", False, "declined", "This proposal is already closed."),
]


@pytest.mark.parametrize(
    ("case", "accept", "state", "outcome"), REVIEW_CASES, ids=[c[0] for c in REVIEW_CASES]
)
def test_page_and_api_review_and_refuse_alike(client, case, accept, state, outcome):
    translator, owner = UserFactory(), UserFactory()
    proposals = _proposals(translator, status=state)
    for proposal in proposals:
        give_role(owner, proposal.resource.organisation, "editor")
        if state == "in_review":
            proposal.version = VersionFactory(
                resource=proposal.resource, language="ru", title="План", status="in_review"
            )
            RevisionFactory(version=proposal.version, number=1)
            proposal.save()
    client.force_login(owner)

    page = client.post(
        f"/resources/proposals/{proposals[0].pk}/review/",
        {"accept": "1" if accept else "", "reason": "Проверено"},
    )
    api = _api(
        client,
        owner,
        f"/api/v1/resources/proposals/{proposals[1].pk}/review",
        {"accept": accept, "reason": "Проверено"},
    )

    statuses = [TranslationProposal.objects.get(pk=p.pk).status for p in proposals]
    if outcome in ("published", "declined"):
        assert api.status_code == 200
        assert page_messages(page) == []
        assert statuses == [outcome, outcome]
    else:
        assert api.status_code == 409
        assert page_messages(page) == [outcome]
        assert api_messages(api) == [outcome]
        assert statuses == [state, state]
