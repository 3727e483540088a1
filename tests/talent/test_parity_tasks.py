# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The steps of a translation task on the page and through the API: offering, accepting,
declining, delivering, rating, cancelling, naming the reviewer and reviewing. The same
inputs are accepted or refused, and refused with the same message, because the service is
the only gate (issue 11, part 1). Each channel works on its own task (the same text of two
events), with the same organisation, translator and reviewer."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.talent import services
from amur.talent.models import Task, TaskRating
from tests.factories.directory import UserFactory, give_role
from tests.factories.events import EventFactory
from tests.factories.talent import talent

pytestmark = pytest.mark.django_db
RU_ZH = [("ru", "catti", "2", "translation"), ("zh", "native", "native")]
CHINESE = "交响乐团将为艺术节开幕。"
STAGES = ["draft", "offered", "accepted", "delivered", "reviewer named"]


@pytest.fixture
def cast():
    people = {"office": UserFactory(), "translator": UserFactory(), "reviewer": UserFactory()}
    profiles = {
        "translator": talent(user=people["translator"], credentials=RU_ZH),
        "reviewer": talent(user=people["reviewer"], credentials=RU_ZH),
        "unqualified": talent(),  # no credential in Russian or Chinese
    }
    return people, profiles


def _tasks(cast, stage: str) -> list[Task]:
    """A translation task into Chinese for each channel, taken as far as ``stage``."""
    people, profiles = cast
    tasks = []
    for _channel in ("page", "api"):
        event = EventFactory(summary_ru="Фестиваль откроется.", summary_en="", summary_zh="")
        task = next(
            t
            for t in services.translation_tasks_for_missing(obj=event, by=None)
            if t.target_language == "zh"
        )
        give_role(people["office"], task.organisation, "editor")
        steps = STAGES[1 : STAGES.index(stage) + 1]
        if "offered" in steps:
            services.task_offer(task=task, profile=profiles["translator"], by=None)
        if "accepted" in steps:
            services.task_accept(task=task, by=people["translator"])
        if "delivered" in steps:
            services.task_deliver(task=task, by=people["translator"], text=CHINESE)
        if "reviewer named" in steps:
            services.review_assign(task=task, reviewer=profiles["reviewer"], by=None)
        tasks.append(task)
    return tasks


def _both(client, user, tasks, page_step, api_step, page_data=None, api_data=None):
    client.force_login(user)
    page = client.post(f"/talent/tasks/{tasks[0].pk}/{page_step}/", page_data or {})
    said = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        f"/api/v1/talent/tasks/{tasks[1].pk}/{api_step}",
        api_data or {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )
    return page, said, api


def _states(tasks):
    return [
        Task.objects.values_list("status", "assignee_id", "reviewer_id").get(pk=t.pk)[0:1]
        + Task.objects.values_list("assignee__person_id", "reviewer__person_id").get(pk=t.pk)
        for t in tasks
    ]


def _refused_alike(page, said, api, message, tasks, before):
    assert api.status_code == 409
    assert message in said
    assert message in api.json()["error"]["message"]
    assert _states(tasks) == before


OFFER_CASES = [
    # (case, stage, whom, reason, message expected; None: accepted)
    ("valid", "draft", "translator", "", None),
    (
        "unqualified",
        "draft",
        "unqualified",
        "",
        "This person does not meet the task's requirements.",
    ),
    ("offered before", "offered", "translator", "", "Only a draft task can be offered."),
]


@pytest.mark.parametrize(
    ("case", "stage", "whom", "reason", "message"), OFFER_CASES, ids=[c[0] for c in OFFER_CASES]
)
def test_page_and_api_offer_tasks_alike(client, cast, case, stage, whom, reason, message):
    people, profiles = cast
    tasks = _tasks(cast, stage)
    before = _states(tasks)
    data = {"profile": profiles[whom].pk, "override_reason": reason}

    page, said, api = _both(client, people["office"], tasks, "offer", "offer", data, data)

    if message is None:
        assert api.status_code == 200
        assert [s[0] for s in _states(tasks)] == ["offered", "offered"]
    else:
        _refused_alike(page, said, api, message, tasks, before)


ASSIGNEE_CASES = [
    # (case, step, stage, text, message expected; None: accepted)
    ("accepted", "accept", "offered", "", None),
    ("declined", "decline", "offered", "", None),
    ("delivered", "deliver", "accepted", CHINESE, None),
    ("accepted twice", "accept", "accepted", "", "Only an offered task can be accepted."),
    ("declined once accepted", "decline", "accepted", "", "Only an offered task can be declined."),
    ("delivered blank", "deliver", "accepted", "   ", "Deliver the translated text."),
    (
        "delivered unaccepted",
        "deliver",
        "offered",
        CHINESE,
        "Only an accepted task can be delivered.",
    ),
]


@pytest.mark.parametrize(
    ("case", "step", "stage", "text", "message"),
    ASSIGNEE_CASES,
    ids=[c[0] for c in ASSIGNEE_CASES],
)
def test_page_and_api_take_the_translators_steps_alike(
    client, cast, case, step, stage, text, message
):
    people, _profiles = cast
    tasks = _tasks(cast, stage)
    before = _states(tasks)
    data = {"text": text} if step == "deliver" else {}

    page, said, api = _both(client, people["translator"], tasks, step, step, data, data)

    if message is None:
        assert api.status_code == 200
        after = _states(tasks)
        assert after[0] == after[1] != before[0]
    else:
        _refused_alike(page, said, api, message, tasks, before)


