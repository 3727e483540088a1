# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of the directory: every write view and endpoint, every role."""

import pytest

from amur.accounts.services import api_token_create
from amur.directory.models import Organisation, Person
from tests.factories.core import PlaceFactory
from tests.factories.directory import PersonFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "directory:organisation_create",
    "directory:organisation_edit",
    "directory:person_edit",
}
VIEWS_READ_ONLY = {
    "directory:list",
    "directory:index",
    "directory:organisation",
    "directory:organisation_logo",
    "directory:person",
}
API_COVERED = {
    "POST /api/v1/directory/organisations",
    "PATCH /api/v1/directory/organisations/{pk}",
    "PATCH /api/v1/directory/people/{pk}",
}

NEW_ORG = {"name_en": "New", "kind": "association", "sector": "folk", "place": "harbin"}
ORG_FORM = {"name_en": "Changed", "kind": "association", "sector": "folk", "place": None}


@pytest.fixture
def people():
    c = cast()
    person = PersonFactory(listed=True)
    person.affiliations.create(organisation=c.org_a)
    return c, person


def org_form(place):
    return {**ORG_FORM, "place": place.pk}


def api(client, method, url, user, data=None):
    headers = {}
    if user is not None:
        _token, raw = api_token_create(user=user, name="matrix")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return getattr(client, method)(url, data or {}, content_type="application/json", **headers)


@pytest.mark.parametrize("role", ["editor_b", "member_a"])
def test_outsiders_and_members_cannot_edit_an_organisation(client, people, role):
    c, _person = people
    client.force_login(getattr(c, role))
    before = Snapshot(Organisation)

    page = client.get(f"/directory/organisations/{c.org_a.pk}/edit/")
    post = client.post(f"/directory/organisations/{c.org_a.pk}/edit/", org_form(PlaceFactory()))
    patch = api(
        client,
        "patch",
        f"/api/v1/directory/organisations/{c.org_a.pk}",
        getattr(c, role),
        {"name_en": "X"},
    )

    assert denied(page)
    assert denied(post)
    assert denied(patch)
    assert before.unchanged()


@pytest.mark.parametrize("role", ["editor_a", "admin_a", "staff"])
def test_owners_and_staff_edit_an_organisation(client, people, role):
    c, _person = people
    client.force_login(getattr(c, role))

    post = client.post(f"/directory/organisations/{c.org_a.pk}/edit/", org_form(PlaceFactory()))

    assert post.status_code == 302
    assert Organisation.objects.get(pk=c.org_a.pk).name_en == "Changed"


def test_anonymous_is_asked_to_log_in_everywhere(client, people):
    c, person = people
    before = Snapshot(Organisation)

    responses = [
        client.get("/directory/organisations/new/"),
        client.post(f"/directory/organisations/{c.org_a.pk}/edit/", org_form(PlaceFactory())),
        client.post(f"/directory/people/{person.pk}/edit/", {"name": "X"}),
        api(client, "post", "/api/v1/directory/organisations", None, NEW_ORG),
        api(
            client, "patch", f"/api/v1/directory/organisations/{c.org_a.pk}", None, {"name_en": "X"}
        ),
        api(client, "patch", f"/api/v1/directory/people/{person.pk}", None, {"name": "X"}),
    ]

    assert [asks_to_log_in(r) for r in responses] == [True] * 6
    assert before.unchanged()


def test_editor_of_another_organisation_cannot_edit_its_people(client, people):
    c, person = people
    client.force_login(c.editor_b)
    before = Snapshot(Person)

    post = client.post(f"/directory/people/{person.pk}/edit/", {"name": "X", "script": "latin"})
    patch = api(client, "patch", f"/api/v1/directory/people/{person.pk}", c.editor_b, {"name": "X"})

    assert denied(post)
    assert denied(patch)
    assert before.unchanged()


def test_editor_of_the_persons_organisation_edits_the_person(client, people):
    c, person = people

    patch = api(
        client,
        "patch",
        f"/api/v1/directory/people/{person.pk}",
        c.editor_a,
        {"name_latin": "Li C."},
    )

    assert patch.status_code == 200
    assert Person.objects.get(pk=person.pk).name_latin == "Li C."


def test_unlisted_person_is_hidden_not_forbidden(client, people):
    c, _person = people
    hidden = PersonFactory(listed=False)

    response = api(
        client, "patch", f"/api/v1/directory/people/{hidden.pk}", c.editor_b, {"name": "X"}
    )

    assert response.status_code == 404


def test_any_signed_in_user_may_register_an_organisation(client, people):
    c, _person = people
    PlaceFactory()

    response = api(
        client,
        "post",
        "/api/v1/directory/organisations",
        c.member_a,
        {"name_en": "New Society", "kind": "association", "sector": "folk", "place": "harbin"},
    )

    assert response.status_code == 201
