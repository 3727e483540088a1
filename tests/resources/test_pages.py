# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The resources' pages render in the three languages and their forms work end to end."""

import pytest
from django.utils import translation

from amur.directory.models import Organisation
from amur.resources import services
from amur.resources.forms import ActingForm, ConceptForm, ResourceForm
from amur.resources.models import Concept, Resource
from amur.talent import services as talent_services
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import ConceptFactory, TermFactory, published_resource
from tests.factories.talent import talent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Shared resources"), ("zh-hans", "共享资源"), ("ru", "Общие ресурсы")],
)
def test_pages_speak_the_three_languages(client, language, heading):
    resource = published_resource()
    concept = ConceptFactory()
    TermFactory(concept=concept)
    client.cookies["django_language"] = language
    pages = [
        "/resources/",
        f"/resources/{resource.pk}/",
        "/resources/termbase/",
        f"/resources/termbase/{concept.pk}/",
        "/resources/reports/",
    ]

    answers = [client.get(page, HTTP_ACCEPT_LANGUAGE=language) for page in pages]

    assert [a.status_code for a in answers] == [200] * 5
    assert heading in answers[0].content.decode()


def test_an_editor_shares_a_resource_from_the_form_to_publication(client):
    org = OrganisationFactory()
    editor = UserFactory()
    give_role(editor, org, "editor")
    client.force_login(editor)

    client.post(
        "/resources/new/",
        {
            "organisation": org.pk,
            "kind": "teaching_plan",
            "title_zh": "钢琴联合教学计划",
            "original_language": "zh",
            "licence": "cc-by-nc",
            "audience": "public",
            "roles": ["teacher"],
            "eqf_level": "6",
        },
    )
    resource = Resource.objects.get()
    client.post(
        f"/resources/{resource.pk}/versions/",
        {"language": "zh", "title": "钢琴联合教学计划", "url": "https://example.org/plan"},
    )
    client.post(f"/resources/{resource.pk}/publish/")
    found = client.get("/resources/?q=gangqin")

    resource.refresh_from_db()
    assert (resource.status, resource.eqf_level, resource.role_list) == (
        "published",
        6,
        ["teacher"],
    )
    assert list(found.context["page"]) == [resource]


def test_the_termbase_exports_tbx_and_csv(client):
    concept = ConceptFactory()
    TermFactory(concept=concept, text="焊接")

    tbx = client.get("/resources/termbase/export.tbx")
    table = client.get("/resources/termbase/export.csv")

    assert 'type="TBX-Basic"' in tbx.content.decode()
    assert "焊接" in table.content.decode()
    assert Concept.objects.count() == 1


def test_a_package_holds_a_manifest_with_the_licence(client):
    import io
    import json
    import zipfile

    resource = published_resource(attribution="Harbin Vocational College, 2026")

    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/resources/{resource.pk}/package.zip").content)
    )
    manifest = json.loads(archive.read("manifest.json"))

    assert manifest["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert manifest["attribution"] == "Harbin Vocational College, 2026"
    assert manifest["versions"][0]["file"] in archive.namelist()
    assert b"<dc:rights>CC BY 4.0" in archive.read("metadata/dc.xml")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["阿穆尔大学", "布拉戈维申斯克图书馆", "哈尔滨学院"]),
        ("ru", ["Амурский университет", "Благовещенская библиотека", "Харбинский колледж"]),
    ],
)
def test_organisation_selects_follow_the_readers_alphabet(language, expected):
    names = [
        # English names in another order, so the database's order (name_en) is not it.
        ("哈尔滨学院", "Харбинский колледж", "College of Harbin"),
        ("阿穆尔大学", "Амурский университет", "University of the Amur"),
        ("布拉戈维申斯克图书馆", "Благовещенская библиотека", "Library of Blagoveshchensk"),
    ]
    orgs = [OrganisationFactory(name_zh=zh, name_ru=ru, name_en=en) for zh, ru, en in names]
    mine = Organisation.objects.filter(pk__in=[o.pk for o in orgs])

    with translation.override(language):
        forms = [
            ActingForm(organisations=mine).fields["organisation"],
            ConceptForm(organisations=mine).fields["organisation"],
            ResourceForm(owners=mine).fields["organisation"],
        ]
        labels = [[str(label) for _value, label in field.choices][1:] for field in forms]

    assert labels == [expected, expected, expected]


def test_a_proposal_links_its_task_and_takes_the_translation_once_delivered(client):
    resource = published_resource()
    proposer, editor, translator = OrganisationFactory(), UserFactory(), UserFactory()
    give_role(editor, proposer, "editor")
    proposal = services.translation_propose(
        resource=resource,
        organisation=proposer,
        language="ru",
        source=resource.versions.get(),
        by=editor,
    )
    client.force_login(editor)
    submit = f'action="/resources/proposals/{proposal.pk}/translation/"'

    before = client.get(f"/resources/{resource.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    profile = talent(
        user=translator,
        credentials=[("zh", "native", "native", "translation"), ("ru", "native", "native")],
    )
    talent_services.task_offer(task=proposal.task, profile=profile, by=editor)
    talent_services.task_accept(task=proposal.task, by=translator)
    talent_services.task_deliver(task=proposal.task, by=translator, text="Сварка.")
    after = client.get(f"/resources/{resource.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'href="/talent/tasks/{proposal.task_id}/"' in before
    assert submit not in before
    assert submit in after
