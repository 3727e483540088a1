# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The forum's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.forum import edition
from tests.query_counts import ListCase, assert_queries_do_not_grow

CASES = [
    ListCase("forum editions", lambda s: "/forum/", lambda s: edition()),
    ListCase("API forum editions", lambda s: "/api/v1/forum/editions", lambda s: edition()),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
