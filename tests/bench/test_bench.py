# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The benchmark's own arithmetic: hey's summary read, percentiles, the rush's counting."""

import tarfile
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from amur.bench import dataset, load, report, rush, server
from amur.events.models import Registration
from tests.factories.directory import OrganisationFactory
from tests.factories.events import ModeFactory

SUMMARY = """
Summary:
  Total:\t10.0125 secs
  Slowest:\t0.5120 secs
  Fastest:\t0.0031 secs
  Average:\t0.0420 secs
  Requests/sec:\t380.1248

  Total data:\t6700 bytes
  Size/request:\t335 bytes

Latency distribution:
  10% in 0.0102 secs
  25% in 0.0171 secs
  50% in 0.0305 secs
  75% in 0.0480 secs
  90% in 0.0801 secs
  95% in 0.1203 secs
  99% in 0.3304 secs

Details (average, fastest, slowest):
  DNS+dialup:\t0.0003 secs, 0.0010 secs, 0.0291 secs

Status code distribution:
  [200]\t3790 responses
  [502]\t10 responses

Error distribution:
  [3]\tGet "http://127.0.0.1:8100/": context deadline exceeded
  [1]\tGet "http://127.0.0.1:8100/": EOF
"""

# Fewer answers than a 99th percentile needs: hey prints "0% in 0.0000 secs" in its place.
SHORT = """
Summary:
  Total:\t0.0573 secs
Latency distribution:
  10% in 0.0012 secs
  50% in 0.0021 secs
  95% in 0.0291 secs
  0% in 0.0000 secs

Status code distribution:
  [404]\t20 responses
"""


def test_summary_gives_rates_percentiles_statuses_and_errors():
    result = load.parse_summary(SUMMARY, url="http://x/", clients=16)

    assert (result.seconds, result.answered) == (10.0125, 3800)
    assert (result.requests_per_second, result.ok_per_second) == (379.5, 378.5)
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (30.5, 120.3, 330.4)
    assert result.statuses == {200: 3790, 502: 10}
    assert result.errors == {
        'Get "http://127.0.0.1:8100/": context deadline exceeded': 3,
        'Get "http://127.0.0.1:8100/": EOF': 1,
    }
    assert result.failed == 14


def test_summary_of_few_requests_has_no_99th_percentile_and_counts_errors_statuses():
    result = load.parse_summary(SHORT, url="http://x/", clients=2)

    assert (result.p50_ms, result.p95_ms, result.p99_ms) == (2.1, 29.1, None)
    assert result.ok_per_second == 0.0
    assert result.failed == 20


def test_output_without_a_summary_is_refused():
    with pytest.raises(load.LoadError):
        load.parse_summary("Usage: hey [options...] <url>", url="http://x/", clients=1)


def test_percentile_is_the_nearest_rank():
    values = [float(n) for n in range(100, 0, -1)]  # 100 … 1, unordered on purpose

    assert load.percentile(values, 0.5) == 50.0
    assert load.percentile(values, 0.95) == 95.0
    assert load.percentile(values, 0.99) == 99.0
    assert load.percentile(values, 1.0) == 100.0
    assert load.percentile(values, 0.0) == 1.0
    assert load.percentile([7.0], 0.99) == 7.0
    assert load.percentile([], 0.5) is None


def test_percentile_of_a_share_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="within 0 and 1"):
        load.percentile([1.0], 95)


def test_latency_summary_names_its_percentiles():
    assert load.latency_summary([1.0, 2.0, 3.0, 4.0]) == {
        "p50_ms": 2.0,
        "p95_ms": 4.0,
        "p99_ms": 4.0,
    }


def test_each_registrant_has_its_own_address():
    addresses = {rush.address(n) for n in range(70_000)}

    assert len(addresses) == 70_000
    assert rush.address(0) == "10.0.0.1"
    assert rush.address(255) == "10.0.1.0"


def test_rush_counts_outcomes_and_failures_of_every_task():
    def ok(session):
        time.sleep(0.01)
        return "confirmed"

    def broken(session):
        time.sleep(0.01)
        raise ConnectionError("refused")

    result = rush.run([ok, ok, broken, ok], clients=2)

    assert result.tasks == 4
    assert result.outcomes == {"confirmed": 3, "error:ConnectionError": 1}
    assert result.examples == {"error:ConnectionError": "refused"}
    assert result.rate("confirmed") == pytest.approx(3 / result.seconds, abs=0.1)


