# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory's yearly reports: queries at one row and at twenty are as many
(tests/query_counts.py)."""

import pytest

from amur.observatory import reports
from tests.factories.directory import UserFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow


def _report(_scene):
    # Queued (the build runs after a commit the test never makes), public, each by its own
    # requester, whose name the list shows.
    return reports.report_request(by=UserFactory(), year=2025, language="ru", private=False)


CASES = [
    ListCase("yearly reports", lambda s: "/observatory/reports/", _report),
    ListCase("API yearly reports", lambda s: "/api/v1/observatory/reports", _report),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
