# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.accounts.services import api_token_create, api_token_revoke
from amur.directory.models import Organisation
from tests.factories.core import PlaceFactory, moscow
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_organisations_are_public_and_searchable_in_any_script(client):
    OrganisationFactory(name_ru="Харбинская консерватория", name_en="Harbin Conservatory")
    OrganisationFactory(name_zh="莫斯科大学", name_ru="МГУ", name_en="Moscow U", place=moscow())

    response = client.get("/api/v1/directory/organisations", {"q": "哈尔滨"})

    assert response.status_code == 200
    assert [o["name_en"] for o in response.json()["items"]] == ["Harbin Conservatory"]
    assert response.json()["count"] == 1


def test_people_api_lists_only_people_who_agreed(client):
    PersonFactory(name="李长妮", listed=True)
    PersonFactory(name="王秘密", listed=False)

    response = client.get("/api/v1/directory/people")

    assert [p["name"] for p in response.json()["items"]] == ["李长妮"]


def test_create_organisation_with_a_token_makes_the_caller_its_admin(client):
    user = UserFactory()
    PlaceFactory()

    response = client.post(
        "/api/v1/directory/organisations",
        {
            "name_en": "Amur Folk Ensemble",
            "kind": "association",
            "sector": "folk",
            "place": "harbin",
        },
        content_type="application/json",
        **bearer(user),
    )

    assert response.status_code == 201
    organisation = Organisation.objects.get(pk=response.json()["id"])
    assert organisation.roles.get().user == user
    assert organisation.roles.get().role == "admin"
    assert "harbin" in organisation.search_keys or "amur" in organisation.search_keys


def test_editor_updates_own_organisation(client):
    user = UserFactory()
    org = OrganisationFactory(name_en="Old")
    give_role(user, org, "editor")

    response = client.patch(
        f"/api/v1/directory/organisations/{org.pk}",
        {"name_en": "New"},
        content_type="application/json",
        **bearer(user),
    )

    assert response.status_code == 200
    assert response.json()["name_en"] == "New"


def test_errors_have_one_shape(client):
    org = OrganisationFactory()

    anonymous = client.patch(
        f"/api/v1/directory/organisations/{org.pk}", {}, content_type="application/json"
    )
    missing = client.get("/api/v1/directory/organisations/999999")
    invalid = client.post(
        "/api/v1/directory/organisations",
        {"kind": "castle"},
        content_type="application/json",
        **bearer(UserFactory()),
    )

    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "unauthenticated"
    assert missing.status_code == 404
    assert missing.json()["error"] == {"code": "not_found", "message": "Not found.", "detail": None}
    assert invalid.status_code == 422
    assert invalid.json()["error"]["code"] == "invalid"


def test_wrong_or_revoked_token_is_401_never_anonymous(client):
    user = UserFactory()
    token, raw = api_token_create(user=user, name="t")
    api_token_revoke(token=token)

    revoked = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    wrong = client.get("/api/v1/directory/organisations", HTTP_AUTHORIZATION="Bearer nope")

    assert revoked.status_code == 401
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "unauthenticated"


def test_token_lifecycle_through_the_api(client):
    user = UserFactory()
    client.force_login(user)

    created = client.post(
        "/api/v1/accounts/tokens", {"name": "script"}, content_type="application/json"
    )
    raw = created.json()["token"]
    me = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    listed = client.get("/api/v1/accounts/tokens")
    revoked = client.post(f"/api/v1/accounts/tokens/{created.json()['id']}/revoke")
    after = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert created.status_code == 201
    assert me.json()["username"] == user.username
    assert [t["name"] for t in listed.json()] == ["script"]
    assert raw not in str(listed.json())
    assert revoked.json()["revoked_at"] is not None
    assert after.status_code == 401


def test_tokens_are_stored_hashed(client):
    user = UserFactory()

    token, raw = api_token_create(user=user, name="t")

    assert raw not in (token.digest, token.prefix + token.digest)
    assert len(token.digest) == 64
