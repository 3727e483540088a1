# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The talent API under the pages' rules: visibility of profiles in every answer, the
organisation's needs and tasks, the person's own profile, declaration and task steps."""

import json

import pytest

from amur.accounts.services import api_token_create
from amur.talent.models import Candidate, LanguageCredential, Need, Task
from tests.factories.directory import UserFactory
from tests.factories.talent import need, talent
from tests.permissions import cast

pytestmark = pytest.mark.django_db
API = "/api/v1/talent"


def _auth(user) -> dict:
    if user is None:
        return {}
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def _get(client, url, user=None):
    return client.get(f"{API}{url}", **_auth(user))


def _post(client, url, data, user=None, method="post"):
    return getattr(client, method)(
        f"{API}{url}", json.dumps(data), content_type="application/json", **_auth(user)
    )


def test_profiles_follow_visibility_in_list_and_detail(client):
    owner = UserFactory()
    public = talent(visibility="public", name="Anna Public")
    members = talent(visibility="members", name="Boris Members")
    hidden = talent(visibility="hidden", name="Chen Hidden", user=owner)
    member = UserFactory()

    anonymous = {p["name"] for p in _get(client, "/profiles").json()["items"]}
    signed_in = {p["name"] for p in _get(client, "/profiles", member).json()["items"]}
    own = {p["name"] for p in _get(client, "/profiles", owner).json()["items"]}

    assert anonymous == {"Anna Public"}
    assert signed_in == own == {"Anna Public", "Boris Members"}
    assert _get(client, f"/profiles/{public.pk}").status_code == 200
    assert _get(client, f"/profiles/{members.pk}").status_code == 404
    assert _get(client, f"/profiles/{members.pk}", member).status_code == 200
    assert _get(client, f"/profiles/{hidden.pk}", member).status_code == 404
    assert _get(client, "/me/profile", owner).json()["visibility"] == "hidden"


def test_hidden_profile_is_never_a_candidate_in_the_api(client):
    people = cast()
    talent(visibility="hidden", name="Chen Hidden", credentials=[("ru", "native", "native")])
    shown = talent(visibility="members", name="Dmitri", credentials=[("ru", "native", "native")])
    a_need = need(organisation=people.org_a, requirements=[{"language": "ru", "min_level": "C1"}])

    answer = _get(client, f"/needs/{a_need.pk}/candidates", people.editor_a).json()

    assert [m["profile"]["id"] for m in answer] == [shown.pk]
    assert answer[0]["met"][0]["label"] == "ru Overall ≥ C1 (native)"
    assert _get(client, f"/needs/{a_need.pk}/candidates", people.editor_b).status_code == 403
    assert _get(client, f"/needs/{a_need.pk}/candidates").status_code == 401


def test_own_profile_and_credentials(client):
    user = UserFactory()
    assert _get(client, "/me/profile").status_code == 401

    answer = _post(client, "/me/profile", {"visibility": "public"}, user, method="put")
    assert answer.status_code == 200
    added = _post(
        client, "/me/credentials", {"language": "ru", "scheme": "torfl", "level": "TORFL-3"}, user
    )
    assert added.status_code == 201
    assert added.json()["comparable"][0]["level"] == "C1"
    pk = added.json()["id"]

    stranger = UserFactory()
    assert client.delete(f"{API}/me/credentials/{pk}", **_auth(stranger)).status_code == 404
    assert client.delete(f"{API}/me/credentials/{pk}", **_auth(user)).status_code == 204
    assert not LanguageCredential.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("values", [{"experience_years": -1}, {"max_concurrent": -5}])
def test_a_profile_number_out_of_its_range_is_422_not_a_server_error(client, values):
    # The schemathesis run found the negative years answered 500 (the CHECK constraint).
    user = UserFactory()
    answer = _post(client, "/me/profile", {"visibility": "public", **values}, user, method="put")
    assert answer.status_code == 422, answer.content[:300]
    assert set(answer.json()["error"]["detail"]) == set(values)


def test_need_create_shortlist_advance_and_declaration(client):
    people = cast()
    person_user = UserFactory()
    profile = talent(user=person_user, credentials=[("zh", "hsk2", "6")])
    payload = {
        "organisation": people.org_a.pk,
        "kind": "teaching",
        "title_en": "Chinese + welding teachers",
        "headcount": 4,
        "requirements": [{"language": "zh", "min_level": "C1"}],
    }

    assert _post(client, "/needs", payload, people.editor_b).status_code == 403
    assert _post(client, "/needs", payload).status_code == 401
    created = _post(client, "/needs", payload, people.editor_a)
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["requirements"] == [
        {"language": "zh", "skill": "overall", "min_level": "C1", "required": True}
    ]

    pick = {"profile": profile.pk}
    assert _post(client, f"/needs/{pk}/shortlist", pick, people.editor_b).status_code == 403
    shortlisted = _post(client, f"/needs/{pk}/shortlist", {"profile": profile.pk}, people.editor_a)
    assert shortlisted.status_code == 201
    candidate_pk = shortlisted.json()["id"]

    for other in (people.editor_a, people.staff):
        answer = _post(client, f"/candidates/{candidate_pk}/declaration", {"text": ""}, other)
        assert answer.status_code == 404
    assert Candidate.objects.get(pk=candidate_pk).declaration_confirmed_at is None
    assert _post(client, f"/candidates/{candidate_pk}/declaration", {}, person_user).json()[
        "declaration_confirmed_at"
    ]

    advance = f"/candidates/{candidate_pk}/advance"
    assert _post(client, advance, {"stage": "contacted"}, person_user).status_code in (403, 404)
    assert _post(client, advance, {"stage": "contacted"}, people.editor_a).json()["stage"] == (
        "contacted"
    )
    assert _post(client, advance, {"stage": "shortlisted"}, people.editor_a).status_code == 409
    assert Need.objects.get(pk=pk).candidates.get().stage == "contacted"


def test_task_steps_by_their_sides(client):
    people = cast()
    translator_user = UserFactory()
    credentials = [("ru", "catti", "2", "translation"), ("zh", "native", "native")]
    translator = talent(user=translator_user, credentials=credentials)
    payload = {
        "organisation": people.org_a.pk,
        "kind": "translation",
        "source_language": "ru",
        "target_language": "zh",
        "title_en": "Rules of the competition",
    }
    assert _post(client, "/tasks", payload, people.member_a).status_code == 403
    pk = _post(client, "/tasks", payload, people.editor_a).json()["id"]
    matches = _get(client, f"/tasks/{pk}/candidates", people.editor_a).json()
    assert [m["profile"]["id"] for m in matches] == [translator.pk]

    def step(name, data, user):
        return _post(client, f"/tasks/{pk}/{name}", data, user)

    offer = {"profile": translator.pk}
    assert step("offer", offer, people.editor_b).status_code == 403
    assert step("offer", offer, people.editor_a).json()["status"] == "offered"
    assert step("accept", {}, people.editor_a).status_code == 409
    assert step("accept", {}, translator_user).json()["status"] == "accepted"
    assert step("deliver", {"text": "规则"}, translator_user).json()["status"] == "delivered"
    assert step("rate", {"score": 5}, translator_user).json()["side"] == "provider"
    assert step("rate", {"score": 4}, people.editor_a).json()["side"] == "requester"
    assert Task.objects.get(pk=pk).status == "reviewed"
    assert _get(client, f"/tasks/{pk}").status_code == 404

    other = _post(client, "/tasks", payload, people.editor_a).json()["id"]
    assert _post(client, f"/tasks/{other}/cancel", {}, people.editor_b).status_code in (403, 404)
    cancelled = _post(client, f"/tasks/{other}/cancel", {}, people.editor_a)
    assert cancelled.json()["status"] == "cancelled"


def test_my_matches_explain_and_respect_requirements(client):
    user = UserFactory()
    talent(user=user, credentials=[("ru", "torfl", "TORFL-2")])
    need(title_en="Wants B2", requirements=[{"language": "ru", "min_level": "B2"}])
    need(title_en="Wants C2", requirements=[{"language": "ru", "min_level": "C2"}])

    answer = _get(client, "/me/matches", user).json()

    assert [(a["type"], a["title"]) for a in answer] == [("need", "Wants B2")]
    assert answer[0]["met"][0]["label"] == "ru Overall ≥ B2 (B2)"
    assert _get(client, "/me/matches").status_code == 401


def test_services_refusal_is_a_409(client):
    people = cast()
    weak = talent(credentials=[("ru", "torfl", "TEU")])
    a_need = need(organisation=people.org_a, requirements=[{"language": "ru", "min_level": "C1"}])

    answer = _post(client, f"/needs/{a_need.pk}/shortlist", {"profile": weak.pk}, people.editor_a)

    assert answer.status_code == 409
    assert not Candidate.objects.exists()
