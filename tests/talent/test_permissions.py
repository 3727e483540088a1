# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The talent module's permission matrix: a profile's visibility (public / members /
hidden) on every list and page, the person's own profile and declaration, and an
organisation's needs and tasks against outsiders, members and anonymous visitors."""

import pytest

from amur.talent import services
from amur.talent.models import Candidate, LanguageCredential, Need, Profile, Task, TaskRating
from tests.factories.directory import PersonFactory, UserFactory
from tests.factories.talent import need, talent
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "talent:index",
    "talent:profile_detail",
    "talent:profile_edit",
    "talent:credential_add",
    "talent:credential_remove",
    "talent:matches",
    "talent:need_create",
    "talent:need_detail",
    "talent:shortlist",
    "talent:candidate_advance",
    "talent:declaration",
    "talent:task_list",
    "talent:task_create",
    "talent:task_detail",
    "talent:task_offer",
    "talent:task_accept",
    "talent:task_decline",
    "talent:task_deliver",
    "talent:task_rate",
    "talent:task_cancel",
    "talent:review_assign",
    "talent:translation_review",
    "talent:event_interpreting",  # tests/talent/test_event_interpreting.py
    "talent:duplicates",  # tests/talent/test_merge.py
    "talent:preference",
    "talent:profile_merge",  # tests/talent/test_merge.py
    "talent:training_create",
    "talent:training_enrol",
    "talent:training_withdraw",
    "talent:training_complete",
}
VIEWS_READ_ONLY = {
    "talent:need_list",
    "talent:translations",
    "talent:training_list",
    "talent:training_detail",
    "talent:reports",
    "talent:report_export",
}
# Tested in tests/talent/test_api.py for each side.
API_COVERED = {
    "PUT /api/v1/talent/me/profile",
    "POST /api/v1/talent/profiles/{pk}/merge",  # tests/talent/test_merge.py
    "POST /api/v1/talent/me/credentials",
    "DELETE /api/v1/talent/me/credentials/{pk}",
    "POST /api/v1/talent/needs",
    "POST /api/v1/talent/needs/{pk}/shortlist",
    "POST /api/v1/talent/candidates/{pk}/advance",
    "POST /api/v1/talent/candidates/{pk}/declaration",
    "POST /api/v1/talent/tasks",
    "POST /api/v1/talent/tasks/{pk}/offer",
    "POST /api/v1/talent/tasks/{pk}/accept",
    "POST /api/v1/talent/tasks/{pk}/decline",
    "POST /api/v1/talent/tasks/{pk}/deliver",
    "POST /api/v1/talent/tasks/{pk}/rate",
    "POST /api/v1/talent/tasks/{pk}/cancel",
    "POST /api/v1/talent/tasks/{pk}/reviewer",
    "POST /api/v1/talent/tasks/{pk}/review",
    "POST /api/v1/talent/training",
    "POST /api/v1/talent/training/{pk}/enrol",
    "POST /api/v1/talent/enrolments/{pk}/withdraw",
    "POST /api/v1/talent/enrolments/{pk}/complete",
}


def _login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.fixture
def pool():
    owner = UserFactory(username="hidden_owner")
    return {
        "public": talent(visibility="public", name="Anna Public"),
        "members": talent(visibility="members", name="Boris Members"),
        "hidden": talent(visibility="hidden", name="Chen Hidden", user=owner),
        "owner": owner,
    }


def test_hidden_never_listed_members_only_never_to_anonymous(client, pool):
    people = cast()
    for user, expected in [
        (None, {"Anna Public"}),
        (people.member_a, {"Anna Public", "Boris Members"}),
        (pool["owner"], {"Anna Public", "Boris Members"}),
        (people.staff, {"Anna Public", "Boris Members"}),
    ]:
        _login(client, user)
        page = client.get("/talent/").content.decode()
        assert {n for n in ("Anna Public", "Boris Members", "Chen Hidden") if n in page} == expected


def test_profile_page_follows_visibility(client, pool):
    people = cast()
    cases = [
        (None, {"public": 200, "members": 404, "hidden": 404}),
        (people.editor_b, {"public": 200, "members": 200, "hidden": 404}),
        (pool["owner"], {"public": 200, "members": 200, "hidden": 200}),
        (people.staff, {"public": 200, "members": 200, "hidden": 404}),
    ]
    for user, expected in cases:
        _login(client, user)
        for name, status in expected.items():
            url = f"/talent/profiles/{pool[name].pk}/"
            assert client.get(url).status_code == status, (user, name)


