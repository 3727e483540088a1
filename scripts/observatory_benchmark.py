#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark of the observatory's summary dashboard (issue 18, part 9).

Not a test.  Loads ``amur demo --scale N`` into its own database (SQLite file
var/observatory-benchmark.sqlite3 unless AMUR_DATABASE_URL is set), then asks the summary
page for a fixed list of slices, each several times, and reports the median and 95th
percentile latency of the first (cold) and the following (warm, cached) answers, with the
number of events, people and mobilities behind them.

    .venv/bin/python scripts/observatory_benchmark.py --scale 100
    AMUR_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amur_bench \\
        .venv/bin/python scripts/observatory_benchmark.py --scale 100

``--scale 100`` gives 20,000 synthetic events and 5,000 people from the events and
directory demos; the mobility demo adds no synthetic stays yet, so the issue's 200,000
people and 50,000 mobilities need those demos to grow first (the script prints what it had).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLICES = [
    "",
    "?year=2024",
    "?year=2024&place=harbin",
    "?year=2023&field=music&sector=folk",
    "?direction=ru_cn",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded database")
    args = parser.parse_args()
    os.environ.setdefault(
        "AMUR_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'observatory-benchmark.sqlite3'}"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
    # Production settings (no DEBUG query log to slow the pages); a throwaway key.
    os.environ.setdefault("AMUR_SECRET_KEY", "observatory-benchmark-only")
    sys.path.insert(0, str(ROOT))
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
    print(f"events {Event.objects.count()}, people {Person.objects.count()}, "
          f"mobilities {Mobility.objects.count()}")  # fmt: skip
    from django.test import override_settings

    # Pages are rendered without `collectstatic`, as in the tests.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    client = Client()
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
        print(f"/observatory/{query or '':45} cold {times[0]:7.0f} ms   warm median "
              f"{statistics.median(warm):6.0f} ms  p95 {p95:6.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
