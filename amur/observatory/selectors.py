# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory's reads: counts aggregated in the database for any slice.

The observatory owns no copies of other modules' data.  Every function here returns plain
counts (``values().annotate(Count …)``); the formulas are in :mod:`indicators`.  A slice is
one year (or all years) narrowed by place, field, sector or kind of the host organisation,
alliance membership and direction.  Public figures count public records only; a slice with
``private`` set also counts unpublished records the user may see (owners and staff).
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from amur.alliances.models import Membership
from amur.core.versions import remembered
from amur.events.enums import EventStatus, OrganiserRole
from amur.events.models import Event, EventOrganiser
from amur.events.selectors import events_visible_to
from amur.library import ill
from amur.library.models import LoanMessage, LoanRequest, OfferItem, Record
from amur.mobility.models import ExpertEngagement, ExpertTarget, Mobility
from amur.mobility.selectors import STAFF_KINDS

# Heilongjiang's 13 prefecture-level divisions: place key, GB/T 2260 code, and the group of
# the research's contrast (the capital, the border cities with their ports, the interior).
DIVISIONS = [
    ("harbin", "230100", "harbin"),
    ("qiqihar", "230200", "interior"),
    ("jixi", "230300", "border"),
    ("hegang", "230400", "border"),
    ("shuangyashan", "230500", "border"),
    ("daqing", "230600", "interior"),
    ("yichun-hl", "230700", "border"),
    ("jiamusi", "230800", "border"),
    ("qitaihe", "230900", "interior"),
    ("mudanjiang", "231000", "border"),
    ("heihe", "231100", "border"),
    ("suihua", "231200", "interior"),
    ("daxinganling", "232700", "border"),
]
DIVISION_KEYS = [key for key, _code, _group in DIVISIONS]
# The subjects of the Russian Far East (the Far Eastern Federal District): place key and
# ISO 3166-2 code.
FAR_EAST = [
    ("ru-amu", "RU-AMU"),
    ("ru-yev", "RU-YEV"),
    ("ru-kha", "RU-KHA"),
    ("ru-pri", "RU-PRI"),
    ("ru-zab", "RU-ZAB"),
    ("ru-bu", "RU-BU"),
    ("ru-sa", "RU-SA"),
    ("ru-mag", "RU-MAG"),
    ("ru-kam", "RU-KAM"),
    ("ru-sak", "RU-SAK"),
    ("ru-chu", "RU-CHU"),
]
FAR_EAST_KEYS = [key for key, _code in FAR_EAST]
GROUPS = ("harbin", "border", "interior")
# Events that took place or are announced; drafts and cancelled events never count.
COUNTED = (EventStatus.PUBLISHED, EventStatus.COMPLETED)
DIRECTIONS = ("cn_ru", "ru_cn", "joint")
FILLED = (
    ill.Status.LOANED,
    ill.Status.OVERDUE,
    ill.Status.RECALLED,
    ill.Status.COPY_COMPLETED,
    ill.Status.LOAN_COMPLETED,
    ill.Status.COMPLETED_WITHOUT_RETURN,
)
PARTNER_LANGUAGE = {"CN": "rus", "RU": "chi"}


@dataclass(frozen=True)
class Slice:
    year: int | None = None
    place: str = ""
    field: str = ""
    sector: str = ""
    kind: str = ""
    alliance: str = ""
    direction: str = ""
    private: bool = False

    @classmethod
    def from_params(cls, params, user) -> Slice:
        """Read a slice from URL parameters; ``private`` only for signed-in users."""
        year = params.get("year", "")
        text = {
            name: params.get(name, "").strip()[:64]
            for name in ("place", "field", "sector", "kind", "alliance", "direction")
        }
        if text["direction"] not in DIRECTIONS:
            text["direction"] = ""
        private = params.get("scope") == "private" and user.is_authenticated
        return cls(year=int(year) if year.isdigit() else None, private=private, **text)

    def previous(self) -> Slice | None:
        return replace(self, year=self.year - 1) if self.year else None

    def params(self, **changes) -> dict[str, str]:
        """URL parameters of this slice (empty ones left out), with ``changes`` applied."""
        values = {**asdict(self), **changes}
        values["scope"] = "private" if values.pop("private") else ""
        return {k: str(v) for k, v in values.items() if v not in (None, "", False)}


