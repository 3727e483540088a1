# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The benchmark's report: the machine it ran on, and the results as JSON and Markdown."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path


def machine(connection) -> dict:
    """What the numbers were measured on: a shared machine's load is part of them."""
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
        "load_average": load_average(),
    }


def load_average() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def write(report: dict, directory: Path, name: str) -> tuple[Path, Path]:
    """Write ``name``.json and ``name``.md into ``directory``; returns both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    as_json = directory / f"{name}.json"
    as_markdown = directory / f"{name}.md"
    as_json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    as_markdown.write_text(markdown(report))
    return as_json, as_markdown


def _ms(value) -> str:
    return "–" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def markdown(report: dict) -> str:
    """The report as a Markdown page: scale, machine, one row per page and client count, the
    rush and the memory."""
    m = report["machine"]
    scale = report["scale"]
    lines = [
        f"# Amur benchmark, {report['started']}",
        "",
        f"Run with `{report['command']}`.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gb']} GB; {m['system']}",
        f"- Python {m['python']}; {m['database']}",
        f"- Server: `amur serve` (gunicorn), {report['server']['workers']} workers, cache "
        f"{report['server']['cache']}; load from `hey` on the same machine",
        "- Load average (1, 5, 15 min) "
        + "; ".join(f"{when}: {value}" for when, value in report["load_average"].items()),
    ]
    if report.get("shared_machine"):
        lines.append(f"- {report['shared_machine']}")
    lines += ["", "## Dataset", ""]
    wanted = scale.get("wanted", {})
    lines += ["| | in the database | the issue's figure |", "| --- | ---: | ---: |"]
    for key, value in scale["counts"].items():
        lines.append(f"| {key} | {value:,} | {wanted.get(key, 0):,} |")
    lines.append("")
    lines.append(scale["note"])
    if report.get("build_seconds"):
        steps = ", ".join(f"{k} {v:.0f} s" for k, v in report["build_seconds"].items())
        lines.append(f"Built in this run: {steps}.")
    else:
        lines.append("The dataset of an earlier run was reused (`--reuse-dataset`).")
    lines += [
        "",
        "## Pages and API lists",
        "",
        f"Each cell: {report['seconds_per_cell']} s of requests from the given number of "
        "concurrent clients (keep-alive, anonymous, as `hey` sends them). Requests/s counts "
        "every answer; failed = answers other than 2xx/3xx plus requests without an answer "
        "(hey gives up on a request after 20 s). A dash: hey reports no percentile that "
        "its cell has too few answers for (p99 needs about a hundred), which happens on the "
        "slow pages; a longer `--seconds` fills them.",
        "",
        "| page | URL | clients | requests/s | p50 ms | p95 ms | p99 ms | failed |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in report["pages"]:
        for cell in row["cells"]:
            lines.append(
                f"| {row['name']} | `{row['path']}` | {cell['clients']} | "
                f"{cell['requests_per_second']:.1f} | {_ms(cell['p50_ms'])} | "
                f"{_ms(cell['p95_ms'])} | {_ms(cell['p99_ms'])} | {cell['failed']} |"
            )
        if row.get("skipped"):
            lines.append(f"| {row['name']} | `{row['path']}` | – | skipped: {row['skipped']} |||||")
    rush = report.get("rush")
    if rush:
        lines += ["", "## Registration rush", ""]
        lines.append(
            f"One event, {rush['capacity']['online']:,} online places and "
            f"{rush['capacity']['in_person']:,} in-person seats; "
            f"{rush['registrants']['online']:,} and {rush['registrants']['in_person']:,} "
            f"anonymous registrants through the public API from {rush['clients']} concurrent "
            "clients, each registrant from its own address; then each held seat's "
            "confirmation link opened (page and button), as from the mail."
        )
        lines += [
            "",
            "| phase | tasks | seconds | per second | p50 ms | p95 ms | p99 ms | outcomes |",
        ]
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for phase in ("registering", "confirming"):
            r = rush[phase]
            outcomes = ", ".join(f"{k} {v:,}" for k, v in r["outcomes"].items())
            lines.append(
                f"| {phase} | {r['tasks']:,} | {r['seconds']:.1f} | {r['per_second']:.1f} | "
                f"{_ms(r['p50_ms'])} | {_ms(r['p95_ms'])} | {_ms(r['p99_ms'])} | {outcomes} |"
            )
        lines += [
            "",
            f"Registrations answered per second: {rush['registrations_per_second']:.1f}; "
            f"confirmed per minute from the first registration to the last confirmation: "
            f"{rush['confirmed_per_minute']:.0f}.",
            "",
            "| mode | capacity | confirmed | waitlisted | other | oversold |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for attendance, c in rush["counts"].items():
            other = sum(
                v
                for k, v in c.items()
                if k
                not in (
                    "capacity",
                    "seats_taken",
                    "confirmed",
                    "waitlisted",
                    "holding_a_seat",
                    "oversold",
                )
            )
            lines.append(
                f"| {attendance} | {c['capacity']:,} | {c.get('confirmed', 0):,} | "
                f"{c.get('waitlisted', 0):,} | {other:,} | {c['oversold']} |"
            )
    memory = report.get("memory")
    if memory:
        lines += ["", "## Memory after the run", ""]
        lines += [
            "| process | pid | RSS MB | PSS MB | USS MB |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        a = memory["arbiter"]
        lines.append(f"| arbiter | {a['pid']} | {a['rss_mb']} | {a['pss_mb']} | {a['uss_mb']} |")
        for w in memory["workers"]:
            lines.append(f"| worker | {w['pid']} | {w['rss_mb']} | {w['pss_mb']} | {w['uss_mb']} |")
        lines += [
            "",
            "RSS counts the pages a worker shares with the arbiter (the preloaded code) in "
            "full; PSS divides them among the sharers; USS is what the worker alone holds.",
        ]
    if report.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {note}" for note in report["notes"]]
    return "\n".join(lines) + "\n"
