# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dashboard's cards: counts from :mod:`selectors` put through :mod:`indicators`.

One card per indicator, each with its value, the number of observations behind it, the
small-number flag, the trend against the previous year, a one-line reading, the formula,
the table of exactly the numbers its chart shows, and a link to the records behind it.
Pages, CSV downloads and the API all read these cards, so they never disagree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django_tasks.backends.immediate import ImmediateBackend

from amur.core.i18n import localised_text
from amur.core.models import FieldOfExchange, Place
from amur.directory.enums import Sector
from amur.observatory import indicators as ix
from amur.observatory import selectors as sel
from amur.observatory.selectors import Slice


@dataclass
class Card:
    key: str
    title: str
    value: float | None
    n: int
    formula: str
    reading: str = ""
    unit: str = "ratio"  # "ratio" (0–1 shown as %), "index" (plain number), "count"
    small: bool = False
    interval: tuple[float, float] | None = None
    previous: float | None = None
    header: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    chart: dict | None = None
    link: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def trend(self) -> float | None:
        return ix.trend(self.value, self.previous)

    def show(self, value: float | None) -> str:
        if value is None:
            return ""
        if self.unit == "ratio":
            return f"{value:.1%}"
        if self.unit == "count":
            return f"{value:,.0f}"
        return f"{value:.2f}"

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The card's further figures (named in ``FACTS``) as (label, shown value) pairs."""
        out = []
        for key, (label, unit) in FACTS.items():
            value = self.extra.get(key)
            if key == "theil" and value:
                out += [
                    (str(label), f"{value['total']:.3f}"),
                    (str(_l("Theil T within groups")), f"{value['within']:.3f}"),
                    (str(_l("Theil T between groups")), f"{value['between']:.3f}"),
                ]
            elif key == "partner_language" and value:
                out += [
                    (f"{label} ({country})", _fmt(share, "ratio"))
                    for country, share in value.items()
                ]
            elif key == "agreements" and value:
                out += [
                    (f"{row[0]}", f"{row[1]} / {row[2]}, GL {_fmt(row[3], 'index')}")
                    for row in value
                ]
            elif key in self.extra and not isinstance(value, (dict, list)):
                out.append((str(label), _fmt(value, unit)))
        return out

    @property
    def display_rows(self) -> list[list]:
        """The table's rows as shown: shares and indices to three decimals, gaps as —."""
        return [
            ["—" if v is None else round(v, 3) if isinstance(v, float) else v for v in row]
            for row in self.rows
        ]

    @property
    def display(self) -> str:
        return self.show(self.value)

    @property
    def trend_display(self) -> str:
        trend = self.trend
        if trend is None:
            return ""
        if self.unit == "ratio":
            return f"{trend * 100:+.1f} pp"
        return f"{trend:+,.0f}" if self.unit == "count" else f"{trend:+.2f}"

    @property
    def interval_display(self) -> str:
        return f"{self.interval[0]:.0%}–{self.interval[1]:.0%}" if self.interval else ""

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "value": self.value,
            "n": self.n,
            "small": self.small,
            "interval": list(self.interval) if self.interval else None,
            "previous": self.previous,
            "trend": self.trend,
            "formula": self.formula,
            "reading": self.reading,
            "header": self.header,
            "rows": self.rows,
            "extra": self.extra,
        }


@dataclass
class Options:
    """Thresholds the reader sets (in the URL): the small-number limit, and the limits
    below which a folk share or a reciprocity becomes a finding."""

    small: int = ix.SMALL_DEFAULT
    folk_min: float = 0.2
    gl_min: float = 0.3

    @classmethod
    def from_params(cls, params) -> Options:
        def number(name, default, kind):
            try:
                return kind(params.get(name, default))
            except (TypeError, ValueError):
                return default

        return cls(
            small=max(1, number("small", ix.SMALL_DEFAULT, int)),
            folk_min=min(1.0, max(0.0, number("folk_min", 0.2, float))),
            gl_min=min(1.0, max(0.0, number("gl_min", 0.3, float))),
        )


def _fmt(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value:.1%}"
    return f"{value:,.0f}" if unit == "count" else f"{value:.3f}"