@functools.cache
def _site_offset_minutes() -> int | None:
    """The site zone's offset from UTC when it keeps one all year (Asia/Harbin: +480)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    offsets = {datetime(2026, month, 1, tzinfo=zone).utcoffset() for month in (1, 4, 7, 10)}
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


class LocalYear(ExtractYear):
    """The year of a moment in the site's zone (events are counted in the year Harbin
    lived them, whoever reads the board).  On SQLite it is computed by SQLite itself
    from the zone's fixed offset: Django's own extraction calls a Python function per row,
    which was half of a cold board at 20,000 events."""

    def __init__(self, expression, **extra):
        super().__init__(expression, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        offset = _site_offset_minutes()
        if offset is None:
            return super().as_sql(compiler, connection, **extra)
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}, '{offset:+d} minutes') AS INTEGER)", params


def division_of(prefix: str) -> Case:
    """The prefecture-level division of the place at ``prefix`` (a port counts for its city)."""
    return Case(
        When(**{f"{prefix}__key__in": DIVISION_KEYS}, then=F(f"{prefix}__key")),
        When(**{f"{prefix}__parent__key__in": DIVISION_KEYS}, then=F(f"{prefix}__parent__key")),
        default=Value(""),
        output_field=CharField(),
    )


# What moves from an organisation in the first country to one in the second.
DIRECTION_OF = {("CN", "RU"): "cn_ru", ("RU", "CN"): "ru_cn"}


def _direction_of(sender: str, receiver: str) -> Case:
    """cn_ru when what moves goes from a Chinese to a Russian organisation, and back."""
    return Case(
        *(
            When(
                **{f"{sender}__place__country_code": a, f"{receiver}__place__country_code": b},
                then=Value(direction),
            )
            for (a, b), direction in DIRECTION_OF.items()
        ),
        default=Value(""),
        output_field=CharField(),
    )


def stay_level(level: str, kind: str) -> str:
    """A stay's level; where none was recorded, from its kind of stay."""
    return level or ("staff" if kind in STAFF_KINDS else "student")


def _place_q(prefix: str, key: str) -> Q:
    return Q(**{f"{prefix}__key": key}) | Q(**{f"{prefix}__parent__key": key})


def _members_of(alliance: str):
    return Membership.objects.filter(alliance__slug=alliance, status="active").values(
        "organisation_id"
    )


def _counts(qs, key: str, measure: str = "pk") -> dict:
    rows = qs.order_by().values(key).annotate(n=Count(measure, distinct=True))
    return {row[key]: row["n"] for row in rows}


