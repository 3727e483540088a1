# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The benchmark's dataset: the demo generator at a scale, topped up in bulk, and the Library
of Congress records shipped in pymarc's source distribution.

``amur demo --scale N`` gives ``20 N`` organisations, ``50 N`` people of the directory and
``200 N`` of the talent pool, ``200 N`` events and no synthetic mobility (the other apps'
demos do not grow with N). The issue's figures, 2,000 organisations, 20,000 events, 200,000
people and 50,000 mobilities, are reached with ``N = 100`` and ``top_up`` for the people and
mobilities (bulk inserts of the same shape as the demos' records); 250,000 catalogue records
are the first records of the LC dump, imported through the library's own import service.

Everything here needs Django set up on the database to fill, and is idempotent: a second
call finds what is there and adds only what is missing.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "var" / "benchmark"
DUMP = "BooksAll.2016.part01.utf8"
PYMARC = "pymarc==5.4.0"  # the version whose sdist carries the dump (see data/SOURCE.md)

# The scale (part 1).
FULL = {
    "organisations": 2_000,
    "events": 20_000,
    "people": 200_000,
    "mobilities": 50_000,
    "records": 250_000,
}
FULL_DEMO_SCALE = 100

Log = Callable[[str], None]


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def counts() -> dict[str, int]:
    """What the database holds, under the names of the issue's figures."""
    from amur.directory.models import Organisation, Person
    from amur.events.models import Event
    from amur.library.models import Record
    from amur.mobility.models import Mobility

    return {
        "organisations": Organisation.objects.count(),
        "events": Event.objects.count(),
        "people": Person.objects.count(),
        "mobilities": Mobility.objects.count(),
        "records": Record.objects.count(),
    }


def build(
    *,
    scale: int,
    people: int,
    mobilities: int,
    records: int,
    cache: Path = CACHE,
    log: Log = _stderr,
) -> dict[str, float]:
    """Migrate, load ``amur demo --scale SCALE``, top the people and mobilities up to the
    numbers given, import the first ``records`` LC records and ANALYZE; returns each step's
    seconds."""
    from django.core.management import call_command
    from django.db import connection

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seconds["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    log(f"amur demo --scale {scale}")
    call_command("demo", scale=scale, verbosity=0)
    seconds["demo"] = time.perf_counter() - started

    started = time.perf_counter()
    log(f"top-up to {people} people and {mobilities} mobilities")
    top_up(events=0, people=people, mobilities=mobilities)
    seconds["top_up"] = time.perf_counter() - started

    started = time.perf_counter()
    library_import(records, cache=cache, log=log)
    seconds["library_import"] = time.perf_counter() - started

    if connection.vendor == "postgresql":
        # Bulk inserts leave the planner's statistics behind (autovacuum catches up later);
        # without them a cold page may take seconds instead of milliseconds.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds["analyze"] = time.perf_counter() - started
    return {step: round(value, 1) for step, value in seconds.items()}


def library_import(wanted: int, *, cache: Path = CACHE, batch: int = 5000, log: Log = _stderr):
    """Import the LC dump's records into the benchmark library until the catalogue holds
    ``wanted`` records (the dump's order is fixed, so the records already imported are
    skipped, not read again). Returns run_import's figures, or None when nothing was
    missing."""
    from amur.library.models import Record

    have = Record.objects.count()
    if have >= wanted:
        return None
    archive = sdist(cache)
    log(f"importing {wanted - have} LC records from {archive.name}")
    return run_import(benchmark_library(), archive, wanted - have, batch, skip=have, log=log)


def sdist(cache: Path = CACHE) -> Path:
    """pymarc's sdist, downloaded once with pip into the cache."""
    found = sorted(cache.glob("pymarc-*.tar.gz"))
    if found:
        return found[-1]
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            PYMARC,
            "--no-binary",
            ":all:",
            "--no-deps",
            "-d",
            str(cache),
        ],
        check=True,
    )
    return sorted(cache.glob("pymarc-*.tar.gz"))[-1]


