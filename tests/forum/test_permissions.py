# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of the forum: tracks, blind review, committee roles."""

import json

import pytest

from amur.accounts.services import api_token_create
from amur.forum import services
from amur.forum.models import Assignment, Submission
from tests.factories import forum as f
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.permissions import Snapshot, asks_to_log_in, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "forum:submission",
    "forum:version",
    "forum:review",
    "forum:decide",
    "forum:sign_off",
    "forum:assignment_set",
    "forum:submission_action",
    "forum:submit",
    "forum:manage",
    "forum:assign",
    "forum:publish",
}
VIEWS_READ_ONLY = {
    "forum:index",
    "forum:edition",
    "forum:programme",
    "forum:programme_ics",
    "forum:abstracts",
}
API_COVERED = {
    "POST /api/v1/forum/editions/{slug}/submissions",
    "POST /api/v1/forum/submissions/{pk}/{action}",
    "POST /api/v1/forum/submissions/{pk}/versions",
    "POST /api/v1/forum/submissions/{pk}/review",
    "POST /api/v1/forum/submissions/{pk}/conflicts",
    "POST /api/v1/forum/submissions/{pk}/decision",
    "POST /api/v1/forum/editions/{slug}/assign",
}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='m')[1]}"}


@pytest.fixture
def scene():
    s = f.scene()
    music, libraries = s.tracks
    org = OrganisationFactory(
        name_ru="Хабаровский институт культуры",
        name_zh="哈巴罗夫斯克文化学院",
        name_en="Khabarovsk Institute of Culture",
    )
    s1 = f.submission(
        s.edition, music, organisation=org, abstract_ru="Исследование музыкальной жизни."
    )
    s2 = f.submission(s.edition, libraries)
    reviewer = f.reviewer(
        music, "rev", "张评审", side="cn", languages=f.ZH_NATIVE_RU_B2, latin="Zhang Pingshen"
    )
    other = f.reviewer(libraries, "rev2", "Смирнова Ольга", side="ru", languages=f.RU_NATIVE_HSK5)
    Assignment.objects.create(submission=s1, reviewer=reviewer, language="zh")
    Assignment.objects.create(submission=s2, reviewer=other, language="ru")
    services.edition_update(edition=s.edition, by=None, phase="review")
    convener_user, convener = f.user_with_person("conv", "Конвинер Кон")
    services.committee_add(
        edition=s.edition, person=convener, role="convener", side="ru", track=music
    )
    editor = UserFactory(username="host-editor")
    give_role(editor, s.host, "editor")
    s.extra.update(
        s1=s1,
        s2=s2,
        reviewer=reviewer.person.user,
        other=other.person.user,
        convener=convener_user,
        org=org,
        editor=editor,
        outsider=UserFactory(username="outsider"),
    )
    return s


def test_a_reviewer_never_sees_another_tracks_submissions(client, scene):
    x = scene.extra
    client.force_login(x["reviewer"])

    own = client.get(f"/forum/submissions/{x['s1'].pk}/")
    other = client.get(f"/forum/submissions/{x['s2'].pk}/")
    api_list = client.get(f"/api/v1/forum/editions/{scene.edition.slug}/submissions")
    api_other = client.get(f"/api/v1/forum/submissions/{x['s2'].pk}")

    assert own.status_code == 200
    assert other.status_code == 404
    assert [s["id"] for s in api_list.json()] == [x["s1"].pk]
    assert api_other.status_code == 404


def test_blind_review_leaks_no_author_identity_through_pages_api_or_exports(client, scene):
    x = scene.extra
    s1 = x["s1"]
    services.submission_update(
        submission=s1,
        by=s1.author,
        texts={"abstract_en": "Ivanov (2019) studied it at the Khabarovsk Institute of Culture."},
    )
    client.force_login(x["reviewer"])
    identity = [
        "Иванов",
        "Ivanov",
        "Ivan",
        "Хабаровский институт культуры",
        "Khabarovsk Institute of Culture",
        "哈巴罗夫斯克文化学院",
    ]

    page = client.get(f"/forum/submissions/{s1.pk}/").content.decode()
    review_page = client.get(f"/forum/submissions/{s1.pk}/review/").content.decode()
    api = json.dumps(client.get(f"/api/v1/forum/submissions/{s1.pk}").json(), ensure_ascii=False)
    export = client.get(f"/forum/{scene.edition.slug}/manage/?format=csv")

    assert [name for name in identity if name in page + review_page + api] == []
    assert "■■■" in api
    assert json.loads(api)["authors"] is None
    assert denied(export)


def test_an_author_never_sees_reviewers_names_in_a_blind_edition(client, scene):
    x = scene.extra
    a = Assignment.objects.get(submission=x["s1"])
    services.review_save(
        assignment=a,
        by=x["reviewer"],
        scores={"relevance": 4, "originality": 3},
        comment="Хорошая работа",
        submit=True,
    )
    client.force_login(x["s1"].author)

    page = client.get(f"/forum/submissions/{x['s1'].pk}/").content.decode()
    api = client.get(f"/api/v1/forum/submissions/{x['s1'].pk}").json()

    assert "Хорошая работа" in page
    assert "张评审" not in page
    assert "Zhang Pingshen" not in page
    assert [r["reviewer"] for r in api["reviews"]] == [None]


