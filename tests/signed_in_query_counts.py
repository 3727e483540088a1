# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Query-count cases for lists a signed-in person reads (their own tokens, their stays,
the staff's failed mails): the client signs in as the case's reader first."""

from __future__ import annotations

from collections.abc import Callable

from tests.query_counts import ListCase, assert_queries_do_not_grow


def assert_signed_in_list_does_not_grow(
    client, name: str, reader, url: str, add: Callable[[], object]
) -> None:
    client.force_login(reader)
    assert_queries_do_not_grow(client, ListCase(name, lambda s: url, lambda s: add()))
