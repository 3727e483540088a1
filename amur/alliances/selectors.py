# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.http import Http404

from amur.alliances.enums import MembershipStatus
from amur.alliances.models import Alliance, Body, ConstitutionVersion, Dues, Membership, Vote
from amur.core.i18n import localised_text
from amur.core.search import search_filter

# Scoped lookups: every alliance object addressed by URL or API is fetched here, so that
# the page and the API hide the same things (404) before any permission is asked (403).


def alliance_get_for(user, *, slug: str) -> Alliance:
    """An alliance (all are public) with its secretariat; 404 if there is none."""
    alliance = Alliance.objects.select_related("secretariat").filter(slug=slug).first()
    if alliance is None:
        raise Http404
    return alliance


def body_get_for(user, *, slug: str, pk: int) -> Body:
    """A governing body of the alliance ``slug`` (bodies are public); 404 otherwise."""
    body = Body.objects.select_related("alliance").filter(pk=pk, alliance__slug=slug).first()
    if body is None:
        raise Http404
    return body


def constitution_version_get_for(user, *, alliance: Alliance, number) -> ConstitutionVersion:
    """Version ``number`` of the alliance's constitution (public); 404 if there is no
    such version, or ``number`` (from a query string) is not a number."""
    if not str(number).isdigit():
        raise Http404
    version = alliance.constitution.filter(number=int(number)).first()
    if version is None:
        raise Http404
    return version


def vote_get_for(user, *, slug: str, pk: int) -> Vote:
    """A vote of the alliance ``slug``; a draft only for those who prepare it
    (``alliances.view_vote``), 404 for anyone else."""
    vote = Vote.objects.select_related("alliance").filter(pk=pk, alliance__slug=slug).first()
    if vote is None or not user.has_perm("alliances.view_vote", vote):
        raise Http404
    return vote


def membership_get_for(user, *, slug: str, pk: int) -> Membership:
    """A membership of the alliance ``slug``: an active one is public (the member list);
    an application or an ended membership only for the secretariat and the member
    organisation's editors; 404 for anyone else."""
    membership = (
        Membership.objects.select_related("alliance", "organisation")
        .filter(pk=pk, alliance__slug=slug)
        .first()
    )
    if membership is None or not (
        membership.status == MembershipStatus.ACTIVE
        or user.has_perm("alliances.manage_alliance", membership.alliance)
        or user.has_perm("alliances.view_membership", membership)
    ):
        raise Http404
    return membership


def dues_get_for(user, *, slug: str, pk: int) -> Dues:
    """A dues row of the alliance ``slug``, seen by the secretariat and by the member
    organisation's editors; 404 for anyone else."""
    row = (
        Dues.objects.select_related("membership__alliance", "membership__organisation")
        .filter(pk=pk, membership__alliance__slug=slug)
        .first()
    )
    if row is None or not (
        user.has_perm("alliances.manage_alliance", row.membership.alliance)
        or user.has_perm("alliances.view_membership", row.membership)
    ):
        raise Http404
    return row


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
