# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The front door and the search over every module: queries at one row and at twenty are as
many (tests/query_counts.py)."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from amur.core.search import search_keys
from tests.factories.alliances import MembershipFactory
from tests.factories.competitions import EditionFactory, RoundFactory
from tests.factories.directory import OrganisationFactory
from tests.factories.events import EventFactory
from tests.factories.mobility import CallFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow

_number = itertools.count()


def _happening(_scene):
    """One of each kind the front door lists: an upcoming event, an open call, a competition
    taking applications, a confirmed result and a new member."""
    n = next(_number)
    EventFactory(title_en=f"Expo {n}")
    CallFactory(title_en=f"Semester {n}")
    EditionFactory(competition__name_en=f"Piano Competition {n}")
    RoundFactory(
        status="confirmed",
        discipline__edition__applications_close=timezone.now() - timedelta(days=60),
        discipline__edition__competition__name_en=f"Violin Competition {n}",
    )
    return MembershipFactory(organisation__name_en=f"College {n}", joined_on=date(2026, 11, 1))


def _harbin_things(_scene):
    n = next(_number)
    OrganisationFactory(name_en=f"Harbin College {n}")
    return EventFactory(
        title_en=f"Harbin Festival {n}", search_keys=search_keys(f"Harbin Festival {n}")
    )


CASES = [
    ListCase("home page", lambda s: "/", _happening),
    ListCase("search over every module", lambda s: "/search/?q=harbin", _harbin_things),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
