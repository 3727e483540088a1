# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The talent pool's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.talent import need, talent, training_offer
from tests.query_counts import ListCase, assert_queries_do_not_grow

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
