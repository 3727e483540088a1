# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The reference lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import itertools

import pytest

from tests.factories.core import FieldOfExchangeFactory, PlaceFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow

_keys = itertools.count()


def _place(_scene):
    return PlaceFactory(key=f"place-{next(_keys)}")


def _field(_scene):
    return FieldOfExchangeFactory(key=f"field-{next(_keys)}")


CASES = [
    ListCase("API places", lambda s: "/api/v1/core/places", _place),
    ListCase("API fields", lambda s: "/api/v1/core/fields", _field),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)
