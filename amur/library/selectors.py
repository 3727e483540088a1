# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db.models import QuerySet

from amur.core.search import search_filter
from amur.library.models import Holding, Record


def records_search(
    query: str | None,
    *,
    language: str | None = None,
    library: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> QuerySet[Record]:
    """Records matching a query in any script, with the catalogue's facets."""
    qs = Record.objects.select_related("library")
    if query:
        qs = qs.filter(search_filter(query))
    if language:
        qs = qs.filter(languages__contains=language)
    if library:
        qs = qs.filter(library_id=library)
    if year_from:
        qs = qs.filter(year__gte=year_from)
    if year_to:
        qs = qs.filter(year__lte=year_to)
    return qs.order_by("title", "id")


def holdings_of_work(record: Record) -> QuerySet[Holding]:
    """Every library's copies of the work ``record`` belongs to (its whole cluster)."""
    return (
        Holding.objects.filter(record__cluster_key=record.cluster_key)
        .select_related("library", "record")
        .order_by("library__name_en", "barcode")
    )
