# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from amur.alliances.enums import MembershipStatus
from amur.alliances.models import Alliance, Membership
from amur.core.i18n import localised_text
from amur.core.search import search_filter


def members_active(alliance: Alliance) -> QuerySet[Membership]:
    return (
        alliance.memberships.filter(status=MembershipStatus.ACTIVE)
        .select_related("organisation", "organisation__place", "organisation__place__parent")
        .order_by("organisation__name_en")
    )


def members_listed(
    alliance: Alliance, *, q: str = "", category: str = "", country: str = ""
) -> QuerySet[Membership]:
    """The active members a reader looks for: by name in any script, category, country."""
    members = members_active(alliance).filter(search_filter(q, "organisation__search_keys"))
    if category:
        members = members.filter(category=category)
    if country:
        members = members.filter(organisation__place__country_code=country)
    return members


def membership_breakdown(alliance: Alliance) -> dict:
    """What the secretariat reports: members by category, kind, country, region, sector
    and year joined, plus growth over time and the places for the map."""
    members = list(members_active(alliance))
    by = {name: Counter() for name in ("category", "kind", "country", "region", "sector", "year")}
    places: Counter = Counter()
    coordinates = {}
    chinese_regions: set[int] = set()
    for m in members:
        org, place = m.organisation, m.organisation.place
        region = place.parent if place.kind in ("city", "port") and place.parent else place
        by["category"][m.get_category_display()] += 1
        by["kind"][org.get_kind_display()] += 1
        by["country"][place.country_code] += 1
        by["region"][localised_text(region, "name")] += 1
        if place.country_code == "CN":
            chinese_regions.add(region.pk)
        by["sector"][org.get_sector_display()] += 1
        by["year"][m.joined_on.year if m.joined_on else None] += 1
        if place.lat is not None:
            places[localised_text(place, "name")] += 1
            coordinates[localised_text(place, "name")] = [float(place.lon), float(place.lat)]
    years = sorted(y for y in by["year"] if y)
    growth, total = [], 0
    for year in years:
        total += by["year"][year]
        growth.append((year, total))
    return {
        "total": len(members),
        "chinese_regions": len(chinese_regions),
        "by": {
            name: sorted(counter.items(), key=lambda kv: -kv[1]) for name, counter in by.items()
        },
        "growth": growth,
        "map": [{"name": n, "value": [*coordinates[n], c]} for n, c in places.items()],
    }
