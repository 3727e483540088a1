#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark of talent matching: rank N profiles (100,000 by default) for one need.

Not a test.  Fills a benchmark database with N deterministic synthetic profiles (a person,
a profile, two or three language credentials and up to three skills each; a fifth hidden),
then asks the real matching (``amur.talent.matching.candidates_for``) for the best 50
explained candidates of two needs, as a signed-in member would: a selective one (two
required credentials, a required skill, preferred skills and languages, a field, a place
and dates) and a broad one (Russian at B1 or above); reports how many profiles qualified
and the median and slowest of several runs.

Runs on whatever AMUR_DATABASE_URL points to; when it is not set, on its own SQLite file
var/talent-benchmark.sqlite3 (a development database is not filled with 100,000 people).

    .venv/bin/python scripts/talent_benchmark.py --profiles 100000
    AMUR_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amur_bench \\
        .venv/bin/python scripts/talent_benchmark.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "bench-"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
    os.environ.setdefault("AMUR_SECRET_KEY", "talent-benchmark-only")
    if not os.environ.get("AMUR_DATABASE_URL"):
        (ROOT / "var").mkdir(exist_ok=True)
        os.environ["AMUR_DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'talent-benchmark.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def populate(total: int, batch: int = 5000) -> None:
    """Add synthetic profiles until ``total`` exist (bulk inserts, deterministic)."""
    from amur.core.models import FieldOfExchange, Place
    from amur.directory.models import Person
    from amur.talent import levels
    from amur.talent.models import LanguageCredential, Profile, Skill

    skills = [
        Skill.objects.update_or_create(
            key=f"{PREFIX}skill-{n}",
            defaults={"name_zh": f"技能{n}", "name_ru": f"навык {n}", "name_en": f"skill {n}"},
        )[0]
        for n in range(30)
    ]
    fields = list(FieldOfExchange.objects.all())
    places = list(Place.objects.filter(kind="city"))
    have = Profile.objects.filter(person__email__startswith=PREFIX).count()
    rng = random.Random(f"talent-benchmark-{have}")
    ladders = {
        "ru": [("torfl", c) for c in ("TEU", "TBU", "TORFL-1", "TORFL-2", "TORFL-3", "TORFL-4")]
        + [("native", "native")],
        "zh": [("hsk2", str(n)) for n in range(1, 7)] + [("native", "native")],
        "en": [("cefr", c) for c in ("A2", "B1", "B2", "C1")],
    }
    started = time.perf_counter()
    while have < total:
        size = min(batch, total - have)
        people = Person.objects.bulk_create(
            Person(
                name=f"Bench {have + i}", script="latin", email=f"{PREFIX}{have + i}@example.org"
            )
            for i in range(size)
        )
        profiles = Profile.objects.bulk_create(
            Profile(
                person=person,
                visibility=rng.choice(["public", "public", "members", "members", "hidden"]),
                place=rng.choice(places),
                willing_to_travel=rng.random() < 0.5,
                experience_years=rng.randint(0, 30),
                max_concurrent=3,
                available_until=date(2027, 6, 1) if rng.random() < 0.1 else None,
            )
            for person in people
        )
        credentials, links, field_links = [], [], []
        for person, profile in zip(people, profiles, strict=True):
            for language in rng.sample(["ru", "zh", "en"], k=rng.choice([2, 2, 3])):
                scheme, level = rng.choice(ladders[language])
                official, teachers = levels.both(scheme, level)
                credentials.append(
                    LanguageCredential(
                        person=person,
                        language=language,
                        scheme=scheme,
                        level=level,
                        level_official=official,
                        level_teachers=teachers,
                    )
                )
            for skill in rng.sample(skills, k=rng.randint(0, 3)):
                links.append(Profile.skills.through(profile=profile, skill=skill))
            field_links.append(
                Profile.fields.through(profile=profile, fieldofexchange=rng.choice(fields))
            )
        LanguageCredential.objects.bulk_create(credentials)
        Profile.skills.through.objects.bulk_create(links)
        Profile.fields.through.objects.bulk_create(field_links)
        have += size
        print(f"  {have:,} profiles ({time.perf_counter() - started:.0f} s)", flush=True)


def the_need(*, broad: bool = False):
    """The selective need (two required credentials, a required skill, preferences) or a
    broad one (Russian at B1 or above, nothing else), which qualifies far more profiles."""
    from amur.core.models import FieldOfExchange, Place
    from amur.directory.models import Organisation
    from amur.talent import services
    from amur.talent.models import Need, Skill

    organisation, _ = Organisation.objects.get_or_create(
        slug=f"{PREFIX}conservatory",
        defaults={
            "name_en": "Benchmark conservatory",
            "kind": "conservatory",
            "sector": "public",
            "place": Place.objects.get(key="harbin"),
        },
    )
    title = (
        "Russian speakers, any field" if broad else "Russian experts for piano and vocal pedagogy"
    )
    need = Need.objects.filter(organisation=organisation, title_en=title).first()
    if need is None and broad:
        need = services.need_create(
            organisation=organisation,
            by=None,
            kind="job",
            title_en=title,
            requirements=[{"language": "ru", "min_level": "B1"}],
        )
    if need is None:
        need = services.need_create(
            organisation=organisation,
            by=None,
            kind="expert",
            title_en=title,
            headcount=20,
            field=FieldOfExchange.objects.order_by("key").first(),
            place=Place.objects.get(key="harbin"),
            start=date(2027, 9, 1),
            end=date(2028, 6, 30),
            requirements=[
                {"language": "ru", "min_level": "C1"},
                {"language": "en", "min_level": "B1"},
                {"language": "zh", "min_level": "A2", "required": False},
            ],
            required_skills=[Skill.objects.get(key=f"{PREFIX}skill-0")],
            preferred_skills=list(
                Skill.objects.filter(key__in=[f"{PREFIX}skill-{n}" for n in (1, 2, 3)])
            ),
        )
    return need


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from amur.talent import matching, selectors
    from amur.talent.models import Profile

    print(f"database: {connection.vendor}; filling to {args.profiles:,} profiles")
    populate(args.profiles)
    with connection.cursor() as cursor:  # planner statistics, as a live database has them
        cursor.execute("ANALYZE")
    total = Profile.objects.count()

    # A signed-in member without roles: sees public and members-only profiles.
    member, _ = get_user_model().objects.get_or_create(username=f"{PREFIX}member")
    pool = selectors.profiles_listed_to(member)
    for label, need in (("selective", the_need()), ("broad", the_need(broad=True))):
        qualifying = matching.qualifying(
            matching.spec_of(need), pool, matching.table_for(need.organisation_id)
        ).count()
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = matching.candidates_for(need, pool, limit=50)
            timings.append(time.perf_counter() - started)
        print(
            f"{label} need: {qualifying:,} of {total:,} profiles qualify; "
            f"top score {result[0].score if result else '-'}; "
            f"best 50 explained in median {statistics.median(timings) * 1000:.0f} ms, "
            f"slowest {max(timings) * 1000:.0f} ms over {args.runs} runs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
