# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The resources' lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.resources import ResourceFactory, TermFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow

CASES = [
    ListCase("resources list", lambda s: "/resources/", lambda s: ResourceFactory()),
    ListCase("termbase", lambda s: "/resources/termbase/", lambda s: TermFactory()),
    ListCase("API resources", lambda s: "/api/v1/resources/resources", lambda s: ResourceFactory()),
    ListCase("API concepts", lambda s: "/api/v1/resources/concepts", lambda s: TermFactory()),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
