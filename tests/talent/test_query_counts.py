# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The talent pool's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from amur.talent import services
from amur.talent.models import Task
from tests.factories.talent import need, talent, training_offer
from tests.permissions import cast
from tests.query_counts import ListCase, assert_queries_do_not_grow
from tests.signed_in_query_counts import assert_signed_in_list_does_not_grow

CASES = [
    ListCase("talent pool", lambda s: "/talent/", lambda s: talent()),
    ListCase("talent needs", lambda s: "/talent/needs/", lambda s: need()),
    ListCase("talent training", lambda s: "/talent/training/", lambda s: training_offer()),
    ListCase("API talent profiles", lambda s: "/api/v1/talent/profiles", lambda s: talent()),
    ListCase("API talent needs", lambda s: "/api/v1/talent/needs", lambda s: need()),
    ListCase(
        "API talent training", lambda s: "/api/v1/talent/training", lambda s: training_offer()
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)


@pytest.mark.django_db
def test_task_lists_query_counts_do_not_grow_with_rows(client):
    people = cast()

    def add():
        return services.task_create(
            organisation=people.org_a,
            by=people.editor_a,
            kind="translation",
            source_language="ru",
            target_language="zh",
            title_en="Concert programme",
        )

    for url in ("/api/v1/talent/tasks", "/talent/tasks/"):
        Task.objects.all().delete()
        assert_signed_in_list_does_not_grow(client, url, people.editor_a, url, add)
