# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The front door: what is happening now across the modules, and one search over all of
them.  Every read goes through the owning app's selector, so that nobody is shown what
they may not see (drafts, unlisted people, members-only profiles)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amur.alliances.enums import MembershipStatus
from amur.alliances.models import Membership
from amur.competitions.enums import RoundStatus
from amur.competitions.models import Competition, Edition, Round
from amur.core.i18n import content_language, localised_text
from amur.core.search import search_filter, text_matches
from amur.directory.selectors import organisations_filtered, people_filtered
from amur.events.enums import EventStatus
from amur.events.selectors import events_filtered, events_visible_to
from amur.forum.selectors import editions_visible_to
from amur.library.selectors import records_search
from amur.mobility.models import Call
from amur.resources.selectors import resources_search
from amur.talent.selectors import profiles_listed_to

# How many rows each block of the front door shows.
FRONT_ROWS = 5
# How many hits of each kind the search shows before "all results in this module".
SEARCH_ROWS = 8


@dataclass
class Item:
    title: str
    url: str
    note: str = ""
    # A day (events, memberships) or a moment (deadlines, shown with the reader's zone).
    when: date | datetime | None = None


@dataclass
class Group:
    kind: str
    label: str
    items: list[Item] = field(default_factory=list)
    more_url: str = ""
    more: bool = False


