# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The talent pool's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from amur.talent import services
from amur.talent.models import Task
from tests.factories.directory import OrganisationFactory, UserFactory
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


def _untranslated_organisation():
    organisation = OrganisationFactory(
        description_ru="Колледж готовит сварщиков.",
        description_en="The college trains welders.",
        description_zh="",
    )
    return services.translation_tasks_for_missing(obj=organisation, by=None)


@pytest.mark.django_db
def test_platform_translations_list_query_count_does_not_grow_with_rows(client):
    # Each new organisation without a Chinese description adds an open translation task,
    # listed to any signed-in person looking for work.
    url = "/talent/translations/"
    assert_signed_in_list_does_not_grow(client, url, UserFactory(), url, _untranslated_organisation)


# Not here: a person's matches (/talent/me/matches/, /api/v1/talent/me/matches) rank the
# profile against each open need and task with one query per opening (matching.match_one,
# at most 400); the per-opening relations are prefetched, the ranking query is not shared.
