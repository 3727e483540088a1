# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Translators' tasks show the termbase's approved terms of the text's field (issue 20,
part 5): on the talent task's page and in its API answer, and the task links back to
the shared resource it translates."""

import pytest

from amur.accounts.services import api_token_create
from amur.resources import selectors, services, termbase
from amur.talent import services as talent_services
from tests.factories.core import FieldOfExchangeFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import published_resource

pytestmark = pytest.mark.django_db


def _concept(org, field, terms, *, approve_by=None):
    concept = termbase.concept_save(
        organisation=org,
        by=None,
        field=field,
        terms=[
            {"language": lang, "text": text, "part_of_speech": pos} for lang, text, pos in terms
        ],
    )
    if approve_by is not None:
        termbase.concept_approve(concept=concept, by=approve_by)
    return concept


@pytest.fixture
def scene():
    """A welding task zh→ru of an organisation whose member looks at it; the termbase has
    approved and proposed welding terms and approved music terms."""
    org = OrganisationFactory()
    member = UserFactory()
    give_role(member, org, "member")
    expert = UserFactory(first_name="Liu", last_name="Yang")
    welding = FieldOfExchangeFactory(key="vocational-training")
    music = FieldOfExchangeFactory(key="music")
    _concept(
        org,
        welding,
        [("zh", "电弧焊", "noun"), ("ru", "дуговая сварка", "noun"), ("en", "arc welding", "noun")],
        approve_by=expert,
    )
    _concept(
        org,
        welding,
        [("zh", "焊接", "verb"), ("ru", "сваривать", "verb"), ("en", "weld", "verb")],
        approve_by=expert,
    )
    _concept(org, welding, [("zh", "焊渣", "noun"), ("ru", "шлак", "noun")])  # proposed only
    _concept(org, music, [("zh", "和声", "noun"), ("ru", "гармония", "noun")], approve_by=expert)
    task = talent_services.task_create(
        organisation=org,
        by=None,
        kind="translation",
        source_language="zh",
        target_language="ru",
        field=welding,
        title_en="Welding manual",
    )
    return task, member


def test_the_glossary_holds_the_fields_approved_terms_only(scene):
    rows = selectors.task_glossary("vocational-training", "zh", "ru")

    assert [(r["source"], r["target"], r["part_of_speech"]) for r in rows] == [
        ("电弧焊", "дуговая сварка", "noun"),
        ("焊接", "сваривать", "verb"),
    ]
    assert selectors.task_glossary(None, "zh", "ru") == []


def test_the_task_page_shows_the_approved_terms_of_its_field(client, scene):
    task, member = scene
    client.force_login(member)

    page = client.get(f"/talent/tasks/{task.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Approved terms of the field" in page
    assert "дуговая сварка" in page
    assert "сваривать" in page
    assert "шлак" not in page  # proposed, not approved
    assert "гармония" not in page  # another field


def test_the_task_api_answer_carries_the_glossary(client, scene):
    task, member = scene
    token = api_token_create(user=member, name="t")[1]

    answer = client.get(
        f"/api/v1/talent/tasks/{task.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()

    assert (answer["field"], answer["resource"]) == ("vocational-training", None)
    assert [(g["source"], g["target"], g["part_of_speech"]) for g in answer["glossary"]] == [
        ("电弧焊", "дуговая сварка", "noun"),
        ("焊接", "сваривать", "verb"),
    ]


def test_a_proposals_task_page_links_back_to_the_resource(client):
    field = FieldOfExchangeFactory(key="vocational-training")
    resource = published_resource(field=field, title_en="Chinese for welders")
    proposer = OrganisationFactory()
    member = UserFactory()
    give_role(member, proposer, "member")
    proposal = services.translation_propose(
        resource=resource,
        organisation=proposer,
        language="ru",
        source=resource.versions.get(),
        by=None,
    )
    client.force_login(member)
    token = api_token_create(user=member, name="t")[1]

    page = client.get(f"/talent/tasks/{proposal.task_id}/", HTTP_ACCEPT_LANGUAGE="en")
    answer = client.get(
        f"/api/v1/talent/tasks/{proposal.task_id}", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()

    assert f'href="/resources/{resource.pk}/"' in page.content.decode()
    assert answer["resource"] == resource.pk
