# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import translation

from amur.alliances.enums import MembershipStatus
from amur.alliances.models import Alliance, Body, ConstitutionVersion, Dues, Membership, Vote
from amur.core.codes import field_labels
from amur.core.i18n import localised_text
from amur.core.models import Place
from amur.core.search import search_filter
from amur.core.versions import remembered
from amur.directory.models import Organisation

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


BREAKDOWN_SECONDS = 3600


def membership_breakdown(alliance: Alliance) -> dict:
    """What the secretariat reports: members by category, kind, country, region, sector
    and year joined, plus growth over time and the places for the map.

    Counted by the database and kept per alliance and language until a membership, an
    organisation or a place changes (the data versions of their apps are in the key)."""
    name = f"alliances:breakdown:{alliance.pk}:{translation.get_language() or ''}"
    return remembered(
        name,
        ["alliances", "directory", "core"],
        lambda: _breakdown_counted(alliance),
        BREAKDOWN_SECONDS,
    )


def _counts(members: QuerySet[Membership], column: str) -> dict:
    return dict(members.order_by().values_list(column).annotate(n=Count("id")))


def _breakdown_counted(alliance: Alliance) -> dict:
    members = alliance.memberships.filter(status=MembershipStatus.ACTIVE)
    by: dict[str, Counter] = {}
    for name, model, column in (
        ("category", Membership, "category"),
        ("kind", Organisation, "organisation__kind"),
        ("sector", Organisation, "organisation__sector"),
    ):
        labels = field_labels(model, column.rpartition("__")[2])
        by[name] = Counter()
        for value, n in _counts(members, column).items():
            by[name][labels.get(value, value)] += n
    by["year"] = Counter(_counts(members, ExtractYear("joined_on")))
    per_place = _counts(members, "organisation__place")
    by["country"], by["region"] = Counter(), Counter()
    places: Counter = Counter()
    coordinates = {}
    chinese_regions: set[int] = set()
    for place in Place.objects.filter(pk__in=per_place).select_related("parent"):
        n = per_place[place.pk]
        region = place.parent if place.kind in ("city", "port") and place.parent else place
        by["country"][place.country_code] += n
        by["region"][localised_text(region, "name")] += n
        if place.country_code == "CN":
            chinese_regions.add(region.pk)
        if place.lat is not None:
            name = localised_text(place, "name")
            places[name] += n
            coordinates[name] = [float(place.lon), float(place.lat)]
    years = sorted(y for y in by["year"] if y)
    growth, total = [], 0
    for year in years:
        total += by["year"][year]
        growth.append((year, total))
    return {
        "total": sum(per_place.values()),
        "chinese_regions": len(chinese_regions),
        "by": {
            name: sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
            for name, counter in by.items()
        },
        "growth": growth,
        "map": [{"name": n, "value": [*coordinates[n], c]} for n, c in sorted(places.items())],
    }


def active_members(alliance: Alliance) -> QuerySet[Membership]:
    """The alliance's active memberships: the organisations a candidate may represent."""
    return alliance.memberships.filter(status=MembershipStatus.ACTIVE)


def teller_candidates(alliance: Alliance):
    """The users who may count an in-person vote: anyone with a role in the secretariat or
    in an active member organisation."""
    organisations = [
        alliance.secretariat_id,
        *active_members(alliance).values_list("organisation_id", flat=True),
    ]
    return (
        get_user_model()
        .objects.filter(organisation_roles__organisation_id__in=organisations)
        .distinct()
        .order_by("username")
    )
