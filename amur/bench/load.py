# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Load on one URL with Debian's ``hey`` (``apt-get install -y hey``).

    result = run("http://127.0.0.1:8100/events/", clients=16, seconds=10)
    result.requests_per_second, result.p95_ms, result.statuses, result.errors

hey's summary is read rather than its ``-o csv`` rows: the CSV lists only the requests that
got an answer, so refused connections and timeouts would vanish from it, while the summary
counts them under "Error distribution". Its latency distribution (10 … 99 %) is taken over
every answered request, whatever the status.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, field

HEY = "hey"


class LoadError(RuntimeError):
    """hey is missing or printed nothing that could be read."""


@dataclass
class LoadResult:
    url: str
    clients: int
    seconds: float  # hey's measured total
    answered: int  # requests that got an HTTP answer (any status)
    requests_per_second: float  # answered / seconds
    ok_per_second: float  # 2xx and 3xx answers / seconds
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    statuses: dict[int, int] = field(default_factory=dict)  # status → count
    errors: dict[str, int] = field(default_factory=dict)  # message → count (no answer)

    @property
    def failed(self) -> int:
        """Requests without a 2xx/3xx answer: other statuses plus errors."""
        bad = sum(n for status, n in self.statuses.items() if not 200 <= status < 400)
        return bad + sum(self.errors.values())

    def as_dict(self) -> dict:
        return {**asdict(self), "failed": self.failed}


def available() -> bool:
    return shutil.which(HEY) is not None


def run(
    url: str,
    *,
    clients: int,
    seconds: float,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    body: str | None = None,
    content_type: str | None = None,
    timeout: float = 20,
    keepalive: bool = True,
) -> LoadResult:
    """Send requests to ``url`` from ``clients`` concurrent clients for ``seconds`` seconds.

    ``headers`` go with every request (e.g. ``{"Accept-Language": "ru"}``); ``timeout`` is
    each request's, in seconds. Compression is left on (as a browser asks for it).
    Raises LoadError if hey is not installed or its output cannot be read."""
    if not available():
        raise LoadError("hey is not installed (apt-get install -y hey)")
    command = [HEY, "-z", f"{seconds:g}s", "-c", str(clients), "-t", f"{timeout:g}"]
    command += ["-m", method]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if body is not None:
        command += ["-d", body]
    if content_type:
        command += ["-T", content_type]
    if not keepalive:
        command.append("-disable-keepalive")
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise LoadError(f"hey exited with {done.returncode}: {done.stderr.strip()[:500]}")
    return parse_summary(done.stdout, url=url, clients=clients)


_NUMBER = r"([0-9]+(?:\.[0-9]+)?)"


def parse_summary(text: str, *, url: str, clients: int) -> LoadResult:
    """A LoadResult from hey's summary output (its default, not ``-o csv``)."""
    total = re.search(rf"^\s*Total:\s+{_NUMBER} secs", text, re.MULTILINE)
    if total is None:
        raise LoadError(f"no summary in hey's output: {text.strip()[:300]!r}")
    seconds = float(total.group(1))
    latency = {
        int(share): float(value) * 1000
        for share, value in re.findall(rf"^\s*(\d+)% in {_NUMBER} secs", text, re.MULTILINE)
    }
    statuses = {
        int(status): int(count)
        for status, count in re.findall(r"^\s*\[(\d{3})\]\s+(\d+) responses", text, re.MULTILINE)
    }
    errors: dict[str, int] = {}
    if "Error distribution:" in text:
        section = text.split("Error distribution:", 1)[1]
        for count, message in re.findall(r"^\s*\[(\d+)\]\s+(.+)$", section, re.MULTILINE):
            errors[message.strip()] = errors.get(message.strip(), 0) + int(count)
    answered = sum(statuses.values())
    ok = sum(n for status, n in statuses.items() if 200 <= status < 400)
    return LoadResult(
        url=url,
        clients=clients,
        seconds=seconds,
        answered=answered,
        requests_per_second=round(answered / seconds, 1) if seconds else 0.0,
        ok_per_second=round(ok / seconds, 1) if seconds else 0.0,
        p50_ms=_rounded(latency.get(50)),
        p95_ms=_rounded(latency.get(95)),
        p99_ms=_rounded(latency.get(99)),
        statuses=statuses,
        errors=errors,
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` in 0…1): the smallest value that at least
    ``share`` of the values do not exceed; None for no values. (hey's own distribution takes
    the value one rank above it, which differs only within a few requests' worth.)"""
    if not values:
        return None
    if not 0 <= share <= 1:
        raise ValueError(f"share must be within 0 and 1, not {share}")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def latency_summary(milliseconds: list[float]) -> dict[str, float | None]:
    """p50, p95 and p99 of latencies measured outside hey, in ms."""
    return {
        f"p{int(share * 100)}_ms": _rounded(percentile(milliseconds, share))
        for share in (0.5, 0.95, 0.99)
    }
