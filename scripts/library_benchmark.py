#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark of the library catalogue on real data: import rate and search latency.

Not a test.  Downloads pymarc's source distribution from PyPI (it ships the Library of
Congress "Books All 2016" part 01 dump, 250,000 MARC 21 records in UTF-8), imports the
first N records into a benchmark library through the real import service, then runs a
fixed list of cross-script queries and reports the median and 95th percentile latency of
a catalogue page (count + first 25 ranked records) and of its facets, and the cross-script
retrieval rate of a query set of groups (one name in several scripts; see CROSS_SCRIPT).
``--skip-import`` searches what an earlier run loaded.  The report names the machine (CPU,
cores, memory, database version, load average: the machine may be shared) and is also
written as JSON under var/benchmark/ (``--output`` elsewhere).

Runs on whatever AMUR_DATABASE_URL points to; when it is not set, on its own SQLite file
var/library-benchmark.sqlite3 (so a development database is not filled with 250,000
records).  The data is kept under var/benchmark/ (git ignores var/); never commit it.

    .venv/bin/python scripts/library_benchmark.py --limit 5000
    AMUR_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amur_bench \\
        .venv/bin/python scripts/library_benchmark.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "benchmark"
DUMP = "BooksAll.2016.part01.utf8"
PYMARC = "pymarc==5.4.0"  # the version whose sdist carries the dump (see data/SOURCE.md)
QUERIES = [
    "Pushkin",
    "Пушкин",
    "普希金",
    "pu xi jin",
    "Tolstoy",
    "Толстой",
    "Dostoevskii",
    "history",
    "China",
    "中国",
    "zhongguo",
    "Moskva",
    "Москва",
    "Khabarovsk",
    "poetry",
    "Lenin",
    "war and peace",
    "9785170545377",
    "music",
    "Shanghai",
]


# The cross-script query set: each group names one author, place or subject, first in the
# form the Library of Congress catalogues it (ALA-LC romanisation, English place names),
# then in the forms readers type (other transliterations, Cyrillic, Han, pinyin).  A form's
# retrieval rate is the share of the records the catalogue's own form finds that it finds
# too (substring matches included); a perfect cross-script search scores 1 for every form.
CROSS_SCRIPT = [
    ["Pushkin", "Пушкин", "Puschkin", "普希金"],
    ["Tolstoy", "Tolstoi", "Толстой", "托尔斯泰"],
    ["Dostoyevsky", "Dostoevskii", "Достоевский", "Dostojewski"],
    ["Chekhov", "Чехов", "Tschechow", "契诃夫"],
    ["Gorky", "Gorkii", "Горький"],
    ["Moscow", "Moskva", "Москва", "莫斯科"],
    ["Lenin", "Ленин", "列宁"],
    ["Stalin", "Сталин", "斯大林"],
    ["Siberia", "Сибирь"],
    ["Beijing", "北京", "bei jing", "Пекин"],
    ["Shanghai", "上海", "shang hai", "Шанхай"],
    ["Harbin", "哈尔滨", "Харбин", "ha er bin"],
    ["China", "中国", "Китай", "zhong guo"],
    ["Russia", "Россия", "俄罗斯"],
    ["Mao Zedong", "毛泽东"],
    ["Confucius", "孔子"],
]


def run_cross_script() -> dict:
    """Per group, the share of the catalogue form's records each other form finds."""
    from amur.library.selectors import records_search

    groups, rates = [], []
    for forms in CROSS_SCRIPT:
        found = {form: set(records_search(form).values_list("pk", flat=True)) for form in forms}
        reference = found[forms[0]]
        if not reference:
            groups.append({"forms": forms, "records": 0})
            continue
        per_form = {
            form: round(len(found[form] & reference) / len(reference), 3) for form in forms[1:]
        }
        rates.extend(per_form.values())
        groups.append({"forms": forms, "records": len(reference), "rate": per_form})
    return {
        "groups": groups,
        "mean_rate": round(statistics.mean(rates), 3) if rates else None,
        "groups_with_records": sum(1 for g in groups if g["records"]),
    }


def sdist(cache: Path) -> Path:
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