def test_page_and_api_refuse_a_stranger_on_the_translators_steps(client, cast):
    """A task is not shown to a stranger: both answer 404, and nothing changes."""
    tasks = _tasks(cast, "offered")
    before = _states(tasks)

    page, _said, api = _both(client, UserFactory(), tasks, "accept", "accept")

    assert page.status_code == api.status_code == 404
    assert _states(tasks) == before


RATE_CASES = [
    # (case, stage, score, rated before, message expected; None: accepted)
    ("valid", "delivered", 4, False, None),
    ("above 5", "delivered", 7, False, "A rating is a whole number from 1 to 5."),
    ("zero", "delivered", 0, False, "A rating is a whole number from 1 to 5."),
    ("before delivery", "accepted", 4, False, "A task is rated after delivery."),
    ("rated before", "delivered", 4, True, "This side has already rated the task."),
]


@pytest.mark.parametrize(
    ("case", "stage", "score", "rated", "message"), RATE_CASES, ids=[c[0] for c in RATE_CASES]
)
def test_page_and_api_accept_and_refuse_ratings_alike(
    client, cast, case, stage, score, rated, message
):
    people, _profiles = cast
    tasks = _tasks(cast, stage)
    if rated:
        for task in tasks:
            services.task_rate(task=task, by=people["office"], score=3)
    before = TaskRating.objects.count()
    data = {"score": score, "comment": "Точно и в срок"}

    _page, said, api = _both(client, people["office"], tasks, "rate", "rate", data, data)

    if message is None:
        assert api.status_code == 201
        assert [r.score for r in TaskRating.objects.order_by("task_id")] == [score, score]
    else:
        assert api.status_code == 409
        assert message in said
        assert message in api.json()["error"]["message"]
        assert TaskRating.objects.count() == before


@pytest.mark.parametrize(
    ("case", "stage", "message"),
    [
        ("offered", "offered", None),
        ("delivered", "delivered", "A delivered task cannot be cancelled."),
    ],
    ids=["offered", "delivered"],
)
def test_page_and_api_cancel_tasks_alike(client, cast, case, stage, message):
    people, _profiles = cast
    tasks = _tasks(cast, stage)
    before = _states(tasks)

    page, said, api = _both(client, people["office"], tasks, "cancel", "cancel")

    if message is None:
        assert api.status_code == 200
        assert [s[0] for s in _states(tasks)] == ["cancelled", "cancelled"]
    else:
        _refused_alike(page, said, api, message, tasks, before)


REVIEWER_CASES = [
    # (case, whom, message expected; None: accepted)
    ("valid", "reviewer", None),
    ("the translator", "translator", "The translator cannot review their own translation."),
    ("unqualified", "unqualified", "This person does not meet the task's requirements."),
]


@pytest.mark.parametrize(
    ("case", "whom", "message"), REVIEWER_CASES, ids=[c[0] for c in REVIEWER_CASES]
)
def test_page_and_api_name_reviewers_alike(client, cast, case, whom, message):
    people, profiles = cast
    tasks = _tasks(cast, "delivered")
    before = _states(tasks)
    data = {"profile": profiles[whom].pk}

    page, said, api = _both(client, people["office"], tasks, "reviewer", "reviewer", data, data)

    if message is None:
        assert api.status_code == 200
        assert [s[-1] for s in _states(tasks)] == 2 * [profiles["reviewer"].person_id]
    else:
        _refused_alike(page, said, api, message, tasks, before)


REVIEW_CASES = [
    # (case, stage, approve, message expected; None: accepted)
    ("published", "reviewer named", True, None),
    ("returned", "reviewer named", False, None),
]


@pytest.mark.parametrize(
    ("case", "stage", "approve", "message"), REVIEW_CASES, ids=[c[0] for c in REVIEW_CASES]
)
def test_page_and_api_review_translations_alike(client, cast, case, stage, approve, message):
    people, _profiles = cast
    tasks = _tasks(cast, stage)
    page_data = {"approve": "1", "text": ""} if approve else {"note": "Проверьте термины"}
    api_data = {"approve": approve, "text": "", "note": "" if approve else "Проверьте термины"}

    page, said, api = _both(
        client, people["reviewer"], tasks, "review", "review", page_data, api_data
    )

    assert page.status_code == 302
    assert not said
    assert api.status_code == 200
    statuses = [s[0] for s in _states(tasks)]
    assert statuses == 2 * ["reviewed" if approve else "accepted"]


def test_page_and_api_refuse_a_review_of_a_returned_translation_alike(client, cast):
    people, _profiles = cast
    tasks = _tasks(cast, "reviewer named")
    for task in tasks:
        services.translation_review(task=task, by=people["reviewer"], approve=False)
    before = _states(tasks)

    page, said, api = _both(
        client, people["reviewer"], tasks, "review", "review", {"approve": "1"}, {"approve": True}
    )

    _refused_alike(page, said, api, "Only a delivered translation is reviewed.", tasks, before)