def _site_years(field: str, first: int, last: int) -> Q:
    """Moments from ``first`` to ``last`` (years, both included) as the site lived them,
    whoever reads: the years :class:`LocalYear` groups by, as a range an index can use
    (``start__year`` would take the reader's zone, so a reader in Moscow counted an event
    of New Year's Eve in Harbin in another year than the board's own trend did)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return Q(
        **{
            f"{field}__gte": datetime(first, 1, 1, tzinfo=zone),
            f"{field}__lt": datetime(last + 1, 1, 1, tzinfo=zone),
        }
    )


@dataclass(frozen=True)
class Facts:
    """Counts grouped once per board by year and by dimensions of which each record has
    exactly one value (a direction, a division, a host sector): a card that splits the
    slice by one of them adds these rows up instead of asking the database again.  The
    rows are aggregates (a few hundred at most), never records."""

    rows: tuple[dict, ...]

    def of(self, year: int | None) -> list[dict]:
        """The rows of one year; all rows for ``None`` (a slice of all years)."""
        return [r for r in self.rows if year is None or r["year"] == year]

    def total(self, year: int | None = None, measure: str = "n") -> int:
        return sum(r[measure] or 0 for r in self.of(year))

    def by(self, key: str | tuple[str, ...], year: int | None = None, measure: str = "n"):
        """Per value of ``key`` (or per tuple of values of several keys): the measure summed,
        values without records left out."""
        out: dict = {}
        for r in self.of(year):
            value = tuple(r[k] for k in key) if isinstance(key, tuple) else r[key]
            out[value] = out.get(value, 0) + (r[measure] or 0)
        return out

    def per_year(self, key: str) -> dict[int, dict]:
        """Per year (in order), per value of ``key``: records."""
        return {year: self.by(key, year) for year in sorted({r["year"] for r in self.rows})}


# Events ---------------------------------------------------------------------------------


def _event_q(s: Slice, user=None, prefix: str = "") -> Q:
    """The conditions of a slice on events, for a query of ``Event`` or, with ``prefix``
    (``"event__"``), of a model that points to one: filtered in place, the event is joined
    once instead of matched against a subquery of events."""

    def on(name: str, value) -> Q:
        return Q(**{f"{prefix}{name}": value})

    if s.private and user is not None:
        q = on("pk__in", events_visible_to(user).values("pk")) & on(
            "status__in", (*COUNTED, EventStatus.DRAFT, EventStatus.POSTPONED)
        )
    else:
        q = on("status__in", COUNTED)
    if s.year:
        q &= _site_years(f"{prefix}start", s.year, s.year)
    if s.place:
        q &= _place_q(f"{prefix}place", s.place)
    if s.field:
        through = Event.fields.through.objects.filter(fieldofexchange__key=s.field)
        q &= on("pk__in", through.values("event_id"))
    if s.direction:
        q &= on("direction", s.direction)
    hosts = Q()
    if s.sector:
        hosts &= Q(organisation__sector=s.sector)
    if s.kind:
        hosts &= Q(organisation__kind=s.kind)
    if s.alliance:
        hosts &= Q(organisation_id__in=_members_of(s.alliance))
    if hosts:
        hosting = EventOrganiser.objects.filter(hosts, role=OrganiserRole.HOST)
        q &= on("pk__in", hosting.values("event_id"))
    return q


def _year_and_year_before(s: Slice, prefix: str = "") -> tuple[Slice, Q]:
    """The slice without its year, and the condition that keeps its year and the year
    before (the trends compare them); no condition for a slice of all years."""
    if not s.year:
        return s, Q()
    return replace(s, year=None), _site_years(f"{prefix}start", s.year - 1, s.year)


def events_in(s: Slice, user=None) -> QuerySet[Event]:
    """The events of a slice, counted once each; hosts decide sector, kind and alliance."""
    return Event.objects.filter(_event_q(s, user)).order_by()


def event_hosts(s: Slice, user=None) -> Facts:
    """Per year of the slice without its year (the trend lines) and host sector: events and
    reported in-person participants.  An event counts once in each sector that hosts it;
    its participants count once per host of that sector."""
    hosts = EventOrganiser.objects.filter(
        _event_q(replace(s, year=None), user, "event__"), role=OrganiserRole.HOST
    )
    rows = (
        hosts.order_by()
        .annotate(year=LocalYear("event__start"))
        .values("year", sector=F("organisation__sector"))
        .annotate(n=Count("event_id", distinct=True), people=Sum("event__attendance_in_person"))
    )
    return Facts(tuple(rows))


def event_sectors(hosts: Facts, year: int | None) -> dict[str, dict]:
    """Per host sector of one year (all for ``None``): events and participants."""
    people = hosts.by("sector", year, "people")
    return {k: {"n": n, "people": people[k]} for k, n in hosts.by("sector", year).items()}


def _subject_of(prefix: str) -> Case:
    """The subject of the Russian Far East of the place at ``prefix`` ('' for places
    elsewhere); a city or port counts for its subject."""
    return Case(
        When(**{f"{prefix}__key__in": FAR_EAST_KEYS}, then=F(f"{prefix}__key")),
        When(**{f"{prefix}__parent__key__in": FAR_EAST_KEYS}, then=F(f"{prefix}__parent__key")),
        default=Value(""),
        output_field=CharField(),
    )


def event_facts(s: Slice, user=None) -> Facts:
    """Events of the slice and, for one year, of the year before, per year, direction,
    prefecture-level division of Heilongjiang ('' for places elsewhere; a port counts for
    its city) and subject of the Russian Far East, with the participants they reported:
    in person, online, by country, and how many events reported any.  Each event has one
    of each, so every split adds up to the whole."""
    s, years = _year_and_year_before(s)
    rows = (
        Event.objects.filter(_event_q(s, user), years)
        .order_by()
        .annotate(year=LocalYear("start"))
        .values("year", "direction", division=division_of("place"), subject=_subject_of("place"))
        .annotate(
            n=Count("pk"),
            in_person=Sum("attendance_in_person"),
            online=Sum("online_viewers"),
            cn=Sum("participants_cn"),
            ru=Sum("participants_ru"),
            other=Sum("participants_other"),
            reported=Count(
                "pk",
                filter=Q(attendance_in_person__isnull=False) | Q(online_viewers__isnull=False),
            ),
        )
    )
    return Facts(tuple(rows))


PARTICIPATION = ("in_person", "online", "cn", "ru", "other", "reported")


def event_participation(facts: Facts, year: int | None) -> dict[str, int]:
    """Reported participants of one year (all for ``None``)."""
    return {measure: facts.total(year, measure) for measure in PARTICIPATION}


def field_facts(s: Slice, user=None) -> Facts:
    """Events of the slice and, for one year, of the year before, per year, field of
    exchange and direction (an event with two fields counts in both)."""
    s, years = _year_and_year_before(s, "event__")
    through = Event.fields.through.objects.filter(_event_q(s, user, "event__"), years).order_by()
    rows = (
        through.annotate(year=LocalYear("event__start"))
        .values("year", field=F("fieldofexchange__key"), direction=F("event__direction"))
        .annotate(n=Count("event_id"))
    )
    return Facts(tuple(rows))


def event_actors(s: Slice, user=None) -> dict:
    """Breadth: active organisers per country and kind, new entrants, China–Russia pairs."""
    year = s.year
    organisers = EventOrganiser.objects.filter(_event_q(s, user, "event__")).order_by()
    active = {
        (r["organisation__place__country_code"], r["organisation__kind"]): r["n"]
        for r in organisers.values(
            "organisation__place__country_code", "organisation__kind"
        ).annotate(n=Count("organisation_id", distinct=True))
    }
    new = None
    if year:
        first = (
            EventOrganiser.objects.filter(event__status__in=COUNTED)
            .order_by()
            .values("organisation_id")
            .annotate(first=Min(LocalYear("event__start")))
            .filter(first=year, organisation_id__in=organisers.values("organisation_id"))
        )
        new = first.count()
    pairs = organisers.filter(
        organisation__place__country_code="CN",
        event__event_organisers__organisation__place__country_code="RU",
    ).values("organisation_id", "event__event_organisers__organisation_id")
    return {
        "active": active,
        "new": new,
        "pairs": pairs.annotate(n=Count("event_id")).count(),
        "sustained": remembered(
            "observatory:sustained", ["events", "directory", "core"], _sustained
        ),
    }


def _sustained() -> int:
    """China–Russia organiser pairs that organised events together in three years or more:
    the same for every slice, so counted once until an event or organisation changes."""
    pairs = (
        EventOrganiser.objects.filter(
            event__status__in=COUNTED,
            organisation__place__country_code="CN",
            event__event_organisers__organisation__place__country_code="RU",
        )
        .order_by()
        .values("organisation_id", "event__event_organisers__organisation_id")
        .annotate(years=Count(LocalYear("event__start"), distinct=True))
        .filter(years__gte=3)
    )
    return pairs.count()


# Mobility -------------------------------------------------------------------------------


def mobilities_in(s: Slice) -> QuerySet[Mobility]:
    """Stays of a slice with their direction annotated.  Counts of stays are public, as
    the mobility module publishes them; no name leaves this function."""
    qs = Mobility.objects.annotate(direction=_direction_of("sending", "receiving")).order_by()
    if s.year:
        qs = qs.filter(start__year=s.year)
    if s.place:
        qs = qs.filter(_place_q("sending__place", s.place) | _place_q("receiving__place", s.place))
    if s.field:
        qs = qs.filter(field__key=s.field)
    if s.direction:
        qs = qs.filter(direction=s.direction)
    for name in ("sector", "kind"):
        if value := getattr(s, name):
            qs = qs.filter(Q(**{f"sending__{name}": value}) | Q(**{f"receiving__{name}": value}))
    if s.alliance:
        members = _members_of(s.alliance)
        qs = qs.filter(Q(sending_id__in=members) | Q(receiving_id__in=members))
    return qs


def mobility_facts(s: Slice, today: date) -> Facts:
    """Stays of the slice and, for one year, of the year before, per direction and level:
    how many, and how many have begun by ``today`` — the balance, the reciprocity by level
    and the realised share in one pass over the stays (the direction's joins are the
    expensive part, so they are made once).  The database groups by the countries, level
    and kind themselves, and counts the two years side by side: grouped by expressions or by
    the year, the planner expected a group per stay and sorted 50,000 rows on disk; the
    grouped rows, a few dozen, are named here."""
    years = (s.year, s.year - 1) if s.year else (None,)
    stays = mobilities_in(replace(s, year=None))
    if s.year:
        stays = stays.filter(start__year__gte=s.year - 1, start__year__lte=s.year)
    counts = {}
    for i, year in enumerate(years):
        this_year = Q(start__year=year) if year else Q()
        counts[f"n{i}"] = Count("pk", filter=this_year)
        counts[f"realised{i}"] = Count("pk", filter=this_year & Q(start__lte=today))
    rows = stays.values(
        "level",
        "kind",
        sender=F("sending__place__country_code"),
        receiver=F("receiving__place__country_code"),
    ).annotate(**counts)
    return Facts(
        tuple(
            {
                "year": year,
                "direction": DIRECTION_OF.get((r["sender"], r["receiver"]), ""),
                "level": stay_level(r["level"], r["kind"]),
                "n": r[f"n{i}"],
                "realised": r[f"realised{i}"],
            }
            for r in rows
            for i, year in enumerate(years)
            if r[f"n{i}"]
        )
    )


def mobility_agreements(mobilities) -> list[dict]:
    """Per agreement: stays each way."""
    rows = (
        mobilities.filter(agreement__isnull=False)
        .values(
            "agreement_id",
            "agreement__title_zh",
            "agreement__title_ru",
            "agreement__title_en",
            "direction",
        )
        .annotate(n=Count("pk"))
        .order_by("agreement_id")
    )
    agreements: dict[int, dict] = {}
    for r in rows:
        entry = agreements.setdefault(
            r["agreement_id"],
            {
                "id": r["agreement_id"],
                "cn_ru": 0,
                "ru_cn": 0,
                "title": {lang: r[f"agreement__title_{lang}"] for lang in ("zh", "ru", "en")},
            },
        )
        if r["direction"] in ("cn_ru", "ru_cn"):
            entry[r["direction"]] += r["n"]
    return list(agreements.values())


# Library --------------------------------------------------------------------------------


def loans_in(s: Slice) -> QuerySet[LoanRequest]:
    """Inter-library loans of a slice; direction is the way the book travels (a Chinese
    library supplying a Russian one is cn_ru)."""
    qs = LoanRequest.objects.annotate(direction=_direction_of("supplier", "requester")).order_by()
    if s.year:
        qs = qs.filter(_site_years("created_at", s.year, s.year))
    if s.place:
        qs = qs.filter(_place_q("supplier__place", s.place) | _place_q("requester__place", s.place))
    if s.direction:
        qs = qs.filter(direction=s.direction)
    return qs


def loan_directions(loans) -> dict[str, dict[str, int]]:
    """Per direction: requests and fills."""
    rows = loans.values("direction").annotate(
        n=Count("pk"), filled=Count("pk", filter=Q(status__in=FILLED))
    )
    return {r["direction"]: {"n": r["n"], "filled": r["filled"]} for r in rows}


def loan_turnaround_days(loans) -> list[float]:
    """Days from request to the first fill, one value per filled request (for the median)."""
    first_fill = LoanMessage.objects.filter(request=OuterRef("pk"), value__in=FILLED).order_by("at")
    rows = loans.annotate(filled_at=Subquery(first_fill.values("at")[:1])).filter(
        filled_at__isnull=False
    )
    return [
        (filled - created).total_seconds() / 86400
        for created, filled in rows.values_list("created_at", "filled_at")
    ]


def exchanged_copies(s: Slice) -> dict[str, int]:
    """Copies given away through book exchange, per direction (offering → taking library)."""
    qs = OfferItem.objects.filter(taken_by__isnull=False).annotate(
        direction=_direction_of("offer__library", "taken_by__requester")
    )
    if s.year:
        qs = qs.filter(_site_years("taken_by__requested_at", s.year, s.year))
    return _counts(qs, "direction")


def catalogue_languages() -> dict[str, dict[str, int]]:
    """Per country of the holding library: records, and records in the partner's language.
    The same for every slice, and changed only by the catalogue: counted once (one pass over
    the records) and remembered until the catalogue, a library or a place changes."""
    return remembered("observatory:catalogue", ["library", "directory", "core"], _languages)


def _languages() -> dict[str, dict[str, int]]:
    country = "library__place__country_code"
    partner = Case(
        *(
            When(**{country: c, "languages__contains": code}, then=1)
            for c, code in PARTNER_LANGUAGE.items()
        ),
        output_field=IntegerField(),
    )
    rows = (
        Record.objects.filter(**{f"{country}__in": list(PARTNER_LANGUAGE)})
        .order_by()
        .values_list(country)
        .annotate(n=Count("pk"), partner=Count(partner))
    )
    out = {c: {"n": 0, "partner": 0} for c in PARTNER_LANGUAGE}
    for c, n, partner_n in rows:
        out[c] = {"n": n, "partner": partner_n}
    return out


# Forum ----------------------------------------------------------------------------------


def papers_in(s: Slice, user=None) -> QuerySet:
    """Accepted forum papers of a slice, annotated by the forum with their field, direction
    and the presenting author's sector and kind.  The year is the edition's, the place the
    forum's venue; public figures count editions whose event is published, as the book of
    abstracts then is, and a private slice adds the editions the user may see."""
    from amur.forum.selectors import accepted_papers

    qs = accepted_papers()
    if s.private and user is not None:
        qs = qs.filter(edition__event__in=events_visible_to(user).values("pk"))
    else:
        qs = qs.filter(edition__event__status__in=COUNTED)
    if s.year:
        qs = qs.filter(edition__year=s.year)
    if s.place:
        qs = qs.filter(_place_q("edition__event__place", s.place))
    for name, column in (
        ("field", "field_key"),
        ("direction", "direction"),
        ("sector", "sector"),
        ("kind", "org_kind"),
    ):
        if value := getattr(s, name):
            qs = qs.filter(**{column: value})
    if s.alliance:
        qs = qs.filter(organisation_id__in=_members_of(s.alliance))
    return qs


def paper_counts(papers) -> dict[str, dict[tuple[str, str], int]]:
    """Per (field, direction) and per (sector, direction): accepted papers, as
    ``{"fields": {...}, "sectors": {...}}``."""
    out = {}
    for name, column in (("fields", "field_key"), ("sectors", "sector")):
        rows = papers.values(column, "direction").annotate(n=Count("pk"))
        out[name] = {(r[column], r["direction"]): r["n"] for r in rows}
    return out


# Talent ---------------------------------------------------------------------------------


def talent_supply_demand(*, private: bool = False, threshold: int = 4) -> dict:
    """Per skill: listed talent profiles (supply) against open headcount (demand), and the
    compound-talent count: a Russian or Chinese credential at ``threshold`` (CEFR rank,
    4 = B2) or above, native speakers aside, together with at least one skill."""
    from amur.talent.models import LanguageCredential, Need, Profile

    profiles = Profile.objects.all() if private else Profile.objects.filter(visibility="public")
    supply = _counts(
        Profile.skills.through.objects.filter(profile__in=profiles), "skill__key", "profile_id"
    )
    needs = Need.objects.filter(status="open").order_by()
    demand = {
        r["required_skills__key"]: r["wanted"] or 0
        for r in needs.filter(required_skills__isnull=False)
        .values("required_skills__key")
        .annotate(wanted=Sum(F("headcount") - F("in_post")))
    }
    languages = LanguageCredential.objects.filter(
        person=OuterRef("person"),
        language__in=("ru", "zh"),
        level_official__gte=threshold,
        level_official__lt=7,
    )
    compound = profiles.annotate(speaks=Exists(languages), skilled=Count("skills")).aggregate(
        n=Count("pk", distinct=True),
        compound=Count("pk", distinct=True, filter=Q(speaks=True, skilled__gt=0)),
    )
    return {"supply": supply, "demand": demand, **compound}


def experts_against_targets(today: date) -> list[dict]:
    """Per host with a target: foreign experts engaged today against the nearest target."""
    engaged = ExpertEngagement.objects.filter(host=OuterRef("host"), start__lte=today).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    targets = (
        ExpertTarget.objects.filter(by_year__gte=today.year)
        .order_by("host_id", "by_year")
        .annotate(
            engaged=Subquery(
                engaged.order_by().values("host").annotate(n=Count("pk")).values("n")[:1]
            )
        )
        .values(
            "host_id",
            "host__name_zh",
            "host__name_ru",
            "host__name_en",
            "target",
            "by_year",
            "engaged",
        )
    )
    seen, out = set(), []
    for t in targets:
        if t["host_id"] in seen:
            continue
        seen.add(t["host_id"])
        out.append({**t, "engaged": t["engaged"] or 0})
    return out


# External series ------------------------------------------------------------------------


def external_values(year: int | None) -> QuerySet:
    """Imported official figures of the year (all years when none is chosen)."""
    from amur.observatory.models import ExternalValue

    qs = ExternalValue.objects.select_related("place").order_by("series", "year", "place__key")
    return qs.filter(year=year) if year else qs


def population_by_division(year: int | None) -> dict[str, float]:
    """Each division's population from the latest imported year up to ``year``."""
    from amur.observatory.models import ExternalValue

    qs = ExternalValue.objects.filter(series="population", place__key__in=DIVISION_KEYS)
    if year:
        qs = qs.filter(year__lte=year)
    latest = {}
    for key, value in qs.order_by("place__key", "year").values_list("place__key", "value"):
        latest[key] = float(value)  # later years overwrite earlier ones
    return latest


def reports_visible_to(user):
    """Yearly reports the user may read: every public one, their own, all for staff."""
    from amur.observatory.models import Report

    reports = Report.objects.select_related("requested_by")
    if getattr(user, "is_staff", False):
        return reports
    if not user.is_authenticated:
        return reports.filter(private=False)
    return reports.filter(Q(private=False) | Q(requested_by=user))
