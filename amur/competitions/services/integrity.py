# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A closed round's integrity analysis (:mod:`amur.competitions.integrity`) from its stored
results, and the chair's choice to publish it beside them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _

from amur.competitions import integrity, locking, scoring
from amur.competitions.models import Contestant, Juror, Round
from amur.competitions.services.common import CompetitionsError
from amur.core.audit import audit_record
from amur.core.names import name_forms, person_forms

PERMUTATIONS = 999  # enough for p-values near 0.05 on a page; the command can do more


@dataclass
class RoundAudit:
    audit: integrity.Audit
    jurors: dict[str, str]  # key -> display name
    contestants: dict[str, str]  # key -> "#number name"
    names: dict[str, str]  # both, for the tables

    def name(self, key: str) -> str:
        return self.names.get(key, key)


def _cell(raw: str) -> scoring.Cell:
    if raw in (scoring.RECUSED, scoring.ABSENT):
        return raw
    return Decimal(raw)


def round_audit(round_: Round) -> RoundAudit | None:
    """The analysis of a round with results (None before the chair closes it).

    Keys are "j<id>" for a juror and "c<id>" for a contestant (``round.results`` uses the
    bare ids, which may coincide);
    countries come from the jurors' and contestants' nationality, a colleague's circle from
    the recusals and the teachers named in the applications.  Cached per stored result.
    """
    results = (round_.results or {}).get("contestants")
    if not results:
        return None
    jurors = list(
        Juror.objects.filter(edition_id=round_.discipline.edition_id)
        .select_related("person")
        .order_by("pk")
    )
    contestants = {
        str(c.pk): c for c in Contestant.objects.filter(pk__in=[int(k) for k in results])
    }
    juror_names = {f"j{j.pk}": j.person.name_latin or j.person.name for j in jurors}
    contestant_names = {
        f"c{k}": f"#{c.number} {c.name_latin or c.name}"
        for k, c in sorted(contestants.items(), key=lambda kv: kv[1].number)
    }
    digest = hashlib.sha256(json.dumps(round_.results, sort_keys=True).encode()).hexdigest()
    key = f"competitions:integrity:v1:{round_.pk}:{round_.method}:{round_.cap}:{digest}"
    audit = cache.get(key)
    if audit is None:
        audit = _compute(round_, results, jurors, contestants)
        cache.set(key, audit, 3600)
    return RoundAudit(
        audit=audit,
        jurors=juror_names,
        contestants=contestant_names,
        names={**juror_names, **contestant_names},
    )


def _compute(round_: Round, results: dict, jurors: list[Juror], contestants: dict):
    ordered = sorted(results, key=lambda k: results[k]["number"])
    rows = {
        f"c{k}": {f"j{j.pk}": _cell(results[k]["raw"].get(str(j.pk), "")) for j in jurors}
        for k in ordered
    }
    countries = {f"j{j.pk}": j.person.nationality for j in jurors if j.person.nationality}
    countries |= {f"c{k}": c.nationality for k, c in contestants.items() if c.nationality}
    forms = {f"j{j.pk}": person_forms(j.person) for j in jurors}
    teachers = {
        f"c{k}": [
            j
            for j, f in forms.items()
            if any(name_forms(t.get("name", "")) & f for t in contestants[k].teachers)
        ]
        for k in ordered
    }
    earlier = weights = None
    if round_.weights:
        before = Round.objects.filter(discipline_id=round_.discipline_id, order__lt=round_.order)
        stages = {
            r.order: (r.results or {}).get("contestants", {}) for r in before.order_by("order")
        }
        if stages:
            earlier = {
                f"c{k}": [Decimal(stages[o].get(k, {}).get("stage", "0")) for o in sorted(stages)]
                for k in ordered
            }
            weights = [Decimal(str(w)) for w in round_.weights]
    return integrity.audit(
        rows,
        method=round_.method,
        cap=round_.cap,
        decimals=2,
        quota=round_.quota,
        earlier=earlier,
        weights=weights,
        countries=countries,
        teachers=teachers,
        permutations=PERMUTATIONS,
        seed=0,
    )


@transaction.atomic
def round_integrity_publish(*, round_: Round, by, published: bool) -> Round:
    """The chair publishes (or withdraws) the integrity analysis beside the results."""
    round_ = locking.round_locked(round_.pk)
    if not by.has_perm("competitions.publish_integrity", round_):
        raise CompetitionsError(_("Only the chair of the jury can publish the analysis."))
    if round_.integrity_published != published:
        round_.integrity_published = published
        round_.save(update_fields=["integrity_published"])
        audit_record(
            actor=by,
            action="competition.integrity_published",
            obj=round_,
            old={"published": not published},
            new={"published": published},
        )
    return round_