def _url(name: str, *args, **kwargs) -> str:
    try:
        return reverse(name, args=args, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


def person_name(person) -> str:
    """A directory person's name in the reader's script when it is known."""
    language = content_language()
    preferred = {"zh": person.name_zh, "ru": person.name_ru, "en": person.name_latin}[language]
    return preferred or person.name or person.name_latin


def _event_day(event) -> date:
    """The day an event starts where it takes place."""
    try:
        zone = ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return event.start.astimezone(zone).date()


def place_name(place) -> str:
    return localised_text(place, "name") if place is not None else ""


# ----------------------------------------------------------------------------- happening


def upcoming_events(user, *, now: datetime | None = None, rows: int = FRONT_ROWS) -> list[Item]:
    now = now or timezone.now()
    events = (
        events_visible_to(user)
        .filter(status__in=[EventStatus.PUBLISHED, EventStatus.POSTPONED], end__gte=now)
        .order_by("start", "id")[:rows]
    )
    return [
        Item(
            title=localised_text(event, "title"),
            url=_url("events:detail", slug=event.slug),
            note=place_name(event.place),
            when=_event_day(event),
        )
        for event in events
    ]


def open_calls(user, *, now: datetime | None = None, rows: int = FRONT_ROWS) -> list[Item]:
    """Mobility calls, competition applications and forum calls for papers open now,
    the nearest deadline first."""
    now = now or timezone.now()
    items: list[Item] = []
    for call in Call.objects.filter(deadline__gte=now).order_by("deadline")[:rows]:
        items.append(
            Item(
                title=localised_text(call, "title"),
                url=_url("mobility:call", call.pk),
                note=_("Mobility call"),
                when=call.deadline,
            )
        )
    editions = (
        Edition.objects.filter(applications_open__lte=now, applications_close__gte=now)
        .select_related("competition")
        .order_by("applications_close")[:rows]
    )
    for edition in editions:
        items.append(
            Item(
                title=f"{localised_text(edition.competition, 'name')} {edition.year}",
                url=_url("competitions:edition", edition.pk),
                note=_("Competition applications"),
                when=edition.applications_close,
            )
        )
    forums = (
        editions_visible_to(user)
        .filter(cfp_opens__lte=now, cfp_closes__gte=now)
        .order_by("cfp_closes")[:rows]
    )
    for edition in forums:
        items.append(
            Item(
                title=localised_text(edition.event, "title"),
                url=_url("forum:edition", slug=edition.event.slug),
                note=_("Call for papers"),
                when=edition.cfp_closes,
            )
        )
    items.sort(key=lambda item: item.when)  # all are moments
    return items[:rows]


def recent_results(rows: int = FRONT_ROWS) -> list[Item]:
    """Competition rounds whose results are public, the latest first."""
    rounds = (
        Round.objects.filter(status__in=[RoundStatus.CLOSED, RoundStatus.CONFIRMED])
        .select_related("discipline__edition__competition")
        .order_by("-confirmed_at", "-id")[:rows]
    )
    items = []
    for round_ in rounds:
        edition = round_.discipline.edition
        items.append(
            Item(
                title=f"{localised_text(edition.competition, 'name')} {edition.year}",
                url=_url("competitions:results", round_.pk),
                note=f"{localised_text(round_.discipline, 'name')} · "
                f"{localised_text(round_, 'name')}",
                when=round_.confirmed_at,
            )
        )
    return items


def new_members(rows: int = FRONT_ROWS) -> list[Item]:
    """Organisations that most recently became active members of an alliance."""
    memberships = (
        Membership.objects.filter(status=MembershipStatus.ACTIVE, joined_on__isnull=False)
        .select_related("organisation", "alliance")
        .order_by("-joined_on", "-id")[:rows]
    )
    return [
        Item(
            title=localised_text(membership.organisation, "name"),
            url=_url("directory:organisation", membership.organisation_id),
            note=localised_text(membership.alliance, "name"),
            when=membership.joined_on,
        )
        for membership in memberships
    ]


def happening(user, *, now: datetime | None = None) -> dict[str, list[Item]]:
    return {
        "events": upcoming_events(user, now=now),
        "calls": open_calls(user, now=now),
        "results": recent_results(),
        "members": new_members(),
    }


# ----------------------------------------------------------------------------- search

KINDS = (
    ("organisations", gettext_lazy("Organisations")),
    ("people", gettext_lazy("People")),
    ("events", gettext_lazy("Events")),
    ("competitions", gettext_lazy("Competitions")),
    ("calls", gettext_lazy("Mobility calls")),
    ("records", gettext_lazy("Library catalogue")),
    ("resources", gettext_lazy("Educational resources")),
    ("profiles", gettext_lazy("Talent profiles")),
)


def _organisations(user, query, rows):
    qs = organisations_filtered(q=query).select_related(None).select_related("place")
    return [
        Item(localised_text(o, "name"), _url("directory:organisation", o.pk), place_name(o.place))
        for o in qs[: rows + 1]
    ], _url("directory:list")


def _people(user, query, rows):
    qs = people_filtered(user=user, q=query)
    return [Item(person_name(p), _url("directory:person", p.pk)) for p in qs[: rows + 1]], ""


def _events(user, query, rows):
    qs = events_filtered(user, q=query)
    return [
        Item(localised_text(e, "title"), _url("events:detail", slug=e.slug), when=_event_day(e))
        for e in qs.order_by("-start", "id")[: rows + 1]
    ], _url("events:index")


def _competitions(user, query, rows):
    found = [
        c
        for c in Competition.objects.prefetch_related("editions").order_by("id")
        if text_matches(query, c.name_zh, c.name_ru, c.name_en)
    ]
    items = []
    for competition in found[: rows + 1]:
        latest = max(competition.editions.all(), key=lambda e: e.year, default=None)
        url = _url("competitions:edition", latest.pk) if latest else _url("competitions:index")
        items.append(Item(localised_text(competition, "name"), url))
    return items, _url("competitions:index")


def _calls(user, query, rows):
    found = [
        c
        for c in Call.objects.order_by("-deadline", "id")
        if text_matches(query, c.title_zh, c.title_ru, c.title_en)
    ]
    return [
        Item(localised_text(c, "title"), _url("mobility:call", c.pk), when=c.deadline)
        for c in found[: rows + 1]
    ], _url("mobility:index")


def _records(user, query, rows):
    qs = records_search(query, fuzzy=False)
    return [
        Item(r.title, _url("library:record", r.pk), localised_text(r.library, "name"))
        for r in qs[: rows + 1]
    ], _url("library:index")


def _resources(user, query, rows):
    qs = resources_search(user, query).select_related("organisation")
    return [
        Item(
            localised_text(r, "title"),
            _url("resources:detail", r.pk),
            localised_text(r.organisation, "name"),
        )
        for r in qs.order_by("id")[: rows + 1]
    ], _url("resources:index")


def _profiles(user, query, rows):
    qs = profiles_listed_to(user).filter(search_filter(query)).select_related("person")
    items = []
    for profile in qs.order_by("id")[: rows + 1]:
        url = _url("talent:profile", profile.pk) or _url("talent:index")
        items.append(Item(person_name(profile.person), url, localised_text(profile, "headline")))
    return items, _url("talent:index")


SEARCHES = {
    "organisations": _organisations,
    "people": _people,
    "events": _events,
    "competitions": _competitions,
    "calls": _calls,
    "records": _records,
    "resources": _resources,
    "profiles": _profiles,
}


def search_everywhere(user, query: str | None, *, rows: int = SEARCH_ROWS) -> list[Group]:
    """Hits of ``query`` (any script) in every module the reader may see, grouped by kind;
    kinds without a hit are left out."""
    if not query or not query.strip():
        return []
    groups = []
    for kind, label in KINDS:
        items, more_url = SEARCHES[kind](user, query, rows)
        if not items:
            continue
        more = len(items) > rows
        link = f"{more_url}?{urlencode({'q': query})}" if more and more_url else ""
        groups.append(Group(kind, str(label), items[:rows], link, more))
    return groups
