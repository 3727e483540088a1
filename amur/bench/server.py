# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Start and stop ``amur serve`` (gunicorn, the production server) for a measurement.

    server = start(port=8100, database_url="postgres://postgres@127.0.0.1:5432/bench_amur")
    try:
        ...  # measure server.url
        memory = worker_memory(server)
    finally:
        stop(server)

The server runs with production settings (no debug), its own secret key, a Redis cache when
one is given and mails kept in memory (a rush sends thousands). Its output goes to a log file.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


class ServerError(RuntimeError):
    """The server did not come up (the message ends with the last lines of its log)."""


@dataclass
class Server:
    process: subprocess.Popen
    url: str  # http://127.0.0.1:PORT, no trailing slash
    port: int
    workers: int
    log: Path
    env: dict[str, str]

    @property
    def pid(self) -> int:
        """The gunicorn arbiter (``amur serve`` replaces itself with it)."""
        return self.process.pid


def server_env(
    *,
    database_url: str,
    port: int,
    cache_url: str = "",
    proxy_count: int = 0,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The environment ``amur serve`` runs with: production settings on ``database_url``.

    ``proxy_count`` > 0 makes the server take the client's address from X-Forwarded-For
    (AMUR_PROXY_COUNT), so that a rush from one machine is seen as many clients, each with
    its own limit of registrations per hour. ``extra`` overrides anything."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AMUR_") and not key.startswith("DJANGO_")
    }
    env.update(
        {
            "AMUR_SECRET_KEY": secrets.token_urlsafe(50),
            "AMUR_DATABASE_URL": database_url,
            "AMUR_ALLOWED_HOSTS": f"{HOST},localhost",
            "AMUR_SITE_URL": f"http://{HOST}:{port}",
            "AMUR_EMAIL_URL": "locmem:",
            "AMUR_PROXY_COUNT": str(proxy_count),
            "AMUR_LOG_LEVEL": "ERROR",
        }
    )
    if cache_url:
        env["AMUR_CACHE_URL"] = cache_url
    env.update(extra or {})
    return env


def amur(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    """Run ``amur ARGS`` (this checkout's) with ``env``; output captured."""
    command = [sys.executable, "-m", "amur", *args]
    return subprocess.run(command, env=env, cwd=ROOT, check=check, capture_output=True, text=True)


def start(
    *,
    port: int,
    database_url: str,
    workers: int = 2,
    cache_url: str = "",
    proxy_count: int = 0,
    extra_env: dict[str, str] | None = None,
    log: Path | None = None,
    collect_static: bool = True,
    timeout: float = 180,
) -> Server:
    """Start ``amur serve --workers WORKERS`` on 127.0.0.1:PORT and return once /healthz
    answers 200 and every worker has warmed up. The database must be migrated already.

    ``collect_static`` runs ``amur collectstatic`` first (the production storage needs its
    manifest). Raises ServerError, with the log's tail, if the server exits or does not
    answer within ``timeout`` seconds."""
    env = server_env(
        database_url=database_url,
        port=port,
        cache_url=cache_url,
        proxy_count=proxy_count,
        extra=extra_env,
    )
    if collect_static:
        amur("collectstatic", "--noinput", "-v0", env=env)
    log = log or ROOT / "var" / "bench" / f"server-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "amur",
                "serve",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(workers),
            ],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://{HOST}:{port}", port, workers, log, env)
    try:
        wait_healthy(server, timeout=timeout)
    except ServerError:
        stop(server)
        raise
    return server


def wait_healthy(server: Server, *, timeout: float = 180) -> None:
    """Wait until /healthz answers 200 and all workers are forked and warmed (gunicorn's
    workers warm up before they accept, so the first answer may come from one worker while
    others still load)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise ServerError(f"amur serve exited with {code}\n{_tail(server)}")
        # A worker answers only after its warm-up, so ask until each has had its turn.
        forked = len(worker_pids(server)) >= server.workers
        if forked and all(_healthy(server.url) for _ in range(server.workers * 2)):
            return
        time.sleep(0.5)
    raise ServerError(f"amur serve did not answer in {timeout:.0f} s\n{_tail(server)}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=30) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _tail(server: Server, lines: int = 30) -> str:
    try:
        return "\n".join(server.log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def stop(server: Server, *, timeout: float = 30) -> int | None:
    """Stop the server gracefully (SIGTERM to the arbiter, which stops its workers), killing
    its process group if it has not exited within ``timeout`` seconds. Returns the exit code."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()
    return server.process.returncode


def worker_pids(server: Server) -> list[int]:
    """The arbiter's child processes (gunicorn's workers), from /proc."""
    return children(server.pid)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def memory_of(pid: int) -> dict[str, float]:
    """A process's memory in MB from /proc/PID/status and smaps_rollup: ``rss`` as the
    kernel counts it, ``pss`` (shared pages divided among the processes sharing them, so
    the workers' PSS add up to what they really take) and ``uss`` (private, what a worker
    adds)."""
    status = _fields(Path(f"/proc/{pid}/status"))
    rollup = _fields(Path(f"/proc/{pid}/smaps_rollup"))
    private = rollup.get("Private_Clean", 0) + rollup.get("Private_Dirty", 0)
    return {
        "rss_mb": round(status.get("VmRSS", 0) / 1024, 1),
        "pss_mb": round(rollup.get("Pss", 0) / 1024, 1),
        "uss_mb": round(private / 1024, 1),
    }


def _fields(path: Path) -> dict[str, int]:
    """``Name:   123 kB`` lines as {name: kB}; empty when the file cannot be read."""
    values = {}
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return values
    for line in lines:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            values[name.strip()] = int(parts[0])
    return values


def worker_memory(server: Server) -> dict:
    """Memory of the arbiter and of each worker now (call it after the run)."""
    return {
        "arbiter": {"pid": server.pid, **memory_of(server.pid)},
        "workers": [{"pid": pid, **memory_of(pid)} for pid in worker_pids(server)],
    }
