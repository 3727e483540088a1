# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Figures for the observatory: what is shared and adopted in which direction, by field,
level and language, and how far the shared resources are translated."""

from __future__ import annotations

from collections import Counter

from amur.resources.enums import ResourceStatus, VersionStatus
from amur.resources.models import Adoption, Resource

DIRECTIONS = {("CN", "RU"): "CN→RU", ("RU", "CN"): "RU→CN"}


def _country(org) -> str:
    return org.place.country_code if org.place_id else ""


def summary() -> dict:
    """Counts over published resources (whatever their audience: only figures are shown)."""
    shared = list(
        Resource.objects.filter(status=ResourceStatus.PUBLISHED)
        .select_related("organisation__place", "field")
        .prefetch_related("versions")
    )
    by_country: Counter = Counter()
    by_field: Counter = Counter()
    by_level: Counter = Counter()
    by_language: Counter = Counter()
    coverage = {"one": 0, "two": 0, "three": 0}
    for resource in shared:
        by_country[_country(resource.organisation)] += 1
        by_field[resource.field.key if resource.field_id else ""] += 1
        by_level[resource.eqf_level or 0] += 1
        published = {
            v.language for v in resource.versions.all() if v.status == VersionStatus.PUBLISHED
        }
        for code in published:
            by_language[code] += 1
        coverage[{0: "one", 1: "one", 2: "two"}.get(len(published), "three")] += 1
    adoptions: Counter = Counter()
    for adoption in Adoption.objects.select_related(
        "organisation__place", "resource__organisation__place"
    ):
        pair = (_country(adoption.resource.organisation), _country(adoption.organisation))
        adoptions[DIRECTIONS.get(pair, "other")] += 1
    both = sum(
        1
        for r in shared
        if {"zh", "ru"}
        <= {v.language for v in r.versions.all() if v.status == VersionStatus.PUBLISHED}
    )
    return {
        "shared": len(shared),
        "shared_by_country": sorted(by_country.items()),
        "adopted_by_direction": sorted(adoptions.items()),
        "by_field": sorted(by_field.items()),
        "by_level": sorted(by_level.items()),
        "by_language": sorted(by_language.items()),
        "coverage": coverage,
        "in_chinese_and_russian": both,
        "coverage_share": round(100 * both / len(shared)) if shared else 0,
    }
