# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small building blocks of list queries shared by the apps' selectors."""

from __future__ import annotations

from django.db.models import Model, Q


def having(model: type[Model], **lookup) -> Q:
    """Rows of ``model`` with a related row matching ``lookup`` (``fields__key="music"``),
    as a subquery rather than a join.

    A join on a to-many relation repeats a row once per match, and the DISTINCT that
    removes the repeats runs over every column of every row of the list, twice for a
    paginated list (its page and its count): about 300 ms a request on the API's events and
    people lists at 20,000 events and 200,000 people (bench/results/latest.md).  With the
    conditions as subqueries a list needs no DISTINCT."""
    return Q(pk__in=model.objects.filter(**lookup).values("pk"))
