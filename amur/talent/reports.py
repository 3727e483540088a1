# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Figures of the talent pool for the observatory.

Every figure counts only profiles that may be listed (a hidden profile is in no report)
and gives numbers, never names.  ``tables()`` returns each figure as (header, rows) for
CSV/XLSX (``amur.core.exports``) and the API; the observatory may call any function here.

Definitions
    language pair     the languages a profile holds at B1 or above (e.g. "ru+zh")
    level             a profile's best comparable level per language (official table)
    compound talent   Russian or Chinese at B2 or above together with at least one
                      professional skill of the vocabulary
    filled            people in post before the platform plus those contracted through it
    task fill rate    tasks given to someone (accepted, delivered or reviewed) out of all
                      tasks that were not cancelled, per direction
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Max, Q, QuerySet

from amur.talent import levels
from amur.talent.enums import NeedStatus, Stage, TaskStatus, Visibility
from amur.talent.models import LanguageCredential, Need, Profile, Task

WORKING_LEVEL = 3  # B1
COMPOUND_LEVEL = 4  # B2
FILLED_TASK = (TaskStatus.ACCEPTED, TaskStatus.DELIVERED, TaskStatus.REVIEWED)


def _listed() -> QuerySet[Profile]:
    return Profile.objects.exclude(visibility=Visibility.HIDDEN)


def _best_levels() -> dict[int, dict[str, int]]:
    """``{person_id: {language: best official level}}`` over listed profiles."""
    rows = (
        LanguageCredential.objects.filter(person__talent_profile__in=_listed())
        .values("person_id", "language")
        .annotate(best=Max("level_official"))
    )
    best: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        best[row["person_id"]][row["language"]] = row["best"]
    return best


def profiles_by_language_pair() -> list[tuple[str, int]]:
    best = _best_levels()
    counter: Counter = Counter()
    for person_id in _listed().values_list("person_id", flat=True):
        held = sorted(
            lang for lang, rank in best.get(person_id, {}).items() if rank >= WORKING_LEVEL
        )
        counter["+".join(held) or "—"] += 1
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def profiles_by_level() -> list[tuple[str, str, int]]:
    counter: Counter = Counter()
    for languages in _best_levels().values():
        for language, rank in languages.items():
            counter[(language, levels.CEFR_LABELS[rank])] += 1
    return sorted(
        ((lang, label, n) for (lang, label), n in counter.items()),
        key=lambda row: (row[0], levels.CEFR_LABELS.index(row[1])),
    )


def profiles_by_skill() -> list[tuple[str, str, int]]:
    rows = (
        _listed()
        .filter(skills__isnull=False)
        .values("skills__key", "skills__name_en")
        .annotate(n=Count("id"))
        .order_by("-n", "skills__key")
    )
    return [(row["skills__key"], row["skills__name_en"], row["n"]) for row in rows]


def profiles_by_place() -> list[tuple[str, str, int]]:
    rows = (
        _listed()
        .values("place__country_code", "place__key")
        .annotate(n=Count("id"))
        .order_by("place__country_code", "-n", "place__key")
    )
    return [(row["place__country_code"] or "", row["place__key"] or "", row["n"]) for row in rows]


def compound_talent_share() -> dict:
    strong = set(
        LanguageCredential.objects.filter(
            language__in=("ru", "zh"), level_official__gte=COMPOUND_LEVEL
        ).values_list("person_id", flat=True)
    )
    listed = _listed()
    total = listed.count()
    skilled = set(listed.filter(skills__isnull=False).values_list("person_id", flat=True))
    compound = len(skilled & strong)
    return {
        "profiles": total,
        "compound": compound,
        "share": round(100 * compound / total, 1) if total else 0.0,
    }


