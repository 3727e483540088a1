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
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The dump's reading and import are shared with `amur bench` (amur/bench/dataset.py).
from amur.bench.dataset import (  # noqa: E402 - after the checkout is on the path
    CACHE,
    benchmark_library,
    run_import,
    sdist,
)
from amur.bench.report import machine  # noqa: E402

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


# The known-item query set: Chinese and Russian records of the catalogue whose title no
# other record shares, each reduced to one script as a library of the other side would
# catalogue it, and looked up with what a reader of that side would type.  A query hits
# when its record is among the first three results.  Every change is rolled back.
#
# Reader's Latin for Cyrillic, worked out here rather than by the search's own tables: the
# English newspaper habit (BGN/PCGN without its dots) and the German one (Duden).
ENGLISH_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
GERMAN_LATIN = {
    **ENGLISH_LATIN,
    "в": "w",
    "е": "e",
    "ж": "sch",
    "з": "s",
    "й": "j",
    "х": "ch",
    "ц": "z",
    "ч": "tsch",
    "ш": "sch",
    "щ": "schtsch",
    "ы": "y",
    "ю": "ju",
    "я": "ja",
    "ё": "jo",
}
VOWELS = "аеёиоуыэюяьъ"


def reader_latin(cyrillic: str, table: dict[str, str]) -> str:
    """Cyrillic as a reader writes it in Latin: е is ye (je) at a word's start and after a
    vowel, the signs are dropped."""
    out, previous = [], " "
    for char in cyrillic.lower():
        latin = table.get(char, char)
        if char == "е" and (previous in VOWELS or not previous.isalpha()):
            latin = "je" if table is GERMAN_LATIN else "ye"
        out.append(latin)
        previous = char
    return "".join(out)


def slip(text: str) -> str:
    """One typing slip: two letters in the middle of the longest word swapped."""
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 6:
        return text
    middle = len(word) // 2
    words[longest] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return " ".join(words)


def main_title(title: str) -> str:
    for mark in (" : ", " = ", " / ", "：", "；"):
        title = title.split(mark)[0]
    return title.strip(" .;:/")


def surname(record) -> str:
    people = [a for a in record.authors if a.get("role") == "author"]
    return people[0]["name"].split(",")[0].strip() if people else ""


def _reduced_chinese(record, han_only: bool):
    """The record as a Chinese library (characters only) or a Western one without a Han
    font (pinyin only) would hold it, and what a reader of the other script types."""
    from pypinyin import lazy_pinyin
    from zhconv import convert

    han = main_title(record.title_original)
    pinyin = main_title(record.title)
    if han_only:
        record.title, record.title_original = record.title_original, ""
        record.authors = [
            {**a, "name": a["original"] or a["name"], "original": ""} for a in record.authors
        ]
        syllables = " ".join(s for s in lazy_pinyin(convert(han, "zh-cn")) if s.isalpha())
        return [syllables, pinyin.replace("'", "").lower(), "".join(syllables.split())]
    record.title_original = ""
    record.authors = [{**a, "original": ""} for a in record.authors]
    return [convert(han, "zh-cn"), convert(han, "zh-tw"), slip(pinyin)]


def _reduced_russian(record, cyrillic_only: bool):
    """The record as a Russian library (Cyrillic) or the Library of Congress (ALA-LC only)
    holds it, and what a reader types: Latin habits for the first, Cyrillic for both."""
    from amur.core.transliterate import ala_lc_to_cyrillic

    words = main_title(ala_lc_to_cyrillic(record.title)).split()[:4]
    name = ala_lc_to_cyrillic(surname(record))
    cyrillic = " ".join([*words, name]).replace("ё", "е")
    if cyrillic_only:
        record.title = ala_lc_to_cyrillic(record.title)
        record.other_title = ala_lc_to_cyrillic(record.other_title)
        record.responsibility = ala_lc_to_cyrillic(record.responsibility)
        record.authors = [{**a, "name": ala_lc_to_cyrillic(a["name"])} for a in record.authors]
        return [
            reader_latin(cyrillic, ENGLISH_LATIN),
            reader_latin(cyrillic, GERMAN_LATIN),
            slip(reader_latin(cyrillic, ENGLISH_LATIN)),
        ]
    return [cyrillic, slip(cyrillic), reader_latin(cyrillic, ENGLISH_LATIN)]