def records(archive: Path, limit: int | None):
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


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
    if not os.environ.get("AMUR_DATABASE_URL"):
        (ROOT / "var").mkdir(exist_ok=True)
        os.environ["AMUR_DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'library-benchmark.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def benchmark_library():
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


def run_import(library, archive: Path, limit: int | None, batch: int) -> dict:
    """Import in batches (each one import job, as a librarian's upload would be)."""
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
        print(f"  {read:>7} records read, {rate:8.1f} records/s", file=sys.stderr)
        chunk.clear()

    for number, record in enumerate(records(archive, limit), start=1):
        chunk.append(record)
        if len(chunk) == batch:
            flush(number)
    if chunk:
        flush(read + len(chunk))
    seconds = time.perf_counter() - started
    return {
        "read": read,
        "imported": imported,
        "updated": updated,
        "rejected": rejected,
        "seconds": round(seconds, 2),
        "records_per_second": round(read / seconds, 1),
    }


def machine(connection) -> dict:
    """What the numbers were measured on: a shared machine's load is part of them."""
    import platform

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read_lines("/proc/cpuinfo")
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next((line.split()[1] for line in _read_lines("/proc/meminfo")), None)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024**2, 1) if memory else None,
        "system": platform.platform(),
        "python": platform.python_version(),
        "database": f"{connection.vendor} {version}",
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_searches(repeat: int) -> dict:
    from amur.library.selectors import records_facets, records_search

    page, facets, hits = [], [], {}
    for _round in range(repeat):
        for query in QUERIES:
            started = time.perf_counter()
            found = records_search(query)
            hits[query] = found.count()
            list(found[:25])
            page.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            records_facets(found)
            facets.append((time.perf_counter() - started) * 1000)

    def summary(times):
        return {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "runs": len(times),
        }

    return {"page": summary(page), "facets": summary(facets), "hits": hits}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="records to import (all)")
    parser.add_argument("--batch", type=int, default=5000, help="records per import job")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the query list")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the sdist is kept")
    parser.add_argument("--skip-import", action="store_true", help="search what is loaded")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--output", type=Path, help="where to write the JSON report (var/benchmark/…)"
    )
    args = parser.parse_args()

    setup_django()
    from django.db import connection

    from amur.library.models import Record

    library = benchmark_library()
    report: dict = {
        "database": connection.vendor,
        "limit": args.limit,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(connection),
    }
    if not args.skip_import:
        archive = sdist(args.cache)
        print(f"importing from {archive.name} into {connection.vendor}", file=sys.stderr)
        report["import"] = run_import(library, archive, args.limit, args.batch)
    report["records_in_catalogue"] = Record.objects.count()
    report["search"] = run_searches(args.repeat)
    report["cross_script"] = run_cross_script()
    report["load_average_at_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    stamp = report["started"].replace(":", "").replace("-", "")
    output = args.output or CACHE / f"report-{connection.vendor}-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    m = report["machine"]
    print(
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['system']}, "
        f"Python {m['python']}, {m['database']}; load average {m['load_average']} at the "
        f"start, {report['load_average_at_end']} at the end"
    )
    print(f"database: {report['database']}, records: {report['records_in_catalogue']}")
    if "import" in report:
        i = report["import"]
        print(
            f"import: {i['read']} read, {i['imported']} new, {i['updated']} updated, "
            f"{i['rejected']} rejected in {i['seconds']} s = {i['records_per_second']} rec/s"
        )
    for name in ("page", "facets"):
        s = report["search"][name]
        print(f"search {name}: median {s['median_ms']} ms, p95 {s['p95_ms']} ms ({s['runs']} runs)")
    print("hits: " + ", ".join(f"{q}={n}" for q, n in report["search"]["hits"].items()))
    print(f"report written to {output}")
    cross = report["cross_script"]
    print(
        f"cross-script retrieval: mean rate {cross['mean_rate']} over "
        f"{cross['groups_with_records']} of {len(CROSS_SCRIPT)} groups with records"
    )
    for group in cross["groups"]:
        rates = ", ".join(f"{f}={r}" for f, r in group.get("rate", {}).items())
        print(f"  {' / '.join(group['forms'])}: {group['records']} records; {rates}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