@pytest.mark.django_db
def test_counts_show_seats_held_beyond_the_capacity_as_oversold():
    mode = ModeFactory(capacity=2, attendance="online", seats_taken=2)
    for n, status in enumerate(["confirmed", "unconfirmed", "confirmed", "waitlisted"]):
        Registration.objects.create(
            event=mode.event, mode=mode, name=f"r{n}", email=f"r{n}@x.org", status=status
        )

    counts = rush.amur_counts(mode.event)

    assert counts == {
        "online": {
            "capacity": 2,
            "seats_taken": 2,
            "confirmed": 2,
            "unconfirmed": 1,
            "waitlisted": 1,
            "holding_a_seat": 3,
            "oversold": 1,
        }
    }


@pytest.mark.django_db
def test_rush_event_is_published_with_both_modes_and_their_capacities():
    OrganisationFactory()

    event = rush.amur_event(online=50, in_person=5, slug="rush")

    assert event.status == "published"
    assert {m.attendance: m.capacity for m in event.modes.all()} == {
        "in_person": 5,
        "online": 50,
    }


def test_memory_fields_are_read_in_kilobytes(tmp_path):
    status = tmp_path / "status"
    status.write_text("Name:\tgunicorn\nVmRSS:\t  204800 kB\nThreads:\t1\n")

    assert server._fields(status) == {"VmRSS": 204800}
    assert server._fields(tmp_path / "missing") == {}


def test_dump_records_are_read_by_their_length_prefix(tmp_path):
    dump = b"00010abcde" + b"00012fghijkl" + b"00007mn"
    source = tmp_path / dataset.DUMP
    source.write_bytes(dump)
    archive = tmp_path / "pymarc-5.4.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(source, arcname=f"pymarc-5.4.0/test/{dataset.DUMP}")

    assert list(dataset.records(archive, 2)) == [b"00010abcde", b"00012fghijkl"]
    assert list(dataset.records(archive, None))[-1] == b"00007mn"


def test_bench_refuses_any_database_but_a_postgresql_one_named_bench(settings):
    """On SQLite it asks for PostgreSQL; on PostgreSQL the test database's name (test_…)
    is not one it may drop and rebuild."""
    if connection.vendor == "postgresql":
        expected = "uses only databases whose name begins with bench"
    else:
        expected = "amur bench runs on PostgreSQL"
    with pytest.raises(CommandError, match=expected):
        call_command("bench", "--reuse-dataset")


def _report():
    cell = {
        "clients": 16,
        "requests_per_second": 120.0,
        "p50_ms": 40.0,
        "p95_ms": 150.0,
        "p99_ms": None,
        "failed": 0,
    }
    return {
        "started": "2026-12-03T14:00:00Z",
        "command": "amur bench --seconds 5",
        "machine": {
            "cpu": "AMD EPYC",
            "cores": 2,
            "memory_gb": 23.5,
            "system": "Linux",
            "python": "3.11.7",
            "database": "postgresql 15.20",
        },
        "server": {"workers": 2, "cache": "redis://127.0.0.1:6379/5"},
        "load_average": {"start": [1.0, 1.0, 1.0]},
        "shared_machine": "The machine was shared.",
        "scale": {
            "counts": {"events": 20_017},
            "wanted": {"events": 20_000},
            "note": "The dataset reaches every figure of the issue.",
        },
        "build_seconds": {},
        "seconds_per_cell": 5,
        "pages": [
            {"name": "event page", "path": "/events/x/", "cells": [cell]},
            {"name": "API people", "path": "/api/v1/p", "cells": [], "skipped": "HTTP 401"},
        ],
        "rush": None,
        "memory": None,
        "notes": ["Pages are cached."],
    }


def test_markdown_report_has_a_row_per_page_and_client_count():
    text = report.markdown(_report())

    assert "| event page | `/events/x/` | 16 | 120.0 | 40 | 150 | – | 0 |" in text
    assert "| API people | `/api/v1/p` | – | skipped: HTTP 401 |||||" in text
    assert "| events | 20,017 | 20,000 |" in text
    assert "- The machine was shared." in text
    assert "The dataset of an earlier run was reused" in text
