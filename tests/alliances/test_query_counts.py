# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The alliances' lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow


def _alliance_scene() -> dict:
    return {"alliance": AllianceFactory(slug="sino-russian-vocational")}


CASES = [
    ListCase("alliances list", lambda s: "/alliances/", lambda s: AllianceFactory()),
    ListCase(
        "alliance page (members)",
        lambda s: f"/alliances/{s['alliance'].slug}/",
        lambda s: MembershipFactory(alliance=s["alliance"]),
        _alliance_scene,
    ),
    ListCase("API alliances", lambda s: "/api/v1/alliances/alliances", lambda s: AllianceFactory()),
    ListCase(
        "API alliance members",
        lambda s: f"/api/v1/alliances/alliances/{s['alliance'].slug}/members",
        lambda s: MembershipFactory(alliance=s["alliance"]),
        _alliance_scene,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
