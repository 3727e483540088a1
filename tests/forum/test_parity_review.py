# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A paper's way after its proposal, on the page and through the API: the author's second
language version, submitting, withdrawing and confirming, the reviewer's review, the
convener's proposed decision and the chair's sign-off accept and refuse the same inputs,
with the same message, because the service is the only gate (issue 11, part 1). Each
channel acts on its own submission of the same edition."""

import pytest

from amur.accounts.services import api_token_create
from amur.forum import services
from amur.forum.models import Assignment, Review, Submission
from tests.factories import forum as f
from tests.factories.directory import UserFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

TOO_LONG = "Ensure this value has at most 300 characters (it has 301)."


def _api(client, user, url, data=None):
    token = api_token_create(user=user, name="t")[1]
    return client.post(
        url, data or {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def _pair(edition, track, **kwargs):
    """A submission for each channel, by one author."""
    first = f.submission(edition, track, **kwargs)
    author = first.author
    author.person = first.authors.first().person
    return [first, f.submission(edition, track, author=author, **kwargs)], author


def _refused_alike(page, api, message):
    assert api.status_code in (409, 422)
    assert message in page_messages(page)
    assert message in api_messages(api)


VERSION_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("an unknown language", {"language": "de"}, "Unknown language."),
    ("an unknown origin", {"origin": "ghost"}, "Say who wrote this version."),
    (
        "a translation naming nobody",
        {"origin": "translated"},
        "A translation or a checked machine draft names its person.",
    ),
    ("no title", {"title": " "}, "A version needs its title and its abstract."),
    ("no abstract", {"abstract": ""}, "A version needs its title and its abstract."),
    ("title too long", {"title": "乐" * 301}, TOO_LONG),
    ("withdrawn", {"withdrawn": True}, "This submission can no longer be changed."),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), VERSION_CASES, ids=[c[0] for c in VERSION_CASES]
)
def test_page_and_api_accept_and_refuse_versions_alike(client, case, inputs, message):
    s = f.scene()
    submissions, author = _pair(s.edition, s.tracks[0], both=False)
    if inputs.pop("withdrawn", False):
        for submission in submissions:
            services.submission_withdraw(submission=submission, by=author)
    data = {
        "language": "zh",
        "title": "哈尔滨的俄罗斯音乐",
        "abstract": "研究哈尔滨的音乐生活。",
        "keywords": "",
        "origin": "author",
        **inputs,
    }
    client.force_login(author)

    page = client.post(f"/forum/submissions/{submissions[0].pk}/version/", data)
    api = _api(client, author, f"/api/v1/forum/submissions/{submissions[1].pk}/versions", data)

    titles = [Submission.objects.get(pk=x.pk).title_zh for x in submissions]
    if message is None:
        assert api.status_code == 200
        assert titles == [data["title"], data["title"]]
    else:
        _refused_alike(page, api, message)
        assert titles == ["", ""]


ACTION_CASES = [
    # (case, action, status before, status expected; else the message)
    ("submit a draft", "submit", "draft", "submitted"),
    ("submit again", "submit", "submitted", "Only a draft can be submitted."),
    ("withdraw", "withdraw", "submitted", "withdrawn"),
    ("withdraw again", "withdraw", "withdrawn", "This submission can no longer be withdrawn."),
    ("confirm an accepted paper", "confirm", "accepted", "accepted"),
    (
        "confirm a submitted paper",
        "confirm",
        "submitted",
        "Only an accepted submission is confirmed.",
    ),
]


@pytest.mark.parametrize(
    ("case", "action", "before", "outcome"), ACTION_CASES, ids=[c[0] for c in ACTION_CASES]
)
def test_page_and_api_accept_and_refuse_the_authors_actions_alike(
    client, case, action, before, outcome
):
    s = f.scene()
    submissions, author = _pair(s.edition, s.tracks[0], submit=False)
    Submission.objects.filter(pk__in=[x.pk for x in submissions]).update(status=before)
    client.force_login(author)

    page = client.post(f"/forum/submissions/{submissions[0].pk}/{action}/")
    api = _api(client, author, f"/api/v1/forum/submissions/{submissions[1].pk}/{action}")

    after = [Submission.objects.get(pk=x.pk) for x in submissions]
    if outcome in ("submitted", "withdrawn", "accepted"):
        assert api.status_code == 200
        assert [x.status for x in after] == [outcome, outcome]
        if action == "confirm":
            assert all(x.speaker_confirmed_at for x in after)
    else:
        _refused_alike(page, api, outcome)
        assert [x.status for x in after] == [before, before]


REVIEW_CASES = [
    # (case, scores, inputs, message expected; None: accepted)
    ("a draft", {"relevance": 4, "originality": 3}, {}, None),
    ("a submitted review", {"relevance": 4, "originality": 3}, {"submit": True}, None),
    ("a draft scored in part", {"relevance": 4}, {}, None),
    (
        "a score of six",
        {"relevance": 6, "originality": 3},
        {},
        "A score is a whole number from 1 to 5 (relevance).",
    ),
    (
        "submitted scored in part",
        {"relevance": 4},
        {"submit": True},
        "Score every category before submitting.",
    ),
    (
        "an unknown language quality",
        {"relevance": 4, "originality": 3},
        {"language_quality": "meh"},
        "Unknown language quality.",
    ),
    (
        "in the call",
        {"relevance": 4, "originality": 3},
        {"phase": "call"},
        "Reviews are not open in this phase.",
    ),
]


@pytest.mark.parametrize(
    ("case", "scores", "inputs", "message"), REVIEW_CASES, ids=[c[0] for c in REVIEW_CASES]
)
def test_page_and_api_accept_and_refuse_reviews_alike(client, case, scores, inputs, message):
    s = f.scene()
    music = s.tracks[0]
    reviewer = f.reviewer(music, "a", "张甲", side="cn", languages=f.ZH_NATIVE_RU_B2)
    submissions, _author = _pair(s.edition, music)
    for submission in submissions:
        Assignment.objects.create(submission=submission, reviewer=reviewer, language="zh")
    services.edition_update(edition=s.edition, by=None, phase=inputs.get("phase", "review"))
    quality, submit = inputs.get("language_quality", "good"), inputs.get("submit", False)
    user = reviewer.person.user
    client.force_login(user)

    page = client.post(
        f"/forum/submissions/{submissions[0].pk}/review/",
        {f"score_{k}": v for k, v in scores.items()}
        | {"language_quality": quality, "comment": "Хорошо"}
        | ({"submit_review": "1"} if submit else {}),
    )
    api = _api(
        client,
        user,
        f"/api/v1/forum/submissions/{submissions[1].pk}/review",
        {"scores": scores, "language_quality": quality, "comment": "Хорошо", "submit": submit},
    )

    reviews = Review.objects.order_by("assignment__submission_id")
    if message is None:
        assert api.status_code == 200
        assert [(r.scores, r.submitted_at is not None) for r in reviews] == 2 * [(scores, submit)]
    else:
        _refused_alike(page, api, message)
        assert not reviews.exists()


DECISION_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("accept", {"decision": "accept"}, None),
    ("move to the other track", {"decision": "move", "track": "libraries"}, None),
    ("an unknown decision", {"decision": "maybe"}, "Unknown decision."),
    (
        "a move to no track",
        {"decision": "move"},
        "Name a track of this edition to move the submission to.",
    ),
    (
        "a move to its own track",
        {"decision": "move", "track": "music"},
        "The submission is already in this track.",
    ),
    (
        "a merge with itself",
        {"decision": "merge", "related": "self"},
        "A submission cannot be merged with itself.",
    ),
    (
        "in the call",
        {"decision": "accept", "phase": "call"},
        "Decisions are taken in the review and decision phases.",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), DECISION_CASES, ids=[c[0] for c in DECISION_CASES]
)
def test_page_and_api_accept_and_refuse_decisions_alike(client, case, inputs, message):
    s = f.scene()
    submissions, _author = _pair(s.edition, s.tracks[0])
    services.edition_update(edition=s.edition, by=None, phase=inputs.pop("phase", "review"))
    staff = UserFactory(is_staff=True)
    forms = [
        inputs | ({"related": x.pk} if inputs.get("related") == "self" else {}) for x in submissions
    ]
    client.force_login(staff)

    page = client.post(f"/forum/submissions/{submissions[0].pk}/decide/", forms[0])
    api = _api(client, staff, f"/api/v1/forum/submissions/{submissions[1].pk}/decision", forms[1])

    proposed = [Submission.objects.get(pk=x.pk).proposed for x in submissions]
    if message is None:
        assert api.status_code == 200
        assert proposed == [inputs["decision"]] * 2
    else:
        _refused_alike(page, api, message)
        assert proposed == ["", ""]


@pytest.mark.parametrize(
    ("proposed", "outcome"),
    [("accept", "accepted"), ("", "No decision has been proposed.")],
)
def test_page_and_api_sign_off_and_refuse_alike(client, proposed, outcome):
    s = f.scene()
    submissions, _author = _pair(s.edition, s.tracks[0])
    Submission.objects.filter(pk__in=[x.pk for x in submissions]).update(proposed=proposed)
    client.force_login(s.chair)

    page = client.post(f"/forum/submissions/{submissions[0].pk}/sign-off/")
    api = _api(client, s.chair, f"/api/v1/forum/submissions/{submissions[1].pk}/sign-off")

    statuses = [Submission.objects.get(pk=x.pk).status for x in submissions]
    if proposed:
        assert api.status_code == 200
        assert statuses == [outcome, outcome]
    else:
        _refused_alike(page, api, outcome)
        assert statuses == ["submitted", "submitted"]
