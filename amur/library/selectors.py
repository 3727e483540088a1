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


def exchange_offers_open():
    from amur.library.models import ExchangeOffer

    return ExchangeOffer.objects.filter(closed_at__isnull=True).select_related("library")


def exchange_requests_for(user, organisation_ids: list[int]):
    """Requests in which one of ``organisation_ids`` takes part, on either side (staff see
    all of them)."""
    from django.db.models import Q

    from amur.library.models import ExchangeRequest

    qs = ExchangeRequest.objects.select_related("offer__library", "requester").prefetch_related(
        "wanted__record"
    )
    if user.is_staff:
        return qs
    return qs.filter(
        Q(offer__library_id__in=organisation_ids) | Q(requester_id__in=organisation_ids)
    )