def run_known_items(per_script: int) -> dict:
    """Share of reader-typed queries that find their record in the first three results."""
    from django.db import transaction
    from django.db.models import Count

    from amur.library import marc, services
    from amur.library.models import Record
    from amur.library.selectors import records_search

    kinds = {
        "chinese": Record.objects.filter(languages__startswith="chi").exclude(title_original=""),
        "russian": Record.objects.filter(languages__startswith="rus", title_original=""),
    }
    report: dict = {}
    with transaction.atomic():
        for kind, candidates in kinds.items():
            # Titles no other record shares, counted among the records with the same
            # titles (a subquery over the whole catalogue took minutes on PostgreSQL).
            rows = list(candidates.order_by("pk").values_list("pk", "title_exact"))
            titles = {title for _pk, title in rows}
            shared = set(
                Record.objects.filter(title_exact__in=titles)
                .values("title_exact")
                .annotate(n=Count("id"))
                .filter(n__gt=1)
                .values_list("title_exact", flat=True)
            )
            pks = [pk for pk, title in rows if title not in shared]
            step = max(1, len(pks) // per_script) if pks else 1
            chosen = Record.objects.filter(pk__in=pks[::step][:per_script]).order_by("pk")
            queries = []
            for number, record in enumerate(chosen):
                one_script = number % 2 == 0
                reduce = _reduced_chinese if kind == "chinese" else _reduced_russian
                typed = reduce(record, one_script)
                values = services.record_values(record)
                for name, value in marc.record_keys(values).items():
                    setattr(record, name, value)
                record.save()
                services.search_words_add([record.search_keys])
                queries += [(q, record.pk) for q in typed if q.strip()]
            hits, misses = 0, []
            for query, pk in queries:
                found = records_search(query)
                if pk in found.values_list("pk", flat=True)[:3]:
                    hits += 1
                elif len(misses) < 15:
                    # Where the record stands (0: not found) among how many found.
                    ranked = list(found.values_list("pk", flat=True)[:1000])
                    place = ranked.index(pk) + 1 if pk in ranked else 0
                    misses.append(f"{query} ({place}/{found.count()})")
            report[kind] = {
                "records": len(chosen),
                "queries": len(queries),
                "top3_rate": round(hits / len(queries), 3) if queries else None,
                "missed_examples": misses,
            }
        transaction.set_rollback(True)
    total = sum(r["queries"] for r in report.values())
    found = sum(round(r["top3_rate"] * r["queries"]) for r in report.values() if r["queries"])
    report["top3_rate"] = round(found / total, 3) if total else None
    return report


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
    if not os.environ.get("AMUR_DATABASE_URL"):
        (ROOT / "var").mkdir(exist_ok=True)
        os.environ["AMUR_DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'library-benchmark.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# Queries typed as pinyin (the others are told apart by their characters).
PINYIN = {"pu xi jin", "zhongguo"}


def script_of(query: str) -> str:
    """The kind of query, as the issue's latency goal names them."""
    if any("\u4e00" <= char <= "\u9fff" for char in query):
        return "han"
    if any("\u0400" <= char <= "\u04ff" for char in query):
        return "cyrillic"
    if query in PINYIN:
        return "pinyin"
    return "isbn" if query.isdigit() else "latin"


def summary(times: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "runs": len(times),
    }


def run_searches(repeat: int) -> dict:
    """Latency of a catalogue page (count + first 25) and of its facets, over all queries,
    by kind of query (Latin, Cyrillic, Han, pinyin) and by query."""
    from amur.library.selectors import records_facets, records_search

    page: dict[str, list[float]] = {query: [] for query in QUERIES}
    facets: dict[str, list[float]] = {query: [] for query in QUERIES}
    hits = {}
    for _round in range(repeat):
        for query in QUERIES:
            started = time.perf_counter()
            found = records_search(query)
            hits[query] = found.count()
            list(found[:25])
            page[query].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            records_facets(found)
            facets[query].append((time.perf_counter() - started) * 1000)

    def grouped(times: dict[str, list[float]]) -> dict:
        kinds: dict[str, list[float]] = {}
        for query, values in times.items():
            kinds.setdefault(script_of(query), []).extend(values)
        return {
            **summary([value for values in times.values() for value in values]),
            "by_script": {kind: summary(values) for kind, values in kinds.items()},
            "by_query": {query: summary(values) for query, values in times.items()},
        }

    return {"page": grouped(page), "facets": grouped(facets), "hits": hits}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="records to import (all)")
    parser.add_argument("--batch", type=int, default=5000, help="records per import job")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of the query list")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the sdist is kept")
    parser.add_argument("--skip-import", action="store_true", help="search what is loaded")
    parser.add_argument(
        "--known-items", type=int, default=200, help="records of each script to look up (0: none)"
    )
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
    if args.known_items:
        report["known_items"] = run_known_items(args.known_items)
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
        for kind, k in s["by_script"].items():
            print(f"  {kind}: median {k['median_ms']} ms, p95 {k['p95_ms']} ms")
        slowest = sorted(s["by_query"].items(), key=lambda item: -item[1]["median_ms"])[:5]
        print("  slowest: " + ", ".join(f"{q} {t['median_ms']} ms" for q, t in slowest))
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
    known = report.get("known_items")
    if known:
        print(f"known items, record in the first three results: {known['top3_rate']}")
        for kind in ("chinese", "russian"):
            k = known[kind]
            print(
                f"  {kind}: {k['records']} records, {k['queries']} queries, rate {k['top3_rate']}; "
                f"missed e.g. {' | '.join(k['missed_examples'][:8])}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
