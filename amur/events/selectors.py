# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from datetime import date

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from amur.core.permissions import EDITOR, organisations_where
from amur.core.querysets import having
from amur.core.search import search_filter
from amur.events.enums import EventStatus
from amur.events.models import (
    Delegation,
    Event,
    EventOrganiser,
    EventPhoto,
    Registration,
    Session,
)

PUBLIC = (
    EventStatus.PUBLISHED,
    EventStatus.POSTPONED,
    EventStatus.CANCELLED,
    EventStatus.COMPLETED,
)


def events_visible_to(user) -> QuerySet[Event]:
    """Public events for everyone; drafts only for their host's editors and staff.

    Conditions on an event's many rows (organisers, fields, modes) are subqueries
    (``amur.core.querysets.having``), never joins, so the list needs no DISTINCT."""
    qs = Event.objects.select_related("place", "place__parent")
    if getattr(user, "is_staff", False):
        return qs
    if not user.is_authenticated:
        return qs.filter(status__in=PUBLIC)
    hosted = EventOrganiser.objects.filter(
        role="host", organisation_id__in=organisations_where(user, EDITOR)
    )
    return qs.filter(Q(status__in=PUBLIC) | Q(pk__in=hosted.values("event_id")))


def events_filtered(
    user,
    *,
    q: str | None = None,
    kind: str | None = None,
    field: str | None = None,
    place: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    language: str | None = None,
    attendance: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[Event]:
    qs = events_visible_to(user)
    if q:
        qs = qs.filter(search_filter(q))
    if kind:
        qs = qs.filter(kind=kind)
    if field:
        qs = qs.filter(having(Event, fields__key=field))
    if place:
        qs = qs.filter(Q(place__key=place) | Q(place__parent__key=place))
    if country:
        qs = qs.filter(place__country_code=country.upper())
    if sector:
        qs = qs.filter(having(Event, event_organisers__organisation__sector=sector))
    if language:
        qs = qs.filter(languages__contains=language)
    if attendance:
        qs = qs.filter(having(Event, modes__attendance=attendance))
    if start:
        qs = qs.filter(end__date__gte=start)
    if end:
        qs = qs.filter(start__date__lte=end)
    return qs.order_by("start", "id")


def events_upcoming_first(events: QuerySet[Event], now) -> QuerySet[Event]:
    """Upcoming events first, the nearest first, then past ones, the latest first: one
    ordering the database pages through."""
    return events.annotate(
        is_past=Case(
            When(end__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    ).order_by(
        "is_past",
        Case(When(is_past=0, then=F("start"))).asc(),
        Case(When(is_past=1, then=F("start"))).desc(),
        "id",
    )


def event_get_for(user, *, slug: str) -> Event:
    event = events_visible_to(user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


# The objects of an event are addressed through the event: ``event`` is what
# ``event_get_for`` returned, so an invisible event hides them too.


def registration_get_for(
    user, *, event: Event, pk: int | None = None, ticket_code: str | None = None
) -> Registration:
    """A registration of ``event`` by id or ticket code, for the event's organisers only
    (registrants reach theirs through the links they were sent); 404 otherwise."""
    lookup = {"pk": pk} if pk is not None else {"ticket_code": ticket_code}
    registration = Registration.objects.filter(event=event, **lookup).first()
    if registration is None or not user.has_perm("events.manage_registrations", event):
        raise Http404
    return registration


def delegation_get_for(user, *, event: Event, pk: int) -> Delegation:
    """A delegation to ``event``, for the event's organisers and the delegation's head;
    404 for anyone else."""
    delegation = (
        Delegation.objects.select_related("organisation").filter(pk=pk, event=event).first()
    )
    if delegation is None or not (
        delegation.head_id == getattr(user, "pk", None)
        or user.has_perm("events.manage_registrations", event)
    ):
        raise Http404
    return delegation


def session_get_for(user, *, event: Event, pk: int) -> Session:
    """A session of ``event`` (as visible as the event); 404 otherwise."""
    session = Session.objects.filter(pk=pk, event=event).first()
    if session is None:
        raise Http404
    return session


def photo_get_for(user, *, event: Event, pk: int) -> EventPhoto:
    """A photo of ``event`` (as visible as the event); 404 otherwise."""
    photo = EventPhoto.objects.filter(pk=pk, event=event).first()
    if photo is None:
        raise Http404
    return photo