def test_own_profile_and_credentials_only_by_the_person(client):
    user = UserFactory()
    profile = talent(user=user, credentials=[("ru", "torfl", "TORFL-2")])
    credential = LanguageCredential.objects.get(person=profile.person)
    stranger = UserFactory()

    _login(client, None)
    assert asks_to_log_in(client.get("/talent/me/"))
    assert asks_to_log_in(client.post("/talent/me/credentials/", {}))

    _login(client, stranger)
    before = Snapshot(LanguageCredential)
    response = client.post(f"/talent/me/credentials/{credential.pk}/remove/")
    assert denied(response)
    assert before.unchanged()

    _login(client, user)
    assert client.get("/talent/me/").status_code == 200
    response = client.post(
        "/talent/me/credentials/",
        {"language": "zh", "scheme": "hsk3", "level": "7", "skill": "overall"},
    )
    assert response.status_code == 302
    assert LanguageCredential.objects.filter(person=profile.person, level="7").exists()
    client.post(f"/talent/me/credentials/{credential.pk}/remove/")
    assert not LanguageCredential.objects.filter(pk=credential.pk).exists()


def test_stranger_editing_me_creates_their_own_profile_not_another(client):
    other = talent(visibility="public")
    user = UserFactory()
    _login(client, user)

    client.post("/talent/me/", {"visibility": "hidden", "experience_years": 2, "max_concurrent": 3})

    other.refresh_from_db()
    assert other.visibility == "public"
    assert Profile.objects.get(person__user=user).visibility == "hidden"


@pytest.fixture
def need_scene():
    people = cast()
    person_user = UserFactory(username="candidate_user")
    candidate_profile = talent(user=person_user, credentials=[("ru", "native", "native")])
    a_need = need(organisation=people.org_a, requirements=[{"language": "ru", "min_level": "C1"}])
    return people, a_need, candidate_profile, person_user


def test_need_pages_and_pipeline_by_role(client, need_scene):
    people, a_need, profile, person_user = need_scene
    url = f"/talent/needs/{a_need.pk}/"

    _login(client, None)
    page = client.get(url)
    assert page.status_code == 200
    assert str(profile.person) not in page.content.decode()
    assert asks_to_log_in(client.get("/talent/needs/new/"))

    for outsider in (people.editor_b, people.member_a, person_user):
        _login(client, outsider)
        before = Snapshot(Candidate)
        response = client.post(f"{url}shortlist/", {"profile": profile.pk})
        assert denied(response), outsider
        assert before.unchanged(), outsider
    _login(client, people.editor_b)
    form = client.get("/talent/needs/new/").content.decode()
    assert people.org_a.name_en not in form

    _login(client, people.editor_a)
    assert str(profile.person) in client.get(url).content.decode()
    client.post(f"{url}shortlist/", {"profile": profile.pk})
    candidate = Candidate.objects.get(need=a_need, profile=profile)

    _login(client, people.editor_b)
    before = Snapshot(Candidate)
    advance = f"/talent/candidates/{candidate.pk}/advance/"
    assert denied(client.post(advance, {"stage": "contacted"}))
    assert before.unchanged()

    _login(client, people.editor_a)
    client.post(f"/talent/candidates/{candidate.pk}/advance/", {"stage": "contacted"})
    candidate.refresh_from_db()
    assert candidate.stage == "contacted"


def test_declaration_is_confirmed_only_by_the_shortlisted_person(client, need_scene):
    people, a_need, profile, person_user = need_scene
    candidate = services.candidate_shortlist(need=a_need, profile=profile, by=people.editor_a)
    url = f"/talent/candidates/{candidate.pk}/declaration/"

    for other in (people.editor_a, people.admin_a, people.staff, UserFactory()):
        _login(client, other)
        assert denied(client.post(url, {"text": "none"})), other
        candidate.refresh_from_db()
        assert candidate.declaration_confirmed_at is None

    _login(client, person_user)
    assert client.get(url).status_code == 200
    client.post(url, {"text": "I taught there in 2019"})
    candidate.refresh_from_db()
    assert candidate.declaration_confirmed_at is not None
    assert candidate.declaration_text == "I taught there in 2019"


def test_need_create_by_editor_only(client):
    people = cast()
    data = {
        "organisation": people.org_a.pk,
        "kind": "teaching",
        "title_en": "Chinese teachers for welding",
        "headcount": 3,
        "in_post": 0,
        "requirements": "zh overall C1\nru speaking B1 preferred",
    }
    _login(client, people.editor_b)
    before = Snapshot(Need)
    client.post("/talent/needs/new/", data)
    assert before.unchanged()

    _login(client, people.editor_a)
    response = client.post("/talent/needs/new/", data)
    created = Need.objects.get(title_en="Chinese teachers for welding")
    assert response.status_code == 302
    assert [(r.language, r.min_level, r.required) for r in created.requirements.all()] == [
        ("zh", 5, True),
        ("ru", 3, False),
    ]


@pytest.fixture
def task_scene():
    people = cast()
    translator_user = UserFactory(username="translator")
    translator = talent(
        user=translator_user,
        credentials=[("ru", "catti", "2", "translation"), ("zh", "native", "native")],
    )
    task = services.task_create(
        organisation=people.org_a,
        by=people.editor_a,
        kind="translation",
        source_language="ru",
        target_language="zh",
        title_en="Concert programme",
        source_text="Концерт",
    )
    return people, task, translator, translator_user


