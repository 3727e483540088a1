# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A public list's query count does not grow with its rows.

Every public page with rows and every API list is asked once with one row and once with
twenty; the number of queries must be the same (pretalx keeps such a test for every list).
A page that loads a relation per row (a missing ``select_related``/``prefetch_related``)
fails with the queries it added. Each app lists its cases in
``tests/<app>/test_query_counts.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class ListCase:
    name: str
    url: Callable[[dict], str]
    add: Callable[[dict], object]
    scene: Callable[[], dict] = dict

    def __str__(self) -> str:
        return self.name


def _queries(client, url: str) -> tuple[list[str], int]:
    """The SQL a GET runs, and the size of what it answered, with nothing cached: what a
    page keeps in the cache (its aggregates, itself) would hide the queries it makes."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in captured.captured_queries], len(response.content)


def assert_queries_do_not_grow(client, case: ListCase) -> None:
    scene = case.scene()
    case.add(scene)
    url = case.url(scene)
    client.get(url)  # caches filled on first use (content types, places) are not the list's
    one, one_size = _queries(client, url)

    for _ in range(19):
        case.add(scene)
    twenty, twenty_size = _queries(client, url)

    assert twenty_size > one_size, "the new rows are not on the list: the case proves nothing"
    assert len(twenty) == len(one), "\n".join(twenty)
