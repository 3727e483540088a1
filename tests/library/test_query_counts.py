# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The library's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.library import RecordFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow

CASES = [
    ListCase(
        "OAI-PMH ListRecords",
        lambda s: "/library/oai?verb=ListRecords&metadataPrefix=oai_dc",
        lambda s: RecordFactory(),
    ),
    ListCase("catalogue search", lambda s: "/library/?q=onegin", lambda s: RecordFactory()),
    ListCase(
        "API catalogue records",
        lambda s: "/api/v1/library/records?q=onegin",
        lambda s: RecordFactory(),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