FACTS = {
    "weighted": (_l("Folk share weighted by participants"), "ratio"),
    "shannon": (_l("Shannon H"), "index"),
    "simpson": (_l("Simpson D"), "index"),
    "grubel_lloyd": (_l("Reciprocity over categories (GL)"), "index"),
    "joint": (_l("Joint events (reported apart)"), "count"),
    "hhi": ("HHI", "index"),
    "gini": ("Gini", "index"),
    "theil": ("Theil T", "index"),
    "harbin_share": (_l("Harbin's share"), "ratio"),
    "border_share": (_l("Border cities' share"), "ratio"),
    "new": (_l("New organisers this year"), "count"),
    "sustained": (_l("Pairs sustained over three years"), "count"),
    "realised": (_l("Stays realised"), "count"),
    "planned": (_l("Stays planned"), "count"),
    "agreements": (_l("Per agreement"), "count"),
    "turnaround_days": (_l("Median turnaround (days)"), "index"),
    "grubel_lloyd_loans": (_l("Reciprocity of loans (GL)"), "index"),
    "grubel_lloyd_copies": (_l("Reciprocity of exchanged copies (GL)"), "index"),
    "partner_language": (_l("Partner-language titles"), "ratio"),
}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _bar(labels: list[str], series: dict[str, list]) -> dict:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {} if len(series) > 1 else {"show": False},
        "grid": {"containLabel": True},
        "xAxis": {"type": "category", "data": labels, "axisLabel": {"rotate": 30}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "name": name, "data": data} for name, data in series.items()],
    }


def _events_link(s: Slice, **changes) -> str:
    """The public events list narrowed as closely as its filters allow."""
    params = {"field": s.field, "place": s.place, "sector": s.sector, **changes}
    if s.year:
        params |= {"start": f"{s.year}-01-01", "end": f"{s.year}-12-31"}
    query = urlencode({k: v for k, v in params.items() if v})
    return reverse("events:index") + (f"?{query}" if query else "")