def records(archive: Path, limit: int | None) -> Iterator[bytes]:
    """ISO 2709 records of the dump, as bytes, read from the tarball without unpacking it."""
    with tarfile.open(archive) as tar:
        # Members are read one by one up to the dump (getmembers would decompress the
        # whole archive first, as part of the import's time).
        member = next(m for m in tar if m.name.endswith("/" + DUMP))
        stream = tar.extractfile(member)
        count = 0
        while limit is None or count < limit:
            head = stream.read(5)
            if len(head) < 5:
                return
            yield head + stream.read(int(head) - 5)
            count += 1


def benchmark_library():
    """The organisation the LC records are imported into (created once)."""
    from amur.core.models import Place
    from amur.core.reference import places_load
    from amur.directory.services import organisation_ensure
    from amur.library.models import LibrarySettings

    if not Place.objects.filter(key="moscow").exists():
        places_load()
    library = organisation_ensure(
        slug="benchmark-lc-library",
        place="moscow",
        kind="library",
        sector="public",
        name_en="Benchmark library (LC Books All 2016)",
        name_ru="Тестовая библиотека",
        name_zh="测试图书馆",
    )
    LibrarySettings.objects.get_or_create(organisation=library, defaults={"code": "XX-BENCH"})
    return library


def run_import(
    library, archive: Path, limit: int | None, batch: int, *, skip: int = 0, log: Log = _stderr
) -> dict:
    """Import in batches (each one import job, as a librarian's upload would be), after
    skipping the dump's first ``skip`` records."""
    from amur.library import services

    read = imported = updated = rejected = 0
    started = time.perf_counter()
    chunk: list[bytes] = []

    def flush(number: int) -> None:
        nonlocal read, imported, updated, rejected
        data = b"".join(chunk)
        job = services.import_job_create(library=library, filename=f"{DUMP}#{number}", data=data)
        job = services.import_run(job=job, data=data)
        read, imported = read + job.read, imported + job.imported
        updated, rejected = updated + job.updated, rejected + job.rejected
        rate = read / (time.perf_counter() - started)
        log(f"  {read:>7} records read, {rate:8.1f} records/s")
        chunk.clear()

    total = None if limit is None else skip + limit
    wanted = itertools.islice(records(archive, total), skip, None)
    for number, record in enumerate(wanted, start=skip + 1):
        chunk.append(record)
        if len(chunk) == batch:
            flush(number)
    if chunk:
        flush(skip + read + len(chunk))
    seconds = time.perf_counter() - started
    return {
        "read": read,
        "imported": imported,
        "updated": updated,
        "rejected": rejected,
        "seconds": round(seconds, 2),
        "records_per_second": round(read / seconds, 1) if seconds else 0.0,
    }


