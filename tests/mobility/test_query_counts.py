# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The mobility calls: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.mobility import CallFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow

CASES = [
    ListCase("mobility calls", lambda s: "/mobility/", lambda s: CallFactory()),
    ListCase("API mobility calls", lambda s: "/api/v1/mobility/calls", lambda s: CallFactory()),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
