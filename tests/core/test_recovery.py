# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""With PostgreSQL stopped, the production server answers 503 in the reader's language, and
it recovers by itself when the database returns (issue 12, part 6).

The test starts a PostgreSQL cluster of its own in a temporary folder (never the shared
server), migrates it, serves Amur on it with ``amur serve`` as in production, stops and
restarts the cluster, and asks the same server process throughout.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.pg import postgres_only

pytestmark = postgres_only


def _bin(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A throwaway PostgreSQL cluster (run as the ``postgres`` user when we are root)."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, _port()
        self.data, self.log = folder / "data", folder / "postgres.log"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_owner, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
        self.run(
            _bin("initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            _bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start"
        )

    def stop(self) -> None:
        self.run(_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


def _get(url: str, language: str = "en") -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": f"amur_language={language}"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def _until(check, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.5)


@pytest.fixture
def cluster():
    if not (_bin("initdb") and _bin("pg_ctl")):
        reason = "PostgreSQL's initdb and pg_ctl are not on this machine"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="amur-pg-"))
    folder.chmod(0o755)
    made = Cluster(folder)
    made.init()
    made.start()
    try:
        yield made
    finally:
        subprocess.run(
            [*made.as_owner, _bin("pg_ctl"), "-D", str(made.data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def server(cluster, tmp_path):
    """``amur serve`` on the throwaway cluster, production settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("AMUR_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    port = _port()
    env.update(
        AMUR_DATABASE_URL=cluster.url,
        AMUR_SECRET_KEY=secrets.token_urlsafe(50),
        AMUR_VAR_DIR=str(tmp_path / "var"),
        AMUR_BIND=f"127.0.0.1:{port}",
    )
    amur = [sys.executable, "-m", "amur"]
    for command in (["migrate", "--verbosity", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([*amur, *command], env=env, check=True, capture_output=True, timeout=600)
    process = subprocess.Popen(
        [*amur, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert _until(lambda: _get(base + "/healthz")[0] == 200), "amur serve did not start"
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_stopped_database_gives_503_pages_and_the_server_recovers_without_restart(
    cluster, server
):
    base, process = server
    before = _get(base + "/events/", "ru")

    cluster.stop()
    down = _get(base + "/events/", "ru")
    health = _get(base + "/healthz")
    cluster.start()
    back = _until(lambda: _get(base + "/events/", "ru")[0] == 200, seconds=30)

    assert before[0] == 200
    assert down[0] == 503
    assert "База данных не отвечает" in down[1]
    assert health == (503, '{"status": "error", "database": "unreachable"}')
    assert back, "the server did not recover after the database returned"
    assert process.poll() is None  # the same server process, never restarted