def top_up(*, events: int, people: int, mobilities: int, batch: int = 2000) -> None:
    """Bulk-insert synthetic records until there are ``events`` events, ``people`` people
    and ``mobilities`` stays (deterministic: ``random.Random(0)``): events over the places,
    fields, sectors and directions with the demos' weights, each with a host; people with a
    Chinese or Russian name; stays between a Chinese and a Russian organisation at every
    level."""
    import random
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from django.db import transaction

    from amur.core.models import FieldOfExchange, Place
    from amur.core.search import search_keys
    from amur.directory.models import Organisation, Person
    from amur.events.demo import DIRECTION_WEIGHT, FIELD_WEIGHT, PLACE_WEIGHT, SECTOR_WEIGHT
    from amur.events.enums import EventKind
    from amur.events.models import Event, EventOrganiser
    from amur.mobility.enums import CallKind, MobilityLevel
    from amur.mobility.models import Mobility

    rng = random.Random(0)
    places = list(Place.objects.filter(kind__in=["city", "port"]).order_by("key"))
    place_weights = [PLACE_WEIGHT.get(p.key, 1) for p in places]
    organisations = list(Organisation.objects.select_related("place").order_by("pk"))
    organisation_weights = [SECTOR_WEIGHT.get(o.sector, 1) for o in organisations]
    chinese = [o for o in organisations if o.place and o.place.country_code == "CN"]
    russian = [o for o in organisations if o.place and o.place.country_code == "RU"]
    fields = list(FieldOfExchange.objects.order_by("key"))
    field_weights = [FIELD_WEIGHT.get(f.key, 2) for f in fields]
    through = Event.fields.through

    def chunks(total: int):
        for first in range(0, total, batch):
            yield range(first, min(total, first + batch))

    missing = events - Event.objects.count()
    for numbers in chunks(max(0, missing)):
        made, hosts = [], []
        for number in numbers:
            place = rng.choices(places, place_weights)[0]
            zone = place.timezone or "UTC"
            start = datetime(
                rng.randint(2005, 2026),
                rng.randint(1, 12),
                rng.randint(1, 28),
                10,
                tzinfo=ZoneInfo(zone),
            )
            people_there = rng.randint(20, 2000)
            cn = round(people_there * rng.uniform(0.3, 0.9))
            title = f"{place.name_en} exchange {number + 1}"
            made.append(
                Event(
                    slug=f"top-up-{number}",
                    title_en=title,
                    title_ru=f"{place.name_ru}: обмен {number + 1}",
                    title_zh=f"{place.name_zh}交流{number + 1}",
                    kind=rng.choice(EventKind.values),
                    status="completed",
                    place=place,
                    start=start,
                    end=start + timedelta(days=rng.randint(0, 6)),
                    timezone=zone,
                    attendance_in_person=people_there,
                    participants_cn=cn,
                    participants_ru=people_there - cn,
                    direction=rng.choices(list(DIRECTION_WEIGHT), list(DIRECTION_WEIGHT.values()))[
                        0
                    ],
                    search_keys=search_keys(title),
                )
            )
            hosts.append(rng.choices(organisations, organisation_weights)[0])
        with transaction.atomic():
            Event.objects.bulk_create(made)
            made = list(Event.objects.filter(slug__in=[e.slug for e in made]).order_by("pk"))
            by_slug = {e.slug: e for e in made}
            EventOrganiser.objects.bulk_create(
                EventOrganiser(event=by_slug[f"top-up-{n}"], organisation=host, role="host")
                for n, host in zip(numbers, hosts, strict=True)
            )
            through.objects.bulk_create(
                through(event_id=e.pk, fieldofexchange_id=f.pk)
                for e in made
                for f in {rng.choices(fields, field_weights)[0] for _ in range(2)}
            )
    have = Person.objects.count()
    for numbers in chunks(max(0, people - have)):
        # Numbered after the people already there, so a second top-up adds new names.
        with transaction.atomic():
            Person.objects.bulk_create(_top_up_person(have + n) for n in numbers)
    missing = max(0, mobilities - Mobility.objects.count())
    person_ids = list(Person.objects.values_list("pk", flat=True)[: missing or 1])
    levels = [value for value in MobilityLevel.values if value]
    for numbers in chunks(max(0, missing)):
        rows = []
        for n in numbers:
            outgoing = rng.random() < 0.35  # more stays from Russia to China than back
            sending, receiving = (rng.choice(chinese), rng.choice(russian))
            if not outgoing:
                sending, receiving = receiving, sending
            start = date(rng.randint(2010, 2027), rng.randint(1, 12), 1)
            rows.append(
                Mobility(
                    person_id=person_ids[n % len(person_ids)],
                    sending=sending,
                    receiving=receiving,
                    kind=rng.choice(CallKind.values),
                    level=rng.choice(levels),
                    start=start,
                    end=start + timedelta(days=rng.choice([14, 30, 120, 300])),
                    field=rng.choices(fields, field_weights)[0],
                )
            )
        with transaction.atomic():
            Mobility.objects.bulk_create(rows)


def _top_up_person(n: int):
    """Four in five Russian, one in five Chinese."""
    from amur.directory.models import Person

    if n % 5:
        name, script, column, latin, country = f"Топ Ап {n}", "cyrillic", "name_ru", "Top Up", "RU"
    else:
        name, script, column, latin, country = f"王测试{n}", "han", "name_zh", "Wang Ceshi", "CN"
    return Person(
        name=name,
        script=script,
        **{column: name},
        name_latin=f"{latin} {n}",
        nationality=country,
        illustrative=True,
        search_keys=f"{latin.lower()} {n}",
    )