def test_task_flow_by_role(client, task_scene):
    people, task, translator, translator_user = task_scene
    base = f"/talent/tasks/{task.pk}/"

    _login(client, None)
    assert client.get(base).status_code == 404
    assert b"Concert programme" not in client.get("/talent/tasks/").content

    _login(client, people.editor_b)
    assert client.get(base).status_code == 200  # an open draft is visible to members
    before = Snapshot(Task)
    assert denied(client.post(f"{base}offer/", {"profile": translator.pk}))
    assert denied(client.post(f"{base}cancel/"))
    assert before.unchanged()

    _login(client, people.editor_a)
    assert str(translator.person) in client.get(base).content.decode()
    client.post(f"{base}offer/", {"profile": translator.pk})
    task.refresh_from_db()
    assert (task.status, task.assignee) == ("offered", translator)

    for wrong in (people.editor_a, people.editor_b):
        _login(client, wrong)
        before = Snapshot(Task)
        assert denied(client.post(f"{base}accept/"))
        assert before.unchanged()

    _login(client, people.editor_b)
    assert client.get(base).status_code == 404  # once offered, outsiders no longer see it

    _login(client, translator_user)
    client.post(f"{base}accept/")
    client.post(f"{base}deliver/", {"text": "音乐会"})
    task.refresh_from_db()
    assert task.status == "delivered"
    client.post(f"{base}rate/", {"score": 4})

    _login(client, people.editor_b)
    assert denied(client.post(f"{base}rate/", {"score": 1}))

    _login(client, people.editor_a)
    client.post(f"{base}rate/", {"score": 5})
    assert sorted(TaskRating.objects.filter(task=task).values_list("side", "score")) == [
        ("provider", 4),
        ("requester", 5),
    ]


def test_decline_and_cancel(client, task_scene):
    people, task, translator, translator_user = task_scene
    base = f"/talent/tasks/{task.pk}/"
    services.task_offer(task=task, profile=translator, by=people.editor_a)

    _login(client, translator_user)
    client.post(f"{base}decline/")
    task.refresh_from_db()
    assert (task.status, task.assignee) == ("draft", None)

    _login(client, people.editor_a)
    client.post(f"{base}cancel/")
    task.refresh_from_db()
    assert task.status == "cancelled"


def test_task_create_by_editor_only(client):
    people = cast()
    data = {
        "organisation": people.org_a.pk,
        "kind": "consecutive",
        "source_language": "zh",
        "target_language": "ru",
        "title_en": "Harbin fair interpreting",
    }
    _login(client, people.member_a)
    client.post("/talent/tasks/new/", data)
    assert not Task.objects.filter(title_en="Harbin fair interpreting").exists()

    _login(client, people.editor_a)
    assert client.post("/talent/tasks/new/", data).status_code == 302
    assert Task.objects.filter(title_en="Harbin fair interpreting").exists()


def test_matches_page_lists_only_what_the_person_qualifies_for(client):
    user = UserFactory()
    talent(user=user, credentials=[("ru", "torfl", "TORFL-2")])
    need(title_en="Wants B2 Russian", requirements=[{"language": "ru", "min_level": "B2"}])
    need(title_en="Wants C2 Russian", requirements=[{"language": "ru", "min_level": "C2"}])

    _login(client, None)
    assert asks_to_log_in(client.get("/talent/me/matches/"))
    _login(client, user)
    page = client.get("/talent/me/matches/").content.decode()

    assert "Wants B2 Russian" in page
    assert "Wants C2 Russian" not in page


def test_person_without_profile_sees_an_invitation(client):
    user = UserFactory()
    PersonFactory(user=user)
    _login(client, user)

    assert client.get("/talent/me/matches/").status_code == 200


def test_only_an_organisations_administrators_choose_its_hsk_table(client):
    from amur.talent import matching
    from tests.factories.directory import OrganisationFactory, give_role

    college, other = OrganisationFactory(), OrganisationFactory()
    admin, editor, outsider = UserFactory(), UserFactory(), UserFactory()
    give_role(admin, college, "admin")
    give_role(editor, college, "editor")
    give_role(outsider, other, "admin")
    url = f"/talent/organisations/{college.pk}/hsk-table/"

    assert asks_to_log_in(client.post(url, {"table": "teachers"}))
    for user in (editor, outsider):
        client.force_login(user)
        assert denied(client.post(url, {"table": "teachers"}))
    assert matching.table_for(college.pk) == "official"

    client.force_login(admin)
    assert "Official claim" in client.get(url).content.decode()
    assert client.post(url, {"table": "teachers"}).status_code == 302
    assert client.post(url, {"table": "made-up"}).status_code == 302
    assert matching.table_for(college.pk) == "teachers"
    assert (
        f"/talent/organisations/{college.pk}/hsk-table/"
        in client.get("/talent/needs/").content.decode()
    )
    assert (
        f"/talent/organisations/{other.pk}/hsk-table/"
        not in client.get("/talent/needs/").content.decode()
    )
