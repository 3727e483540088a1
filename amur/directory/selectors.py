# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the directory: filtered lists and visibility."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from amur.core.querysets import having
from amur.core.search import search_filter
from amur.directory.models import Organisation, Person


def organisations_filtered(
    *,
    q: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    place: str | None = None,
    field: str | None = None,
) -> QuerySet[Organisation]:
    """Organisations matching the directory's filters; ``place`` matches a city or region key."""
    qs = Organisation.objects.select_related("place", "place__parent")
    if q:
        qs = qs.filter(search_filter(q))
    if kind:
        qs = qs.filter(kind=kind)
    if sector:
        qs = qs.filter(sector=sector)
    if country:
        qs = qs.filter(place__country_code=country.upper())
    if place:
        qs = qs.filter(Q(place__key=place) | Q(place__parent__key=place))
    if field:
        qs = qs.filter(having(Organisation, fields__key=field))
    return qs.order_by("name_en", "id")


def organisation_get_for(user, *, pk: int | None = None, slug: str | None = None) -> Organisation:
    """An organisation by id or slug, with its place (organisations are public: every one
    is visible to everyone); 404 when there is none."""
    lookup = {"pk": pk} if pk is not None else {"slug": slug}
    organisation = (
        Organisation.objects.select_related("place", "place__parent").filter(**lookup).first()
    )
    if organisation is None:
        raise Http404
    return organisation


def people_visible_to(user) -> QuerySet[Person]:
    """Listed people for everyone; staff also see unlisted ones, a user their own entry."""
    qs = Person.objects.all()
    if getattr(user, "is_staff", False):
        return qs
    if getattr(user, "is_authenticated", False):
        return qs.filter(Q(listed=True) | Q(user=user))
    return qs.filter(listed=True)


def people_filtered(
    *,
    user,
    q: str | None = None,
    nationality: str | None = None,
    organisation: int | None = None,
    field: str | None = None,
    language: str | None = None,
) -> QuerySet[Person]:
    qs = people_visible_to(user)
    if q:
        qs = qs.filter(search_filter(q))
    if nationality:
        qs = qs.filter(nationality=nationality.upper())
    if organisation:
        qs = qs.filter(having(Person, affiliations__organisation_id=organisation))
    if field:
        qs = qs.filter(having(Person, fields__key=field))
    if language:
        qs = qs.filter(having(Person, languages__language=language))
    return qs.order_by("name_latin", "name", "id")


def person_get_for(user, *, pk: int) -> Person:
    """The person if ``user`` may see them, else 404 (unlisted people stay hidden)."""
    person = people_visible_to(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def organisation_people(organisation: Organisation, user) -> QuerySet[Person]:
    return (
        people_visible_to(user)
        .filter(affiliations__organisation=organisation)
        .distinct()
        .order_by("name_latin", "name")
    )