def test_a_declared_conflict_closes_the_submission_to_its_reviewer(client, scene):
    x = scene.extra
    client.force_login(x["reviewer"])

    client.post(f"/forum/submissions/{x['s1'].pk}/conflict/", {"detail": "同事"})

    assert client.get(f"/forum/submissions/{x['s1'].pk}/").status_code == 404
    assert not Assignment.objects.filter(submission=x["s1"]).exists()


@pytest.mark.parametrize("role", ["outsider", "reviewer", "other"])
def test_outsiders_and_reviewers_cannot_decide_assign_or_manage(client, scene, role):
    x = scene.extra
    user = x[role]
    client.force_login(user)
    before = Snapshot(Submission)
    slug, pk = scene.edition.slug, x["s1"].pk

    responses = [
        client.get(f"/forum/{slug}/manage/"),
        client.post(f"/forum/{slug}/assign/"),
        client.post(f"/forum/{slug}/publish/"),
        client.post(f"/forum/submissions/{pk}/decide/", {"decision": "accept"}),
        client.post(f"/forum/submissions/{pk}/sign-off/"),
        client.post(f"/forum/submissions/{pk}/assign/", {"reviewer": 1}),
        client.post(f"/forum/submissions/{pk}/withdraw/"),
        client.post(f"/forum/submissions/{pk}/version/", {"language": "zh"}),
        client.post(
            f"/api/v1/forum/submissions/{pk}/decision",
            {"decision": "accept"},
            content_type="application/json",
            **bearer(user),
        ),
        client.post(f"/api/v1/forum/submissions/{pk}/sign-off", **bearer(user)),
        client.post(f"/api/v1/forum/submissions/{pk}/withdraw", **bearer(user)),
        client.post(
            f"/api/v1/forum/submissions/{pk}/versions",
            {"language": "zh", "title": "x", "abstract": "y"},
            content_type="application/json",
            **bearer(user),
        ),
        client.post(f"/api/v1/forum/editions/{slug}/assign", **bearer(user)),
    ]

    assert [denied(r) for r in responses] == [True] * len(responses)
    assert before.unchanged()


def test_only_the_assigned_reviewer_reviews(client, scene):
    x = scene.extra
    client.force_login(x["other"])

    page = client.post(f"/forum/submissions/{x['s1'].pk}/review/", {"relevance": 3})
    api = client.post(
        f"/api/v1/forum/submissions/{x['s1'].pk}/review",
        {"scores": {"relevance": 3}},
        content_type="application/json",
        **bearer(x["other"]),
    )
    conflict = client.post(
        f"/api/v1/forum/submissions/{x['s1'].pk}/conflicts",
        {},
        content_type="application/json",
        **bearer(x["other"]),
    )

    assert [denied(page), denied(api), denied(conflict)] == [True, True, True]


def test_conveners_propose_and_the_chair_signs_off(client, scene):
    x = scene.extra
    pk = x["s1"].pk
    client.force_login(x["convener"])
    client.post(f"/forum/submissions/{pk}/decide/", {"decision": "accept"})
    denied_sign_off = client.post(f"/forum/submissions/{pk}/sign-off/")
    client.force_login(scene.chair)

    client.post(f"/api/v1/forum/submissions/{pk}/sign-off", **bearer(scene.chair))

    assert denied(denied_sign_off)
    assert Submission.objects.get(pk=pk).status == "accepted"


def test_the_hosts_editor_manages_and_assigns(client, scene):
    x = scene.extra
    client.force_login(x["editor"])

    page = client.get(f"/forum/{scene.edition.slug}/manage/")
    api = client.post(f"/api/v1/forum/editions/{scene.edition.slug}/assign", **bearer(x["editor"]))

    assert page.status_code == 200
    assert api.status_code == 200
    assert {row["track"] for row in api.json()} == {"music", "libraries"}


def test_anonymous_is_asked_to_log_in(client, scene):
    x = scene.extra
    slug, pk = scene.edition.slug, x["s1"].pk

    responses = [
        client.get(f"/forum/submissions/{pk}/"),
        client.get(f"/forum/{slug}/submit/"),
        client.get(f"/forum/{slug}/manage/"),
        client.post(f"/forum/submissions/{pk}/review/"),
        client.post(f"/api/v1/forum/submissions/{pk}/withdraw"),
        client.post(
            f"/api/v1/forum/editions/{slug}/submissions",
            {"track": "music", "kind": "paper", "language": "ru", "title": "x", "abstract": "y"},
            content_type="application/json",
        ),
    ]

    assert [asks_to_log_in(r) for r in responses] == [True] * len(responses)


def test_authors_submit_and_withdraw_through_the_api(client, scene):
    author, _person = f.user_with_person("newauthor", "Петрова Анна", nationality="RU")
    services.edition_update(edition=scene.edition, by=None, phase="call")

    created = client.post(
        f"/api/v1/forum/editions/{scene.edition.slug}/submissions",
        {
            "track": "music",
            "kind": "paper",
            "language": "ru",
            "title": "Баян в Харбине",
            "abstract": "Коротко.",
        },
        content_type="application/json",
        **bearer(author),
    )
    pk = created.json()["id"]
    withdrawn = client.post(f"/api/v1/forum/submissions/{pk}/withdraw", **bearer(author))

    assert created.status_code == 201
    assert created.json()["versions"][1]["origin"] == "author"
    assert withdrawn.json()["status"] == "withdrawn"