class Dashboard:
    """All cards of one slice for one reader."""

    def __init__(self, s: Slice, user, options: Options | None = None, *, today=None):
        self.s, self.user = s, user
        self.options = options or Options()
        self.today = today or timezone.localdate()
        self.fields = {f.key: f for f in FieldOfExchange.objects.all()}
        self.places = {p.key: p for p in Place.objects.filter(key__in=sel.DIVISION_KEYS)}
        # The year before, for the trends; None for a slice of all years (no trend).
        self.before = s.year - 1 if s.year else None
        self._paper_counts: dict[Slice, dict] = {}

    # Counts that several cards split differently, each asked of the database once per
    # board (a cold board at 20,000 events made about 45 aggregate queries before).

    @cached_property
    def hosts(self) -> sel.Facts:
        return sel.event_hosts(self.s, self.user)

    @cached_property
    def facts(self) -> sel.Facts:
        return sel.event_facts(self.s, self.user)

    @cached_property
    def field_facts(self) -> sel.Facts:
        return sel.field_facts(self.s, self.user)

    def _event_sectors(self, *, previous: bool = False) -> dict[str, dict]:
        """Events and participants per host sector of the slice's year (or the year
        before)."""
        return sel.event_sectors(self.hosts, self.before if previous else self.s.year)

    def _card(self, **values) -> Card:
        card = Card(**values)
        card.small = ix.is_small(card.n, self.options.small)
        return card

    # -- events -----------------------------------------------------------------------

    def volume(self) -> Card:
        n = self.facts.total(self.s.year)
        previous = self.facts.total(self.before) if self.before else None
        years = self.hosts.per_year("sector")
        labels = [str(y) for y in years]
        sectors = {
            str(label): [years[y].get(value, 0) for y in years] for value, label in Sector.choices
        }
        chart = _bar(labels, sectors)
        chart["xAxis"]["axisLabel"] = {}
        for series in chart["series"]:
            series["stack"] = "sector"
        return self._card(
            key="events",
            title=_("Exchange events"),
            value=n,
            n=n,
            unit="count",
            formula="N",
            previous=previous,
            reading=_("%(n)s events in this slice.") % {"n": n},
            header=[_("Year"), *sectors],
            link=_events_link(self.s),
            rows=[[y, *(years[y].get(v, 0) for v in Sector.values)] for y in years],
            chart=chart,
        )

    def folk_share(self) -> Card:
        sectors = self._event_sectors()
        n = sum(v["n"] for v in sectors.values())
        folk = sectors.get(Sector.FOLK, {"n": 0, "people": 0})
        people = sum(v["people"] for v in sectors.values())
        value = ix.share(folk["n"], n)
        previous = None
        if self.before:
            before = self._event_sectors(previous=True)
            previous = ix.share(
                before.get(Sector.FOLK, {"n": 0})["n"], sum(v["n"] for v in before.values())
            )
        rows = [
            [str(label), sectors.get(v, {}).get("n", 0), sectors.get(v, {}).get("people", 0)]
            for v, label in Sector.choices
        ]
        weighted = ix.share(folk["people"], people)
        reading = (
            _("No events in this slice yet.")
            if value is None
            else _(
                "%(share)s of events are hosted by folk organisations; %(official)s by "
                "government and public institutions."
            )
            % {
                "share": _pct(value),
                "official": _pct(
                    ix.share(sum(sectors.get(v, {"n": 0})["n"] for v in Sector.official()), n)
                ),
            }
        )
        return self._card(
            key="folk_share",
            title=_("Folk share"),
            value=value,
            n=n,
            formula=ix.FORMULAS["folk_share"],
            interval=ix.wilson_interval(folk["n"], n),
            previous=previous,
            reading=reading,
            header=[_("Sector"), _("Events"), _("Participants")],
            rows=rows,
            chart=_bar([r[0] for r in rows], {_("Events"): [r[1] for r in rows]}),
            link=_events_link(self.s, sector=Sector.FOLK),
            extra={"weighted": weighted, "participants": people},
        )

    def field_diversity(self) -> Card:
        counts = self.field_facts.by("field", self.s.year)
        ordered = list(self.fields.values())
        values = [counts.get(f.key, 0) for f in ordered]
        n = sum(values)
        missing = [localised_text(f, "name") for f in ordered if not counts.get(f.key)]
        previous = None
        if self.before:
            before = self.field_facts.by("field", self.before)
            previous = ix.evenness([before.get(f.key, 0) for f in ordered])
        value = ix.evenness(values)
        rows = [[localised_text(f, "name"), counts.get(f.key, 0)] for f in ordered]
        reading = (
            _("No events in this slice yet.")
            if value is None
            else _("Evenness %(value).2f over %(k)s fields; no activity in: %(missing)s.")
            % {"value": value, "k": len(ordered), "missing": ", ".join(missing) or "—"}
        )
        return self._card(
            key="field_diversity",
            title=_("Breadth of fields"),
            value=value,
            n=n,
            unit="index",
            formula=f"{ix.FORMULAS['evenness']}; {ix.FORMULAS['shannon']}; "
            f"{ix.FORMULAS['simpson']}",
            previous=previous,
            reading=reading,
            header=[_("Field"), _("Events")],
            rows=rows,
            chart=_bar([r[0] for r in rows], {_("Events"): [r[1] for r in rows]}),
            link=_events_link(self.s),
            extra={
                "shannon": ix.shannon(values),
                "simpson": ix.simpson(values),
                "missing": missing,
                "links": {f.key: _events_link(self.s, field=f.key) for f in ordered},
            },
        )

    def sector_diversity(self) -> Card:
        sectors = self._event_sectors()
        values = [sectors.get(v, {"n": 0})["n"] for v in Sector.values]
        return self._card(
            key="sector_diversity",
            title=_("Diversity of sectors"),
            value=ix.evenness(values),
            n=sum(values),
            unit="index",
            formula=ix.FORMULAS["evenness"],
            reading=_("Shannon %(h)s, Simpson %(d)s over the four sectors.")
            % {
                "h": "—" if ix.shannon(values) is None else f"{ix.shannon(values):.2f}",
                "d": "—" if ix.simpson(values) is None else f"{ix.simpson(values):.2f}",
            },
            header=[_("Sector"), _("Events")],
            rows=[[str(label), values[i]] for i, (_v, label) in enumerate(Sector.choices)],
            extra={"shannon": ix.shannon(values), "simpson": ix.simpson(values)},
        )

    def event_balance(self) -> Card:
        directions = self.facts.by("direction", self.s.year)
        x, m = directions.get("cn_ru", 0), directions.get("ru_cn", 0)
        by_field = self.field_facts.by(("field", "direction"), self.s.year)
        rows, pairs = [], []
        for f in self.fields.values():
            fx, fm = by_field.get((f.key, "cn_ru"), 0), by_field.get((f.key, "ru_cn"), 0)
            if fx or fm:
                pairs.append((fx, fm))
                rows.append([localised_text(f, "name"), fx, fm, ix.grubel_lloyd(fx, fm)])
        previous = None
        if self.before:
            before = self.facts.by("direction", self.before)
            previous = ix.net_balance(before.get("cn_ru", 0), before.get("ru_cn", 0))
        value = ix.net_balance(x, m)
        gl = ix.grubel_lloyd_aggregate(pairs)
        reading = (
            _("No directed events in this slice yet.")
            if value is None
            else _(
                "China→Russia %(x)s, Russia→China %(m)s, joint %(j)s; reciprocity over fields "
                "%(gl)s."
            )
            % {
                "x": x,
                "m": m,
                "j": directions.get("joint", 0),
                "gl": "—" if gl is None else f"{gl:.2f}",
            }
        )
        return self._card(
            key="event_balance",
            title=_("Direction of events"),
            value=value,
            n=x + m,
            unit="index",
            formula=f"{ix.FORMULAS['net_balance']}; {ix.FORMULAS['grubel_lloyd_aggregate']}",
            previous=previous,
            reading=reading,
            header=[_("Field"), _("China → Russia"), _("Russia → China"), "GL"],
            rows=rows,
            chart=_bar(
                [r[0] for r in rows],
                {
                    _("China → Russia"): [r[1] for r in rows],
                    _("Russia → China"): [r[2] for r in rows],
                },
            ),
            link=_events_link(self.s),
            extra={
                "joint": directions.get("joint", 0),
                "grubel_lloyd": gl,
                "unrecorded": directions.get("", 0),
            },
        )

    def concentration(self) -> Card:
        counts = self.facts.by("division", self.s.year)
        values = [counts.get(key, 0) for key in sel.DIVISION_KEYS]
        n = sum(values)
        groups = {
            g: [counts.get(k, 0) for k, _c, grp in sel.DIVISIONS if grp == g] for g in sel.GROUPS
        }
        theil = ix.theil_decomposition(groups) if n else None
        previous = None
        if self.before:
            before = self.facts.by("division", self.before)
            previous = ix.hhi_normalised([before.get(k, 0) for k in sel.DIVISION_KEYS])
        rows = [
            [
                localised_text(self.places[key], "name") if key in self.places else key,
                code,
                counts.get(key, 0),
                ix.share(counts.get(key, 0), n),
            ]
            for key, code, _group in sel.DIVISIONS
        ]
        population = sel.population_by_division(self.s.year)
        people = sum(population.values())
        for row, key in zip(rows, sel.DIVISION_KEYS, strict=True):
            row.append(ix.location_quotient(row[2], n, population.get(key, 0), people))
        harbin = ix.share(sum(groups["harbin"]), n)
        border = ix.share(sum(groups["border"]), n)
        value = ix.hhi_normalised(values)
        reading = (
            _("No events in Heilongjiang in this slice yet.")
            if value is None
            else _(
                "Harbin hosts %(harbin)s and the border cities %(border)s of the events; "
                "%(none)s of 13 divisions have none."
            )
            % {
                "harbin": _pct(harbin),
                "border": _pct(border),
                "none": sum(1 for v in values if not v),
            }
        )
        return self._card(
            key="concentration",
            title=_("Concentration over the 13 divisions"),
            value=value,
            n=n,
            unit="index",
            formula=f"{ix.FORMULAS['hhi_normalised']}; {ix.FORMULAS['gini']}; "
            f"{ix.FORMULAS['theil']}",
            previous=previous,
            reading=reading,
            header=[_("Division"), _("GB/T 2260"), _("Events"), _("Share"), "LQ"],
            rows=rows,
            chart=_bar([r[0] for r in rows], {_("Events"): [r[2] for r in rows]}),
            link=_events_link(self.s),
            extra={
                "hhi": ix.hhi(values),
                "gini": ix.gini(values),
                "theil": theil,
                "harbin_share": harbin,
                "border_share": border,
                "links": {k: _events_link(self.s, place=k) for k in sel.DIVISION_KEYS},
                "outside": counts.get("", 0),
            },
        )

    def far_east(self) -> Card:
        counts = self.facts.by("subject", self.s.year)
        places = {p.key: p for p in Place.objects.filter(key__in=sel.FAR_EAST_KEYS)}
        rows = [
            [
                localised_text(places[key], "name") if key in places else key,
                code,
                counts.get(key, 0),
            ]
            for key, code in sel.FAR_EAST
        ]
        n = sum(r[2] for r in rows)
        return self._card(
            key="far_east",
            title=_("Events in the Russian Far East"),
            value=n or None,
            n=n,
            unit="count",
            formula="N",
            reading=_("No events in the Russian Far East in this slice yet.")
            if not n
            else _("%(n)s events in %(subjects)s of the %(k)s subjects of the Russian Far East.")
            % {"n": n, "subjects": sum(1 for r in rows if r[2]), "k": len(rows)},
            header=[pgettext("federal subject", "Subject"), "ISO 3166-2", _("Events")],
            rows=rows,
            chart=_bar([r[0] for r in rows], {_("Events"): [r[2] for r in rows]}),
            link=_events_link(self.s),
            extra={"links": {k: _events_link(self.s, place=k) for k in sel.FAR_EAST_KEYS}},
        )

    def actors(self) -> Card:
        actors = sel.event_actors(self.s, self.user)
        rows = [[country, kind, n] for (country, kind), n in sorted(actors["active"].items())]
        n = sum(r[2] for r in rows)
        return self._card(
            key="actors",
            title=_("Breadth of actors"),
            value=actors["pairs"],
            n=n,
            unit="count",
            formula=_("distinct China–Russia organiser pairs"),
            reading=_(
                "%(n)s active organisers; %(new)s new this year; %(pairs)s China–Russia "
                "pairs, %(sustained)s sustained over three years."
            )
            % {
                "n": n,
                "new": "—" if actors["new"] is None else actors["new"],
                "pairs": actors["pairs"],
                "sustained": actors["sustained"],
            },
            header=[_("Country"), _("Kind"), _("Organisations")],
            rows=rows,
            extra={"new": actors["new"], "sustained": actors["sustained"]},
        )

    def participation(self) -> Card:
        totals = sel.event_participation(self.facts, self.s.year)
        everyone = totals["in_person"] + totals["online"]
        rows = [
            [_("In person"), totals["in_person"]],
            [_("Online"), totals["online"]],
            [_("From China"), totals["cn"]],
            [_("From Russia"), totals["ru"]],
            [_("From other countries"), totals["other"]],
        ]
        value = ix.share(totals["online"], everyone)
        return self._card(
            key="participation",
            title=_("Participation in person and online"),
            value=value,
            n=totals["reported"],
            formula=_("online / (in person + online)"),
            reading=_("No participants reported yet.")
            if value is None
            else _("%(online)s of reported participants took part online.")
            % {"online": _pct(value)},
            header=[_("Participants"), _("Number")],
            rows=rows,
        )

    # -- mobility ---------------------------------------------------------------------

    def mobility_balance(self) -> Card:
        stays = sel.mobility_facts(self.s, self.today)
        levels = stays.by(("direction", "level"), self.s.year)
        realised = stays.total(self.s.year, "realised")
        realised = {"realised": realised, "planned": stays.total(self.s.year) - realised}
        names = dict(_level_names())
        rows, pairs = [], []
        for level, label in names.items():
            x, m = levels.get(("cn_ru", level), 0), levels.get(("ru_cn", level), 0)
            pairs.append((x, m))
            rows.append([label, x, m, ix.grubel_lloyd(x, m)])
        x, m = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
        value = ix.net_balance(x, m)
        previous = None
        if self.before:
            before = stays.by("direction", self.before)
            previous = ix.net_balance(before.get("cn_ru", 0), before.get("ru_cn", 0))
        agreements = [
            [
                a["title"].get(_lang()) or a["title"]["en"],
                a["cn_ru"],
                a["ru_cn"],
                ix.grubel_lloyd(a["cn_ru"], a["ru_cn"]),
            ]
            for a in sel.mobility_agreements(sel.mobilities_in(self.s))
        ]
        return self._card(
            key="mobility_balance",
            title=_("Direction of mobility"),
            value=value,
            n=x + m,
            unit="index",
            formula=f"{ix.FORMULAS['net_balance']}; {ix.FORMULAS['grubel_lloyd']}",
            previous=previous,
            reading=_("No stays between China and Russia recorded yet.")
            if value is None
            else _("%(x)s stays China→Russia, %(m)s Russia→China; reciprocity %(gl)s.")
            % {"x": x, "m": m, "gl": f"{ix.grubel_lloyd_aggregate(pairs):.2f}"},
            header=[_("Level"), _("China → Russia"), _("Russia → China"), "GL"],
            rows=rows,
            chart=_bar(
                [r[0] for r in rows],
                {
                    _("China → Russia"): [r[1] for r in rows],
                    _("Russia → China"): [r[2] for r in rows],
                },
            ),
            link=reverse("mobility:reports") + (f"?year={self.s.year}" if self.s.year else ""),
            extra={
                "agreements": agreements,
                "grubel_lloyd": ix.grubel_lloyd_aggregate(pairs),
                **realised,
            },
        )

    def experts(self) -> Card:
        targets = sel.experts_against_targets(self.today)
        rows = [
            [
                t[f"host__name_{_lang()}"] or t["host__name_en"],
                t["engaged"],
                t["target"],
                t["by_year"],
            ]
            for t in targets
        ]
        engaged, target = sum(r[1] for r in rows), sum(r[2] for r in rows)
        value = ix.share(engaged, target)
        return self._card(
            key="experts",
            title=_("Foreign experts against targets"),
            value=value,
            n=engaged,
            formula=_("engaged / target"),
            reading=_("No targets for foreign experts recorded yet.")
            if value is None
            else _("%(engaged)s of %(target)s foreign experts targeted are engaged.")
            % {"engaged": engaged, "target": target},
            header=[_("Organisation"), _("Engaged"), _("Target"), _("By year")],
            rows=rows,
        )

    # -- library and talent -----------------------------------------------------------

    def library(self) -> Card:
        loans = sel.loans_in(self.s)
        directions = sel.loan_directions(loans)
        copies = sel.exchanged_copies(self.s)
        rows = []
        for direction, label in _direction_names():
            d = directions.get(direction, {"n": 0, "filled": 0})
            rows.append(
                [
                    label,
                    d["n"],
                    d["filled"],
                    ix.share(d["filled"], d["n"]),
                    copies.get(direction, 0),
                ]
            )
        n = sum(r[1] for r in rows)
        filled = sum(r[2] for r in rows)
        turnaround = ix.median(sel.loan_turnaround_days(loans))
        languages = sel.catalogue_languages()
        value = ix.share(filled, n)
        return self._card(
            key="library",
            title=_("Library exchange"),
            value=value,
            n=n,
            formula=f"{ix.FORMULAS['fill_rate']}; {ix.FORMULAS['grubel_lloyd']}",
            interval=ix.wilson_interval(filled, n),
            reading=_("No loans between Chinese and Russian libraries recorded yet.")
            if not n
            else _("%(filled)s of %(n)s requests filled; median turnaround %(days)s days.")
            % {
                "filled": filled,
                "n": n,
                "days": "—" if turnaround is None else f"{turnaround:.1f}",
            },
            header=[
                _("Direction"),
                _("Requests"),
                _("Filled"),
                _("Fill rate"),
                _("Exchanged copies"),
            ],
            rows=rows,
            chart=_bar(
                [r[0] for r in rows],
                {_("Requests"): [r[1] for r in rows], _("Filled"): [r[2] for r in rows]},
            ),
            extra={
                "turnaround_days": turnaround,
                "grubel_lloyd_loans": ix.grubel_lloyd(rows[0][1], rows[1][1]),
                "grubel_lloyd_copies": ix.grubel_lloyd(
                    copies.get("cn_ru", 0), copies.get("ru_cn", 0)
                ),
                "partner_language": {
                    c: ix.share(v["partner"], v["n"]) for c, v in languages.items()
                },
            },
        )

    def talent(self) -> Card:
        data = sel.talent_supply_demand(private=self.s.private and self.user.is_staff)
        skills = sorted(set(data["supply"]) | set(data["demand"]))
        rows = [
            [
                skill,
                data["supply"].get(skill, 0),
                data["demand"].get(skill, 0),
                ix.gap(data["demand"].get(skill, 0), data["supply"].get(skill, 0)),
            ]
            for skill in skills
        ]
        value = ix.share(data["compound"], data["n"])
        return self._card(
            key="talent",
            title=_("Compound talents"),
            value=value,
            n=data["n"],
            formula=_("compound profiles / profiles") + "; " + ix.FORMULAS["gap"],
            interval=ix.wilson_interval(data["compound"], data["n"]),
            reading=_("No talent profiles recorded yet.")
            if value is None
            else _(
                "%(share)s of listed talents combine Russian or Chinese at B2 or above with a "
                "professional skill; unmet demand %(gap)s."
            )
            % {"share": _pct(value), "gap": sum(r[3] for r in rows)},
            header=[_("Skill"), _("Supply"), _("Demand"), _("Gap")],
            rows=rows,
        )

    # -- forum and shared resources ---------------------------------------------------

    def _papers(self, s: Slice) -> dict:
        if s not in self._paper_counts:
            self._paper_counts[s] = sel.paper_counts(sel.papers_in(s, self.user))
        return self._paper_counts[s]

    @staticmethod
    def _direction_row(label: str, counts: dict, key: str) -> list:
        row = [counts.get((key, d), 0) for d in sel.DIRECTIONS]
        return [label, *row, sum(row)]

    def forum_papers(self) -> Card:
        counts = self._papers(self.s)
        fields = counts["fields"]
        n = sum(fields.values())
        by_way = {d: sum(v for (_f, w), v in fields.items() if w == d) for d in sel.DIRECTIONS}
        rows = []
        if n:
            rows = [
                self._direction_row(localised_text(f, "name"), fields, f.key)
                for f in self.fields.values()
            ]
            if any(key == "" for key, _d in fields):
                rows.append(self._direction_row(_("Field not given"), fields, ""))
        previous = None
        if self.s.previous():
            previous = sum(self._papers(self.s.previous())["fields"].values())
        gl = ix.grubel_lloyd_aggregate([(r[1], r[2]) for r in rows])
        names = [str(label) for _v, label in _direction_names()] + [_("Joint")]
        return self._card(
            key="forum_papers",
            title=_("Accepted forum papers"),
            value=n or None,
            n=n,
            unit="count",
            formula=f"N; {ix.FORMULAS['grubel_lloyd_aggregate']}",
            previous=previous,
            reading=_("No accepted forum papers yet.")
            if not n
            else _("%(n)s papers accepted: China→Russia %(x)s, Russia→China %(m)s, joint %(j)s.")
            % {"n": n, "x": by_way["cn_ru"], "m": by_way["ru_cn"], "j": by_way["joint"]},
            header=[_("Field"), *names, _("All")],
            rows=rows,
            chart=_bar(
                [r[0] for r in rows],
                dict(zip(names, ([r[i] for r in rows] for i in (1, 2, 3)), strict=True)),
            ),
            link=reverse("forum:index"),
            extra={"joint": by_way["joint"], "grubel_lloyd": gl},
        )

    def forum_sectors(self) -> Card:
        sectors = self._papers(self.s)["sectors"]
        n = sum(sectors.values())
        folk = sum(v for (sector, _d), v in sectors.items() if sector == Sector.FOLK)
        rows = []
        if n:
            rows = [
                self._direction_row(str(label), sectors, value) for value, label in Sector.choices
            ]
            if any(key == "" for key, _d in sectors):
                rows.append(self._direction_row(_("Sector not recorded"), sectors, ""))
        names = [str(label) for _v, label in _direction_names()] + [_("Joint")]
        value = ix.share(folk, n)
        return self._card(
            key="forum_sectors",
            title=_("Forum papers by sector"),
            value=value,
            n=n,
            formula=ix.FORMULAS["folk_share"],
            interval=ix.wilson_interval(folk, n),
            reading=_("No accepted forum papers yet.")
            if not n
            else _("%(share)s of accepted papers are presented from folk organisations.")
            % {"share": _pct(value)},
            header=[_("Sector"), *names, _("All")],
            rows=rows,
            chart=_bar([r[0] for r in rows], {_("All"): [r[4] for r in rows]}),
            link=reverse("forum:index"),
        )

    def resources(self) -> Card:
        """The shared-resources module's own figures (``resources.reports``), shown here."""
        from amur.resources import reports

        data = reports.summary()
        n = data["shared"]
        field_names = {key: localised_text(f, "name") for key, f in self.fields.items()}
        directions = {"CN→RU": _("China → Russia"), "RU→CN": _("Russia → China")}
        rows = (
            [
                *(
                    [_("Adopted"), directions.get(k, _("Other")), v]
                    for k, v in data["adopted_by_direction"]
                ),
                *(
                    [_("Shared by country of the owner"), k or "—", v]
                    for k, v in data["shared_by_country"]
                ),
                *([_("Field"), field_names.get(k, k) or "—", v] for k, v in data["by_field"]),
                *([_("EQF level"), f"EQF {k}" if k else "—", v] for k, v in data["by_level"]),
                *([_("Language"), k, v] for k, v in data["by_language"]),
                [_("Translation coverage"), _("in one language"), data["coverage"]["one"]],
                [_("Translation coverage"), _("in two languages"), data["coverage"]["two"]],
                [_("Translation coverage"), _("in three languages"), data["coverage"]["three"]],
            ]
            if n
            else []
        )
        value = ix.share(data["in_chinese_and_russian"], n)
        card = self._card(
            key="resources",
            title=_("Shared resources"),
            value=value,
            n=n,
            formula=_("resources in Chinese and Russian / resources shared"),
            interval=ix.wilson_interval(data["in_chinese_and_russian"], n),
            reading=_("No resources shared yet.")
            if not n
            else _(
                "%(n)s resources shared, %(both)s of them in both Chinese and Russian; all "
                "years, whatever the slice."
            )
            % {"n": n, "both": data["in_chinese_and_russian"]},
            header=[_("Figure"), _("Category"), _("Number")],
            rows=rows,
            link=reverse("resources:reports"),
        )
        return card

    def external(self) -> Card:
        values = list(sel.external_values(self.s.year))
        names = dict(_series_names())
        rows = [
            [
                names.get(v.series, v.series),
                localised_text(v.place, "name"),
                v.year,
                float(v.value),
                v.unit,
                v.source,
            ]
            for v in values
        ]
        card = self._card(
            key="external",
            title=_("Official statistics"),
            value=len(rows) or None,
            n=len(rows),
            unit="count",
            formula=_("imported with source, unit and year"),
            reading=_("No official statistics imported yet.")
            if not rows
            else _("Figures the platform does not record, shown beside the computed ones."),
            header=[_("Series"), _("Place"), _("Year"), _("Value"), _("Unit"), _("Source")],
            rows=rows,
        )
        card.small = False  # a list of figures, not an index resting on observations
        return card

    # The cards in the order the page, the exports and the yearly report show them.
    CARDS = (
        "volume",
        "folk_share",
        "field_diversity",
        "sector_diversity",
        "event_balance",
        "concentration",
        "far_east",
        "actors",
        "participation",
        "mobility_balance",
        "experts",
        "library",
        "talent",
        "forum_papers",
        "forum_sectors",
        "resources",
        "external",
    )

    def cards(self) -> list[Card]:
        return [getattr(self, name)() for name in self.CARDS]


