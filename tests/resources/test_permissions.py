# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The resources' access and licence rules on pages, previews, downloads and the API:
owner / member of the audience / outsider / anonymous."""

import pytest
from django.contrib.auth.models import AnonymousUser

from amur.accounts.services import api_token_create
from amur.resources.models import Adoption, Concept, Rating, Resource, TranslationProposal
from amur.talent import services as talent_services
from amur.talent.models import Task
from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import (
    ConceptFactory,
    RevisionFactory,
    TermFactory,
    pdf_upload,
    published_resource,
)
from tests.factories.talent import talent
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "resources:create",
    "resources:edit",
    "resources:publish",
    "resources:version_add",
    "resources:revision_add",
    "resources:adopt",
    "resources:rate",
    "resources:propose",
    "resources:translation_submit",
    "resources:translation_review",
    "resources:download",
    "resources:preview",
    "resources:detail",
    "resources:metadata",
    "resources:package",
    "resources:concept_create",
    "resources:concept_edit",
    "resources:concept_approve",
    "resources:termbase_import",
}
VIEWS_READ_ONLY = {
    "resources:index",
    "resources:reports",
    "resources:termbase",
    "resources:concept",
    "resources:termbase_export",
}
API_COVERED = {
    "POST /api/v1/resources/resources",
    "PATCH /api/v1/resources/resources/{pk}",
    "POST /api/v1/resources/resources/{pk}/publish",
    "POST /api/v1/resources/resources/{pk}/versions",
    "POST /api/v1/resources/versions/{pk}/revisions",
    "POST /api/v1/resources/resources/{pk}/adoptions",
    "POST /api/v1/resources/resources/{pk}/ratings",
    "POST /api/v1/resources/resources/{pk}/proposals",
    "POST /api/v1/resources/proposals/{pk}/translation",
    "POST /api/v1/resources/proposals/{pk}/review",
    "POST /api/v1/resources/concepts",
    "POST /api/v1/resources/concepts/{pk}/approve",
    "POST /api/v1/resources/termbase/import",
}


@pytest.fixture
def scene():
    """An alliance resource of org A; org C is a member of the alliance, B is not."""
    people = cast()
    alliance = AllianceFactory()
    member_org = OrganisationFactory()
    MembershipFactory(alliance=alliance, organisation=people.org_a)
    MembershipFactory(alliance=alliance, organisation=member_org)
    member_editor = UserFactory(username="editor_c")
    give_role(member_editor, member_org, "editor")
    resource = published_resource(organisation=people.org_a, audience="alliance", alliance=alliance)
    revision = resource.versions.get().revisions.get()
    return people, resource, revision, member_org, member_editor


def _status(client, url: str) -> int:
    response = client.get(url)
    _consume(response)
    return response.status_code


def _consume(response) -> bytes:
    """Read a file answer to its end. The test client then closes the file without firing
    request_finished, which would close the database connection inside the test's
    transaction (calling response.close() does fire it: PostgreSQL then fails the test)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def _bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_the_audience_sees_previews_and_downloads_outsiders_get_404(client, scene):
    people, resource, revision, _org, member_editor = scene
    urls = [
        f"/resources/{resource.pk}/",
        f"/resources/files/{revision.pk}/preview/",
        f"/resources/files/{revision.pk}/download/",
        f"/resources/{resource.pk}/metadata/",
        f"/resources/{resource.pk}/package.zip",
    ]

    for user, expected in [
        (member_editor, 200),
        (people.member_a, 200),
        (people.staff, 200),
        (people.editor_b, 404),
        (None, 404),
    ]:
        client.logout()
        if user:
            client.force_login(user)
        assert [_status(client, url) for url in urls] == [expected] * 5, user


