# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Where a worker runs background tasks, a change to the records queues one refresh of the
landing boards after the commit, so that readers find them computed; with in-process tasks
nothing is queued and the next reader computes the board."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from amur.observatory import summary
from amur.observatory.selectors import Slice

REFRESH = "amur.observatory.tasks.boards_refresh"


@pytest.fixture
def worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _publish_draft(scene):
    scene.draft.status = "completed"
    scene.draft.start = scene.events[0].start
    scene.draft.save()


def test_a_change_queues_one_refresh_after_the_commit(
    scene, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish_draft(scene)
        scene.events[0].save()
    assert not DBTaskResult.objects.filter(task_path=REFRESH).exists()  # not before the commit

    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        scene.events[1].save()  # committed while the first refresh still waits

    assert DBTaskResult.objects.filter(task_path=REFRESH).count() == 1


def test_the_refresh_computes_the_landing_boards_with_the_change(
    client, scene, worker, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    before = client.get("/observatory/").context["cards"][0].n
    with django_capture_on_commit_callbacks(execute=True):
        _publish_draft(scene)

    assert summary.landing_boards_refresh() == 9  # three slices in three languages

    for language in ("en", "ru", "zh-hans"):
        with django_assert_max_num_queries(12):  # the cache's key, no aggregate (a cold: 36)
            response = client.get("/observatory/", headers={"accept-language": language})
        assert response.context["cards"][0].n == before + 1
    # The next change queues a refresh again: the pending mark went with the last one.
    with django_capture_on_commit_callbacks(execute=True):
        scene.events[0].save()
    assert DBTaskResult.objects.filter(task_path=REFRESH).count() == 2


def test_with_in_process_tasks_a_change_queues_nothing_and_the_reader_computes(
    client, scene, django_capture_on_commit_callbacks
):
    client.get("/observatory/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _publish_draft(scene)

    assert callbacks == []
    assert not DBTaskResult.objects.exists()
    with translation.override("en"):
        cards, _findings = summary.dashboard_for(Slice(), AnonymousUser())
    assert client.get("/observatory/").context["cards"][0].n == cards[0].n
