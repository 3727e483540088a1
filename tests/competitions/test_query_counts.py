# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The competitions' lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.competitions import (
    EditionFactory,
    integrity_contestant,
    integrity_scene,
)
from tests.query_counts import ListCase, assert_queries_do_not_grow

CASES = [
    ListCase("competitions list", lambda s: "/competitions/", lambda s: EditionFactory()),
    ListCase(
        "published integrity analysis",
        lambda s: f"/competitions/rounds/{s['round'].pk}/integrity/",
        integrity_contestant,
        integrity_scene,
    ),
    ListCase(
        "round results",
        lambda s: f"/competitions/rounds/{s['round'].pk}/results/",
        integrity_contestant,
        integrity_scene,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