def test_a_download_carries_the_licence_and_a_preview_is_inline(client, scene):
    _people, _resource, revision, _org, member_editor = scene
    client.force_login(member_editor)

    download = client.get(f"/resources/files/{revision.pk}/download/")
    preview = client.get(f"/resources/files/{revision.pk}/preview/")

    assert download["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert download["Content-Disposition"].startswith("attachment")
    assert preview["Content-Disposition"].startswith("inline")
    assert _consume(download).startswith(b"%PDF-")
    assert _consume(preview).startswith(b"%PDF-")


def test_all_rights_reserved_previews_but_refuses_downloads_to_others(client, scene):
    people, resource, revision, _org, member_editor = scene
    Resource.objects.filter(pk=resource.pk).update(licence="all-rights-reserved")
    client.force_login(member_editor)

    assert _status(client, f"/resources/files/{revision.pk}/preview/") == 200
    assert _status(client, f"/resources/files/{revision.pk}/download/") == 403
    api = client.get(f"/api/v1/resources/revisions/{revision.pk}/download")
    assert api.status_code == 403
    client.force_login(people.member_a)
    assert _status(client, f"/resources/files/{revision.pk}/download/") == 200


def test_own_terms_are_accepted_before_a_download(client, scene):
    _people, resource, revision, _org, member_editor = scene
    Resource.objects.filter(pk=resource.pk).update(
        licence="own-terms", licence_terms="Only for teaching."
    )
    client.force_login(member_editor)

    asked = client.get(f"/resources/files/{revision.pk}/download/")
    accepted = client.get(f"/resources/files/{revision.pk}/download/?accept=1")
    api = client.get(f"/api/v1/resources/revisions/{revision.pk}/download")

    assert "Only for teaching." in asked.content.decode()
    assert accepted["Content-Disposition"].startswith("attachment")
    _consume(accepted)
    assert (api.status_code, api.json()["error"]["code"]) == (409, "terms")


def test_the_api_hides_what_the_pages_hide(client, scene):
    people, resource, revision, _org, member_editor = scene

    outsider = client.get(f"/api/v1/resources/resources/{resource.pk}", **_bearer(people.editor_b))
    member = client.get(f"/api/v1/resources/resources/{resource.pk}", **_bearer(member_editor))
    listed = client.get("/api/v1/resources/resources")
    file = client.get(f"/api/v1/resources/revisions/{revision.pk}/download")

    assert outsider.status_code == 404
    assert member.json()["versions"][0]["revisions"][0]["id"] == revision.pk
    assert listed.json()["items"] == []
    assert file.status_code == 404


def test_unpublished_versions_are_hidden_from_the_audience(client, scene):
    people, resource, _revision, _org, member_editor = scene
    draft = RevisionFactory(
        version__resource=resource, version__language="ru", version__status="in_review"
    )
    client.force_login(member_editor)

    assert _status(client, f"/resources/files/{draft.pk}/download/") == 404
    client.force_login(people.editor_a)
    assert _status(client, f"/resources/files/{draft.pk}/download/") == 200


def test_only_the_owners_editors_change_publish_and_add_versions(client, scene):
    people, resource, revision, _org, member_editor = scene
    version = revision.version
    before = Snapshot(Resource)
    attempts = [
        ("post", f"/resources/{resource.pk}/edit/", {"kind": "glossary"}),
        ("post", f"/resources/{resource.pk}/publish/", {"withdraw": "1"}),
        (
            "post",
            f"/resources/{resource.pk}/versions/",
            {"language": "ru", "title": "x", "url": "https://e.org"},
        ),
        ("post", f"/resources/versions/{version.pk}/revisions/", {"url": "https://e.org"}),
    ]

    for user in (people.member_a, member_editor, people.editor_b):
        client.force_login(user)
        for method, url, data in attempts:
            assert denied(getattr(client, method)(url, data)), (user, url)
    client.logout()
    for _method, url, data in attempts:
        assert asks_to_log_in(client.post(url, data))

    assert before.unchanged()
    assert version.revisions.count() == 1
    client.force_login(people.editor_a)
    response = client.post(
        f"/resources/versions/{version.pk}/revisions/",
        {"url": "https://example.org/new", "note": "typos"},
    )
    assert response.status_code == 302
    assert version.revisions.count() == 2


def test_the_api_refuses_writes_to_outsiders(client, scene):
    people, resource, revision, _org, member_editor = scene
    before = Snapshot(Resource)
    version = revision.version
    for user in (member_editor, people.editor_b):
        headers = _bearer(user)
        assert client.patch(
            f"/api/v1/resources/resources/{resource.pk}",
            {"kind": "glossary"},
            content_type="application/json",
            **headers,
        ).status_code in (403, 404)
        assert client.post(
            f"/api/v1/resources/resources/{resource.pk}/publish",
            {"withdraw": True},
            content_type="application/json",
            **headers,
        ).status_code in (403, 404)
        assert client.post(
            f"/api/v1/resources/resources/{resource.pk}/versions",
            {"language": "ru", "title": "x", "url": "https://e.org"},
            **headers,
        ).status_code in (403, 404)
        assert client.post(
            f"/api/v1/resources/versions/{version.pk}/revisions",
            {"url": "https://e.org"},
            **headers,
        ).status_code in (403, 404)
        assert (
            client.post(
                "/api/v1/resources/resources",
                {
                    "organisation": people.org_a.pk,
                    "kind": "glossary",
                    "title_en": "x",
                    "original_language": "en",
                    "licence": "cc-by",
                },
                content_type="application/json",
                **headers,
            ).status_code
            == 403
        )
    assert (
        client.post("/api/v1/resources/resources", {}, content_type="application/json").status_code
        == 401
    )

    assert before.unchanged()


def test_owner_creates_and_publishes_through_the_api(client, scene):
    people, *_ = scene
    headers = _bearer(people.editor_a)

    created = client.post(
        "/api/v1/resources/resources",
        {
            "organisation": people.org_a.pk,
            "kind": "case_study",
            "title_ru": "Кейс: фестиваль",
            "original_language": "ru",
            "licence": "cc-by-sa",
            "audience": "public",
            "roles": ["teacher"],
            "field": None,
        },
        content_type="application/json",
        **headers,
    )
    pk = created.json()["id"]
    version = client.post(
        f"/api/v1/resources/resources/{pk}/versions",
        {"language": "ru", "title": "Кейс", "file": pdf_upload()},
        **headers,
    )
    published = client.post(
        f"/api/v1/resources/resources/{pk}/publish", {}, content_type="application/json", **headers
    )

    assert created.status_code == 201
    assert version.status_code == 201
    assert published.json()["status"] == "published"
    assert client.get("/api/v1/resources/resources?q=keis").json()["count"] == 1


def test_adopt_rate_and_propose_are_for_the_audience_acting_for_its_own_organisation(client, scene):
    people, resource, revision, member_org, member_editor = scene
    source = revision.version
    client.force_login(people.editor_b)
    outsider_posts = [
        client.post(f"/resources/{resource.pk}/adopt/", {"organisation": people.org_b.pk}),
        client.post(f"/resources/{resource.pk}/rate/", {"stars": 5}),
        client.post(
            f"/resources/{resource.pk}/propose/",
            {"organisation": people.org_b.pk, "language": "ru", "source": source.pk},
        ),
    ]
    client.force_login(member_editor)
    wrong_org = client.post(f"/resources/{resource.pk}/adopt/", {"organisation": people.org_a.pk})
    adopted = client.post(f"/resources/{resource.pk}/adopt/", {"organisation": member_org.pk})
    rated = client.post(f"/resources/{resource.pk}/rate/", {"stars": 4})
    client.force_login(people.editor_a)
    self_rating = client.post(f"/resources/{resource.pk}/rate/", {"stars": 5})

    assert all(denied(r) for r in outsider_posts)
    assert denied(wrong_org)
    assert denied(self_rating)
    assert (adopted.status_code, rated.status_code) == (302, 302)
    assert list(Adoption.objects.values_list("organisation", flat=True)) == [member_org.pk]
    assert list(Rating.objects.values_list("stars", flat=True)) == [4]


def test_translation_flow_through_the_api_and_review_only_by_the_owner(client, scene):
    people, resource, revision, member_org, member_editor = scene
    member = _bearer(member_editor)

    proposed = client.post(
        f"/api/v1/resources/resources/{resource.pk}/proposals",
        {"organisation": member_org.pk, "language": "ru", "source": revision.version.pk},
        content_type="application/json",
        **member,
    )
    pk = proposed.json()["id"]
    early = client.post(
        f"/api/v1/resources/proposals/{pk}/translation",
        {"title": "Сварка", "translator": "И. Ким", "file": pdf_upload()},
        **member,
    )
    task = Task.objects.get(pk=proposed.json()["task"])
    translator = UserFactory()
    profile = talent(
        user=translator,
        name="Ким Ирина",
        script="cyrillic",
        name_latin="Kim Irina",
        credentials=[("zh", "native", "native", "translation"), ("ru", "native", "native")],
    )
    talent_services.task_offer(task=task, profile=profile, by=None)
    talent_services.task_accept(task=task, by=translator)
    talent_services.task_deliver(task=task, by=translator, text="Сварка. Раздел 1.")
    submitted = client.post(
        f"/api/v1/resources/proposals/{pk}/translation", {"title": "Сварка"}, **member
    )
    self_review = client.post(
        f"/api/v1/resources/proposals/{pk}/review",
        {"accept": True},
        content_type="application/json",
        **member,
    )
    review = client.post(
        f"/api/v1/resources/proposals/{pk}/review",
        {"accept": True},
        content_type="application/json",
        **_bearer(people.editor_a),
    )

    assert (proposed.status_code, proposed.json()["status"]) == (201, "in_translation")
    assert (task.organisation, task.source_language, task.target_language) == (
        member_org,
        "zh",
        "ru",
    )
    assert early.status_code == 409
    assert "not been delivered" in early.json()["error"]["message"]
    assert submitted.json()["status"] == "in_review"
    assert self_review.status_code == 403
    assert review.json()["status"] == "published"
    version = TranslationProposal.objects.get().version
    assert (version.translated_from, version.translator) == (revision.version, "Ким Ирина")
    resource.refresh_from_db()
    assert resource.language_list == ["ru", "zh"]


def test_termbase_writes_need_an_editor_and_approval_an_admin(client):
    people = cast()
    concept = ConceptFactory(organisation=people.org_a)
    TermFactory(concept=concept)
    before = Snapshot(Concept)

    for user in (people.member_a, people.editor_b):
        client.force_login(user)
        assert denied(client.post(f"/resources/termbase/{concept.pk}/edit/", {"terms_zh": "x"}))
        assert denied(client.post(f"/resources/termbase/{concept.pk}/approve/"))
    client.force_login(people.editor_a)
    assert denied(client.post(f"/resources/termbase/{concept.pk}/approve/"))
    api = client.post(
        f"/api/v1/resources/concepts/{concept.pk}/approve", **_bearer(people.editor_a)
    )
    assert api.status_code == 403
    assert before.unchanged()

    client.force_login(people.admin_a)
    client.post(f"/resources/termbase/{concept.pk}/approve/")
    concept.refresh_from_db()
    assert concept.status == "approved"


def test_termbase_import_acts_for_the_users_own_organisation(client):
    people = cast()
    data = (
        b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">'
        b"<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text>"
        b"<body><conceptEntry id='x1'><langSec xml:lang='ru'><termSec><term>\xd1\x81\xd0\xb2"
        b"</term></termSec></langSec></conceptEntry></body></text></tbx>"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload():
        return SimpleUploadedFile("t.tbx", data)

    client.force_login(people.editor_b)
    page = client.post(
        "/resources/termbase/import/", {"organisation": people.org_a.pk, "file": upload()}
    )
    api = client.post(
        "/api/v1/resources/termbase/import",
        {"organisation": people.org_a.pk, "file": upload()},
        **_bearer(people.editor_b),
    )
    assert Concept.objects.count() == 0
    assert page.status_code == 200  # the form refuses an organisation not offered
    assert api.status_code == 403

    client.force_login(people.editor_a)
    client.post("/resources/termbase/import/", {"organisation": people.org_a.pk, "file": upload()})
    assert list(Concept.objects.values_list("entry_id", flat=True)) == ["x1"]
    assert AnonymousUser().has_perm("resources.change_concept", people.org_a) is False