def _lang() -> str:
    from amur.core.i18n import content_language

    return content_language()


def _level_names():
    from amur.mobility.enums import MobilityLevel

    return [(value, str(label)) for value, label in MobilityLevel.choices]


def _series_names():
    from amur.observatory.models import SeriesKind

    return [(value, str(label)) for value, label in SeriesKind.choices]


def _direction_names():
    from amur.events.enums import Direction

    return [(value, str(label)) for value, label in Direction.choices if value != "joint"]


def findings(cards: dict[str, Card], options: Options) -> list[dict]:
    """What an official can act on, each with the numbers behind it (research, part 6)."""
    out = []
    concentration = cards["concentration"]
    idle = [row[0] for row in concentration.rows if not row[2]]
    if concentration.n and idle:
        out.append(
            {
                "key": "idle_divisions",
                "text": _("%(count)s of 13 divisions had no activity: %(names)s.")
                % {"count": len(idle), "names": ", ".join(idle)},
            }
        )
    fields = cards["field_diversity"]
    if fields.n and fields.extra["missing"]:
        out.append(
            {
                "key": "idle_fields",
                "text": _("No activity in %(names)s.")
                % {"names": ", ".join(fields.extra["missing"])},
            }
        )
    folk = cards["folk_share"]
    if folk.value is not None and folk.value < options.folk_min:
        out.append(
            {
                "key": "folk_low",
                "text": _("Folk share %(share)s is below %(min)s (%(n)s events).")
                % {"share": _pct(folk.value), "min": _pct(options.folk_min), "n": folk.n},
            }
        )
    for card in (cards["event_balance"], cards["mobility_balance"]):
        one_way = [row for row in card.rows if row[3] is not None and row[3] < options.gl_min]
        for row in one_way:
            out.append(
                {
                    "key": "one_way",
                    "text": _(
                        "%(what)s, %(name)s: one-way (China→Russia %(x)s, Russia→China %(m)s, "
                        "GL %(gl).2f)."
                    )
                    % {"what": card.title, "name": row[0], "x": row[1], "m": row[2], "gl": row[3]},
                }
            )
    for row in cards["experts"].rows:
        if row[1] < row[2]:
            out.append(
                {
                    "key": "experts_below",
                    "text": _(
                        "%(name)s: %(engaged)s foreign experts of the %(target)s targeted "
                        "by %(year)s."
                    )
                    % {"name": row[0], "engaged": row[1], "target": row[2], "year": row[3]},
                }
            )
    return out


