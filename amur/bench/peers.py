# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Side by side with pretix and Indico (issue 19, part 2): their registrants' flows as rush
tasks, the counts read from their databases, and the one table with ratios.

The driver is ``scripts/bench_peers.py``: it installs the peers in their own virtual
environments under var/peers/, serves each with gunicorn and measures them interleaved with
Amur. Nothing here imports pretix or Indico; they are spoken to over HTTP and SQL only.

A pretix registrant buys a free ticket: the event page, the cart, the e-mail question, the
confirmation; the completed order is the registration. An Indico registrant opens the
registration form and sends it (JSON, as the form's own script does).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

import requests

from amur.bench.rush import Task

# A peer's request may wait this long (s), as a browser would: pretix queues a rush's requests
# for minutes on this machine, and a registrant who gives up leaves a cart holding a seat.
TIMEOUT = 300

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_CSRF_META = re.compile(r'name="csrf-token" id="csrf-token" content="([^"]+)"')


def pretix_order_task(base_url: str, organizer: str, event: str, item: int, index: int) -> Task:
    """One visitor ordering one free ticket of ``item``; labels: ``ordered`` (an order was
    placed), ``no_seat`` (the cart stayed empty: sold out), else the step that failed."""
    page = f"{base_url}/{organizer}/{event}/"

    def task(session: requests.Session) -> str:
        answer = session.get(page, timeout=TIMEOUT)
        token = session.cookies.get("pretix_csrftoken")
        if answer.status_code != 200 or not token:
            return f"page:{answer.status_code}"
        session.post(
            f"{page}cart/add",
            data={"csrfmiddlewaretoken": token, f"item_{item}": "1"},
            headers={"Referer": page},
            timeout=TIMEOUT,
        )
        questions = session.get(f"{page}checkout/start", timeout=TIMEOUT)
        if "/checkout/questions/" not in questions.url:
            return "no_seat"
        found = _CSRF_INPUT.search(questions.text)
        if found is None:
            return f"questions:{questions.status_code}"
        confirm = session.post(
            questions.url,
            data={"csrfmiddlewaretoken": found.group(1), "email": f"rush-{index}@bench.test"},
            headers={"Referer": questions.url},
            timeout=TIMEOUT,
        )
        found = _CSRF_INPUT.search(confirm.text)
        if "/checkout/confirm/" not in confirm.url or found is None:
            return f"confirm-page:{confirm.status_code}"
        order = session.post(
            confirm.url,
            data={"csrfmiddlewaretoken": found.group(1)},
            headers={"Referer": confirm.url},
            timeout=TIMEOUT,
        )
        return "ordered" if "/order/" in order.url else f"order:{order.status_code}"

    return task


def indico_registration_task(base_url: str, event: int, regform: int, index: int) -> Task:
    """One anonymous visitor opening an Indico registration form and sending it; labels:
    ``registered``, ``refused`` (Indico's "You cannot register"), else the HTTP status."""
    url = f"{base_url}/event/{event}/registrations/{regform}/"
    data = {
        "first_name": "Rush",
        "last_name": f"Registrant {index}",
        "email": f"rush-{index}@bench.test",
        "affiliation": "",
    }

    def task(session: requests.Session) -> str:
        form = session.get(url, timeout=TIMEOUT)
        found = _CSRF_META.search(form.text)
        if form.status_code != 200 or found is None:
            return f"form:{form.status_code}"
        answer = session.post(
            url,
            json=data,
            headers={"X-CSRF-Token": found.group(1), "Referer": url},
            timeout=TIMEOUT,
        )
        if answer.status_code == 200 and "redirect" in answer.text:
            return "registered"
        if "cannot register" in answer.text:
            return "refused"
        return str(answer.status_code)

    return task


# Counted from the peers' databases, never from their answers.

PRETIX_COUNT = """
    SELECT
      (SELECT count(*) FROM pretixbase_orderposition p
         JOIN pretixbase_order o ON o.id = p.order_id
        WHERE o.event_id = e.id AND o.status IN ('p', 'n') AND NOT p.canceled),
      (SELECT count(*) FROM pretixbase_cartposition c WHERE c.event_id = e.id)
    FROM pretixbase_event e JOIN pretixbase_organizer g ON g.id = e.organizer_id
    WHERE g.slug = %s AND e.slug = %s
"""

INDICO_COUNT = """
    SELECT count(*) FROM event_registration.registrations
    WHERE registration_form_id = %s AND NOT is_deleted AND state NOT IN (3, 4)
"""


def oversold(accepted: int, capacity: int) -> int:
    """Registrations accepted beyond the capacity (0 when within it)."""
    return max(0, accepted - capacity)


def per_minute(count: int, seconds: float) -> float | None:
    return round(count * 60 / seconds, 1) if seconds > 0 else None


def ratio(amur: float | None, peer: float | None, *, lower_is_better: bool = False) -> str:
    """Amur's advantage over a peer as ``"3.2×"``: Amur ÷ peer for rates, peer ÷ Amur for
    latencies; ``"–"`` when either is missing or the divisor is 0."""
    if amur is None or peer is None:
        return "–"
    top, bottom = (peer, amur) if lower_is_better else (amur, peer)
    if not bottom:
        return "–"
    return f"{top / bottom:.1f}×"


def median(values: Sequence[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return round(statistics.median(present), 1) if present else None


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# (key in a system's summary, row label, lower is better)
ROWS = [
    ("event_rps", "Event page, requests/s (16 clients)", False),
    ("event_p50", "Event page, p50 ms", True),
    ("event_p95", "Event page, p95 ms", True),
    ("calendar_rps", "Calendar, requests/s (16 clients)", False),
    ("calendar_p50", "Calendar, p50 ms", True),
    ("calendar_p95", "Calendar, p95 ms", True),
    ("rush_per_minute", "Rush: registrations accepted per minute", False),
    ("rush_accepted", "Rush: accepted (capacity 50, per round)", None),
    ("rush_oversold", "Rush: accepted beyond capacity (worst round)", None),
    ("rush_errors", "Rush: requests unanswered or failed (per round)", None),
    ("worker_pss_mb", "Memory per worker after the run, PSS MB", True),
]


def table(summaries: dict[str, dict], *, peers: Sequence[str] = ("pretix", "Indico")) -> str:
    """The Markdown table: one row per measure, a column per system (Amur first) and a ratio
    column "Amur vs X" per peer. Counts (accepted, oversold) get no ratio."""
    names = ["Amur", *peers]
    head = ["", *names, *(f"Amur vs {peer}" for peer in peers)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, label, lower in ROWS:
        values = [summaries.get(name, {}).get(key) for name in names]
        cells = [label, *(_cell(value) for value in values)]
        for peer_value in values[1:]:
            if lower is None:
                cells.append("")
            else:
                cells.append(ratio(values[0], peer_value, lower_is_better=lower))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def errors(outcomes: dict[str, int]) -> int:
    """Registrants whose flow ended without an answer or with a failure (``rush.run``'s
    ``error:…`` labels)."""
    return sum(count for label, count in outcomes.items() if label.startswith("error:"))


def summarise(pages: dict[str, list[dict]], rushes: list[dict], memory: dict | None = None) -> dict:
    """A system's medians over its rounds: ``pages[page]`` lists LoadResult dicts per round,
    ``rushes`` lists ``{"accepted", "capacity", "seconds"}`` per round; ``memory`` is
    ``server.worker_memory``'s answer (the workers' mean PSS is kept)."""
    summary: dict = {}
    workers = (memory or {}).get("workers") or []
    if workers:
        summary["worker_pss_mb"] = round(statistics.mean(w["pss_mb"] for w in workers), 1)
    for page, rounds in pages.items():
        summary[f"{page}_rps"] = median([r["ok_per_second"] for r in rounds])
        summary[f"{page}_p50"] = median([r["p50_ms"] for r in rounds])
        summary[f"{page}_p95"] = median([r["p95_ms"] for r in rounds])
    if rushes:
        summary["rush_per_minute"] = median(
            [per_minute(r["accepted"], r["seconds"]) for r in rushes]
        )
        summary["rush_accepted"] = ", ".join(str(r["accepted"]) for r in rushes)
        summary["rush_oversold"] = max(oversold(r["accepted"], r["capacity"]) for r in rushes)
        summary["rush_errors"] = ", ".join(str(r.get("errors", 0)) for r in rushes)
    return summary
