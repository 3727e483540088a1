# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The side-by-side table's arithmetic: ratios, rates per minute, medians, overselling."""

from amur.bench import peers


def test_ratio_divides_rates_by_the_peer_and_latencies_by_amur():
    assert peers.ratio(300.0, 100.0) == "3.0×"
    assert peers.ratio(20.0, 100.0, lower_is_better=True) == "5.0×"
    assert peers.ratio(50.0, 100.0) == "0.5×"


def test_ratio_is_a_dash_without_both_numbers_or_with_a_zero_divisor():
    assert peers.ratio(None, 100.0) == "–"
    assert peers.ratio(100.0, None) == "–"
    assert peers.ratio(100.0, 0.0) == "–"
    assert peers.ratio(0.0, 10.0, lower_is_better=True) == "–"


def test_oversold_counts_only_what_is_beyond_the_capacity():
    assert peers.oversold(54, 50) == 4
    assert peers.oversold(50, 50) == 0
    assert peers.oversold(12, 50) == 0


def test_per_minute():
    assert peers.per_minute(50, 20.0) == 150.0
    assert peers.per_minute(50, 0) is None


def test_summarise_takes_medians_and_the_worst_rush():
    page = [
        {"ok_per_second": rps, "p50_ms": p50, "p95_ms": p95}
        for rps, p50, p95 in [(10.0, 100.0, 300.0), (30.0, 50.0, 100.0), (20.0, None, 200.0)]
    ]
    rushes = [
        {"accepted": 50, "capacity": 50, "seconds": 30.0, "errors": 0},
        {"accepted": 54, "capacity": 50, "seconds": 60.0, "errors": 3},
    ]
    memory = {"arbiter": {"pss_mb": 9.0}, "workers": [{"pss_mb": 100.0}, {"pss_mb": 120.0}]}
    summary = peers.summarise({"event": page}, rushes, memory)
    assert summary["event_rps"] == 20.0
    assert summary["event_p50"] == 75.0  # the missing round is left out
    assert summary["event_p95"] == 200.0
    assert summary["rush_per_minute"] == 77.0  # median of 100 and 54
    assert summary["rush_accepted"] == "50, 54"
    assert summary["rush_oversold"] == 4
    assert summary["rush_errors"] == "0, 3"
    assert summary["worker_pss_mb"] == 110.0  # the workers', not the arbiter's


def test_table_has_a_ratio_column_per_peer_and_none_for_counts():
    summaries = {
        "Amur": {"event_rps": 90.0, "event_p95": 100.0, "rush_oversold": 0},
        "pretix": {"event_rps": 30.0, "event_p95": 400.0, "rush_oversold": 0},
        "Indico": {"event_rps": 45.0, "rush_oversold": 4},
    }
    lines = peers.table(summaries).splitlines()
    assert lines[0] == "|  | Amur | pretix | Indico | Amur vs pretix | Amur vs Indico |"
    rows = {line.split(" | ")[0].lstrip("| "): line for line in lines[2:]}
    assert rows["Event page, requests/s (16 clients)"].endswith("| 90 | 30 | 45 | 3.0× | 2.0× |")
    assert rows["Event page, p95 ms"].endswith("| 100 | 400 | – | 4.0× | – |")
    assert rows["Rush: accepted beyond capacity (worst round)"].endswith("| 0 | 0 | 4 |  |  |")


def test_errors_counts_only_the_runners_error_labels():
    outcomes = {"ordered": 50, "no_seat": 37, "error:ReadTimeout": 113, "error:ConnectionError": 2}
    assert peers.errors(outcomes) == 115
    assert peers.errors({"registered": 50, "refused": 150}) == 0