def needs_open_vs_filled() -> list[dict]:
    needs = Need.objects.annotate(
        contracted=Count("candidates", filter=Q(candidates__stage=Stage.CONTRACTED))
    ).values("kind", "status", "headcount", "in_post", "contracted")
    totals: dict[str, dict] = {}
    for need in needs:
        row = totals.setdefault(
            need["kind"],
            {"kind": need["kind"], "needs": 0, "open": 0, "headcount": 0, "filled": 0},
        )
        row["needs"] += 1
        row["open"] += need["status"] == NeedStatus.OPEN
        row["headcount"] += need["headcount"]
        row["filled"] += min(need["in_post"] + need["contracted"], need["headcount"])
    return [
        {**row, "to_fill": row["headcount"] - row["filled"]}
        for _kind, row in sorted(totals.items())
    ]


def tasks_by_direction() -> list[dict]:
    rows = (
        Task.objects.exclude(status=TaskStatus.CANCELLED)
        .values("source_language", "target_language")
        .annotate(total=Count("id"), filled=Count("id", filter=Q(status__in=FILLED_TASK)))
        .order_by("source_language", "target_language")
    )
    return [
        {
            "direction": f"{row['source_language']}→{row['target_language']}",
            "tasks": row["total"],
            "filled": row["filled"],
            "fill_rate": round(100 * row["filled"] / row["total"], 1) if row["total"] else 0.0,
        }
        for row in rows
    ]


def experts_against_targets() -> list[dict]:
    """Foreign experts engaged per host (mobility) against the host's stated target."""
    from amur.mobility.models import ExpertEngagement, ExpertTarget

    engaged = dict(
        ExpertEngagement.objects.values("host_id")
        .annotate(n=Count("id"))
        .values_list("host_id", "n")
    )
    return [
        {
            "host": target.host.slug or str(target.host_id),
            "by_year": target.by_year,
            "target": target.target,
            "engaged": engaged.get(target.host_id, 0),
            "share": round(100 * engaged.get(target.host_id, 0) / target.target, 1)
            if target.target
            else 0.0,
        }
        for target in ExpertTarget.objects.select_related("host").order_by("host__slug", "by_year")
    ]


def summary() -> dict:
    return {
        "profiles_by_language_pair": profiles_by_language_pair(),
        "profiles_by_level": profiles_by_level(),
        "profiles_by_skill": profiles_by_skill(),
        "profiles_by_place": profiles_by_place(),
        "compound_talent": compound_talent_share(),
        "needs": needs_open_vs_filled(),
        "tasks": tasks_by_direction(),
        "experts": experts_against_targets(),
    }


def _dict_rows(rows: list[dict], keys: list[str]) -> list[list]:
    return [[row[k] for k in keys] for row in rows]


def tables() -> dict[str, tuple[list[str], list[list]]]:
    """Every figure as ``name → (header, rows)`` for downloads."""
    compound = compound_talent_share()
    return {
        "language_pairs": (
            ["languages", "profiles"],
            [list(r) for r in profiles_by_language_pair()],
        ),
        "levels": (["language", "level", "profiles"], [list(r) for r in profiles_by_level()]),
        "skills": (["skill", "name", "profiles"], [list(r) for r in profiles_by_skill()]),
        "places": (["country", "place", "profiles"], [list(r) for r in profiles_by_place()]),
        "compound": (
            ["profiles", "compound", "share"],
            [[compound["profiles"], compound["compound"], compound["share"]]],
        ),
        "needs": (
            ["kind", "needs", "open", "headcount", "filled", "to_fill"],
            _dict_rows(
                needs_open_vs_filled(), ["kind", "needs", "open", "headcount", "filled", "to_fill"]
            ),
        ),
        "tasks": (
            ["direction", "tasks", "filled", "fill_rate"],
            _dict_rows(tasks_by_direction(), ["direction", "tasks", "filled", "fill_rate"]),
        ),
        "experts": (
            ["host", "by_year", "target", "engaged", "share"],
            _dict_rows(
                experts_against_targets(), ["host", "by_year", "target", "engaged", "share"]
            ),
        ),
    }
