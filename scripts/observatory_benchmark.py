#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark of the observatory's summary dashboard (issue 18, part 9).

Not a test.  Loads ``amur demo --scale N`` into its own database (SQLite file
var/observatory-benchmark.sqlite3 unless AMUR_DATABASE_URL is set), then asks the summary
page for a fixed list of slices, each several times, and reports the median and 95th
percentile latency of the first (cold) and the following (warm, cached) answers, with the
number of events, people and mobilities behind them; then what a reader meets after a
change where a task worker refreshes the landing boards (``AMUR_TASKS=database``).

    .venv/bin/python scripts/observatory_benchmark.py --scale 100
    AMUR_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amur_bench \\
        .venv/bin/python scripts/observatory_benchmark.py --scale 100

The issue's figure is 20,000 events, 200,000 people and 50,000 mobilities.  Loading that
through every demo's services takes hours, so by default the script loads the demo at
``--scale 10`` and then tops the database up to ``--events``, ``--people`` and
``--mobilities`` with bulk inserts of the same shape as the demos' synthetic records
(events over the places, fields, sectors and directions with the demos' weights, each with
a host; people with a Chinese or Russian name; stays between a Chinese and a Russian
organisation at every level).  The top-up is deterministic (``random.Random(0)``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The bulk top-up is shared with `amur bench` (amur/bench/dataset.py).
from amur.bench.dataset import top_up  # noqa: E402 - after the checkout is on the path

SLICES = [
    "",
    "?year=2024",
    "?year=2024&place=harbin",
    "?year=2023&field=music&sector=folk",
    "?direction=ru_cn",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--mobilities", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded database")
    args = parser.parse_args()
    os.environ.setdefault(
        "AMUR_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'observatory-benchmark.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
    # Production settings (no DEBUG query log to slow the pages); a throwaway key.
    os.environ.setdefault("AMUR_SECRET_KEY", "observatory-benchmark-only")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from amur.directory.models import Person
    from amur.events.models import Event
    from amur.mobility.models import Mobility

    setup_test_environment()
    if not args.skip_load:
        (ROOT / "var").mkdir(exist_ok=True)
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("demo", scale=args.scale, verbosity=0)
        print(f"demo --scale {args.scale} loaded in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        top_up(events=args.events, people=args.people, mobilities=args.mobilities)
        print(f"topped up in {time.perf_counter() - started:.0f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        # Bulk inserts leave the planner's statistics behind (autovacuum catches up later):
        # measured without them, a cold board took 2–12 s instead of 0.2–0.3 s.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"events {Event.objects.count()}, people {Person.objects.count()}, "
        f"mobilities {Mobility.objects.count()}"
    )
    from django.test import override_settings

    # Pages are rendered without `collectstatic`, as in the tests.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    client = Client()
    client.get("/observatory/?year=2000")  # the process's first request loads templates etc.
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for query in SLICES:
        cache.clear()
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(f"/observatory/{query}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        warm = sorted(times[1:]) or times
        p95 = warm[min(len(warm) - 1, int(len(warm) * 0.95))]
        print(
            f"/observatory/{query or '':45} cold {times[0]:7.0f} ms   warm median "
            f"{statistics.median(warm):6.0f} ms  p95 {p95:6.0f} ms"
        )
    after_a_change(client)


def after_a_change(client) -> None:
    """What a reader meets after a record changed where a task worker runs
    (AMUR_TASKS=database): the change retires every board, the worker computes the landing
    boards again in each language (timed here in-process), and the reader's first request
    for one of them is answered from the cache."""
    from amur.observatory import summary

    summary.records_changed()
    started = time.perf_counter()
    boards = summary.landing_boards_refresh()
    seconds = time.perf_counter() - started
    print(f"worker's refresh after a change: {boards} boards in {seconds:.1f} s")
    for s in summary.landing_slices():
        query = f"?year={s.year}" if s.year else ""
        started = time.perf_counter()
        response = client.get(f"/observatory/{query}", headers={"accept-language": "ru"})
        took = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        print(f"/observatory/{query:45} first request after the refresh {took:7.0f} ms")


if __name__ == "__main__":
    main()
