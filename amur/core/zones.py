# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Time zones as our users name them: one name per zone, in three languages.

The tz database keeps several identifiers for one zone (Asia/Harbin, Asia/Chongqing and
PRC are all Asia/Shanghai); ``canonical`` folds them to one, so that a page never shows
two names for the same clock.  ``COMMON`` is the short list the profile offers first:
China and Russia's eleven zones, west to east.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Old or linked identifiers → the one the tz database keeps as canonical.
ALIASES = {
    "Asia/Harbin": "Asia/Shanghai",
    "Asia/Chongqing": "Asia/Shanghai",
    "Asia/Chungking": "Asia/Shanghai",
    "PRC": "Asia/Shanghai",
    "Asia/Kashgar": "Asia/Urumqi",
    "W-SU": "Europe/Moscow",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Etc/UTC": "UTC",
    "Etc/GMT": "UTC",
    "GMT": "UTC",
    "Universal": "UTC",
    "Zulu": "UTC",
}

# The zones our users live in, with their names in the reader's language.
COMMON = {
    "Asia/Shanghai": pgettext_lazy("time zone", "Beijing time"),
    "Asia/Urumqi": pgettext_lazy("time zone", "Xinjiang time"),
    "Europe/Kaliningrad": pgettext_lazy("time zone", "Kaliningrad time"),
    "Europe/Moscow": pgettext_lazy("time zone", "Moscow time"),
    "Europe/Samara": pgettext_lazy("time zone", "Samara time"),
    "Asia/Yekaterinburg": pgettext_lazy("time zone", "Yekaterinburg time"),
    "Asia/Omsk": pgettext_lazy("time zone", "Omsk time"),
    "Asia/Krasnoyarsk": pgettext_lazy("time zone", "Krasnoyarsk time"),
    "Asia/Irkutsk": pgettext_lazy("time zone", "Irkutsk time"),
    "Asia/Yakutsk": pgettext_lazy("time zone", "Yakutsk time"),
    "Asia/Vladivostok": pgettext_lazy("time zone", "Vladivostok time"),
    "Asia/Magadan": pgettext_lazy("time zone", "Magadan time"),
    "Asia/Kamchatka": pgettext_lazy("time zone", "Kamchatka time"),
    "Asia/Ulaanbaatar": pgettext_lazy("time zone", "Ulaanbaatar time"),
    "UTC": _("Coordinated Universal Time"),
}


def canonical(name: str | None) -> str:
    """The one identifier of a zone (``Asia/Harbin`` → ``Asia/Shanghai``)."""
    if not name:
        return ""
    return ALIASES.get(name, name)


def zone_key(zone) -> str:
    """The canonical identifier of a ``ZoneInfo``, a tz name or a fixed offset."""
    key = getattr(zone, "key", None) or str(zone)
    return canonical(key)


def _offset(name: str, at: datetime | None = None) -> str:
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    offset = (at or timezone.now()).astimezone(zone).utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(name: str | None, at: datetime | None = None) -> str:
    """A zone as the reader names it, with its offset: "Vladivostok time (UTC+10)";
    a zone outside the short list keeps its identifier ("America/Lima (UTC−5)")."""
    key = canonical(name)
    if not key:
        return ""
    words = str(COMMON.get(key, key))
    offset = _offset(key, at)
    if key == "UTC" or not offset:
        return words
    return f"{words} ({offset})"


def current_zone_label(at: datetime | None = None) -> str:
    """The label of the zone the page is shown in (the reader's, else the site's)."""
    return zone_label(zone_key(timezone.get_current_timezone()), at)


def choices() -> list[tuple[str, str]]:
    """The short list for a form: the common zones, labelled in the reader's language."""
    return [(key, zone_label(key)) for key in COMMON]


def all_zones() -> list[str]:
    """Every other canonical identifier, for the search beyond the short list."""
    return sorted(
        key
        for key in zoneinfo.available_timezones()
        if key not in ALIASES and key not in COMMON and "/" in key and not key.startswith("Etc/")
    )


def _zone(name: str | None):
    try:
        return zoneinfo.ZoneInfo(canonical(name)) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def moment_text(moment: datetime, zone_name: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``moment`` as the clock shows it in ``zone_name``, with the zone's label."""
    zone = _zone(zone_name) or timezone.get_current_timezone()
    return f"{moment.astimezone(zone).strftime(fmt)} {zone_label(zone_key(zone), moment)}"


def differs_from_reader(zone_name: str, at: datetime | None = None) -> bool:
    """Whether the reader's clock differs from ``zone_name``'s at ``at`` (one zone under
    two names, or two zones with the same offset, do not)."""
    reader = timezone.get_current_timezone()
    zone = _zone(zone_name)
    if zone is None or zone_key(reader) == zone_key(zone):
        return False
    at = at or timezone.now()
    return at.astimezone(reader).utcoffset() != at.astimezone(zone).utcoffset()


def in_zones(moment: datetime, zone_name: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A moment in its own zone (an event's), and in the reader's when their clock
    differs: "2027-08-03 09:00 Beijing time (UTC+8); for you 2027-08-03 11:00
    Vladivostok time (UTC+10)"."""
    from django.utils.translation import gettext

    text = moment_text(moment, zone_name, fmt)
    if not differs_from_reader(zone_name, moment):
        return text
    reader = zone_key(timezone.get_current_timezone())
    return gettext("%(there)s; for you %(here)s") % {
        "there": text,
        "here": moment_text(moment, reader, fmt),
    }


def in_zone(moment: datetime, zone_name: str | None) -> datetime:
    """``moment`` on the clock of ``zone_name`` (the site's zone when it names none), for
    documents that state the zone themselves, such as an iCalendar TZID."""
    return moment.astimezone(_zone(zone_name) or timezone.get_default_timezone())


def ics_calendar(prodid: str):
    """An iCalendar (RFC 5545) calendar; times added as ``in_zone(...)`` carry their zone
    (TZID) and ``finish_ics`` writes the VTIMEZONE each one needs, so a calendar shows the
    venue's clock labelled with its zone and converts it for its reader."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    return calendar


@functools.cache
def _vtimezone(tzid: str):
    """The VTIMEZONE of ``tzid``, or None for a zone icalendar does not know. Made once per
    process: icalendar works it out from every transition of the zone, about 20 ms each."""
    from icalendar import Timezone

    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def finish_ics(calendar) -> bytes:
    """The calendar as bytes, with the VTIMEZONE of every zone its times name first (what
    icalendar's ``add_missing_timezones`` adds, taken from ``_vtimezone``)."""
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        component = _vtimezone(tzid)
        if component is not None:
            calendar.subcomponents.insert(position, component)
            position += 1
    return calendar.to_ical()