VERSION_KEY = "observatory:version"
REFRESH_PENDING_KEY = "observatory:refresh-pending"


def records_changed(**_kwargs) -> None:
    """Signal receiver: any write to a record the observatory reads retires cached boards;
    where a worker runs background tasks, the landing boards are computed again after the
    commit, so that readers do not wait for them."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)
    if refresh_in_background():
        transaction.on_commit(_refresh_enqueue, robust=True)


def refresh_in_background() -> bool:
    """Only with a task worker (``AMUR_TASKS=database``): with in-process tasks the refresh
    would run inside the request that wrote, and an import would compute the boards once
    per saved record; there the next reader computes the board, as before."""
    from amur.observatory.tasks import boards_refresh  # here: tasks imports this module

    return not isinstance(boards_refresh.get_backend(), ImmediateBackend)


def _refresh_enqueue() -> None:
    """One refresh for all the changes of a transaction, and for all transactions that
    commit while one is queued (the pending mark is cleared when the refresh starts)."""
    from amur.observatory.tasks import boards_refresh

    if cache.add(REFRESH_PENDING_KEY, 1, 600):
        boards_refresh.enqueue()


def landing_slices(today: date | None = None) -> list[Slice]:
    """The public boards most readers open: all years, this year and the last."""
    year = (today or timezone.localdate()).year
    return [Slice(), Slice(year=year), Slice(year=year - 1)]


def landing_boards_refresh() -> int:
    """Compute the landing boards in every language into the cache; returns how many."""
    cache.delete(REFRESH_PENDING_KEY)
    anonymous = AnonymousUser()
    done = 0
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for s in landing_slices():
                dashboard_for(s, anonymous)
                done += 1
    return done


def _cache_key(s: Slice, options: Options, today: date | None) -> str:
    """Public boards are the same for every reader of a language, so they are shared; the
    key also carries the record counts, so a board never outlives a change it missed."""
    from amur.events.models import Event
    from amur.library.models import LoanRequest
    from amur.mobility.models import Mobility

    stamp = (Event.objects.count(), Mobility.objects.count(), LoanRequest.objects.count())
    raw = repr(
        (
            sorted(s.params().items()),
            options,
            today,
            get_language(),
            cache.get(VERSION_KEY, 0),
            stamp,
        )
    )
    return "observatory:board:" + hashlib.sha256(raw.encode()).hexdigest()


def dashboard_for(s: Slice, user, options: Options | None = None, today: date | None = None):
    """The cards and findings of a slice; public boards come from the cache when their
    records have not changed (boards with private records are never cached)."""
    options = options or Options()
    key = None if s.private else _cache_key(s, options, today)
    if key and (hit := cache.get(key)) is not None:
        return hit
    board = Dashboard(s, user, options, today=today)
    cards = board.cards()
    result = cards, findings({c.key: c for c in cards}, board.options)
    if key:
        cache.set(key, result, 3600)
    return result
