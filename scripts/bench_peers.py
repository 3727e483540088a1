#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Amur side by side with pretix and Indico on this machine (issue 19, part 2).

    .venv/bin/python scripts/bench_peers.py [--rounds 3] [--rush-rounds 2] [--fresh | --clean]

Installs pretix (PyPI, Python 3.11) and Indico (PyPI, Python 3.12, --ignore-requires-python)
each in its own virtual environment under var/peers/ (gitignored; nothing of theirs is
committed), sets each up on the same PostgreSQL (databases peers_amur, peers_pretix,
peers_indico) and Redis (db 6: Amur and pretix, each with its key prefix; db 8: Indico),
creates a comparable public event in each, serves each with gunicorn and two workers, and
measures them in interleaved rounds (Amur, pretix, Indico, Amur, …): the event page and the
calendar at 16 clients with hey, and a rush of 200 registrants for 50 seats. Writes
bench/results/peers.md and peers.json. Reruns reuse the venvs and databases (each rush gets
fresh events); --fresh rebuilds both; --clean only drops the databases and empties the Redis
dbs. Every server it starts is stopped at the end, also on an error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402  (after the checkout is on the path)
import redis  # noqa: E402

from amur.bench import load, peers, report, rush, server  # noqa: E402

PEERS = ROOT / "var" / "peers"
RESULTS = ROOT / "bench" / "results"  # where amur bench writes its report too
PYTHON_311 = "/root/.pyenv/versions/3.11.7/bin/python"
PYTHON_312 = "/root/.pyenv/versions/3.12.1/bin/python"
PRETIX = "pretix==2026.8.0"
INDICO = "indico==3.3.14"
GUNICORN = "gunicorn==27.0.1"
HOST = "127.0.0.1"
PORTS = {"Amur": 8200, "pretix": 8210, "Indico": 8220}
POSTGRES = f"postgres://postgres@{HOST}:5432"
DATABASES = {"Amur": "peers_amur", "pretix": "peers_pretix", "Indico": "peers_indico"}
REDIS = f"redis://{HOST}:6379"
CAPACITY = 50
LISTED = 20  # upcoming events besides the rush's, in each system (scripts/peers/*_setup.py)
REGISTRANTS = 200
CLIENTS = 16
WORKERS = 2
AMUR_SCALE = 1


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def run(command: list[str], *, env: dict | None = None, capture: bool = False) -> str:
    """Run a setup step; its output goes to var/peers/setup.log (or is returned)."""
    with (PEERS / "setup.log").open("a") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        done = subprocess.run(
            command,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE if capture else out,
            stderr=out,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} … exited with {done.returncode}; see var/peers/setup.log")
    return done.stdout or ""


def database(name: str, *, fresh: bool, extensions: tuple[str, ...] = ()) -> tuple[str, bool]:
    """The database's URL, and whether it had to be created (then its set-up is redone)."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        created = exists.fetchone() is None
        if created:
            connection.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(f"{POSTGRES}/{name}", autocommit=True) as connection:
        for extension in extensions:
            connection.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
    return f"{POSTGRES}/{name}", created


def clean() -> None:
    """Drop the three databases and empty Redis dbs 6 and 8 (the venvs stay; the next run
    sets everything up again)."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        for name in DATABASES.values():
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for number in (6, 8):
        redis.Redis.from_url(f"{REDIS}/{number}").flushdb()


def venv(name: str, python: str, packages: list[str], *, fresh: bool, pip_args=()) -> Path:
    """var/peers/<name>-venv with ``packages``; reused while its marker names the same ones."""
    path = PEERS / f"{name}-venv"
    marker = path / ".peers-installed"
    wanted = " ".join(packages)
    if fresh and path.exists():
        shutil.rmtree(path)
    if marker.exists() and marker.read_text() == wanted:
        return path
    log(f"installing {wanted} into var/peers/{path.name}")
    run([python, "-m", "venv", "--clear", str(path)])
    run([str(path / "bin" / "pip"), "install", "--quiet", *pip_args, *packages])
    marker.write_text(wanted)
    return path


def once(marker: str, *, fresh: bool) -> bool:
    """True if the step named ``marker`` has still to be done (then it is marked done by
    ``done``)."""
    path = PEERS / f".{marker}"
    if fresh:
        path.unlink(missing_ok=True)
    return not path.exists()


def done(marker: str) -> None:
    (PEERS / f".{marker}").touch()


# pretix


def pretix_prepare(*, fresh: bool, rounds: int) -> dict:
    path = venv("pretix", PYTHON_311, [PRETIX, GUNICORN], fresh=fresh)
    data = PEERS / "pretix-data"
    data.mkdir(exist_ok=True)
    (PEERS / "pretix.cfg").write_text(
        "[pretix]\ninstance_name=peers\n"
        f"url=http://{HOST}:{PORTS['pretix']}\ncurrency=EUR\ndatadir={data}\n"
        "[django]\nsecret=peers-benchmark-only\ndebug=off\n"
        f"[database]\nbackend=postgresql\nname={DATABASES['pretix']}\nuser=postgres\n"
        f"host={HOST}\nport=5432\n"
        f"[redis]\nlocation={REDIS}/6\nsessions=true\n"
        "[mail]\nfrom=noreply@localhost\n"
    )
    # Mails are dropped (no mail server here); the cache keys get pretix's own prefix, as
    # Amur shares Redis db 6 with it.
    (data / "peers_settings.py").write_text(
        "from pretix.settings import *  # noqa: F403\n"
        "EMAIL_BACKEND = 'django.core.mail.backends.dummy.EmailBackend'\n"
        "for _cache in CACHES.values():  # noqa: F405\n"
        "    _cache['KEY_PREFIX'] = 'pretix'\n"
    )
    env = {
        "PRETIX_CONFIG_FILE": str(PEERS / "pretix.cfg"),
        "PYTHONPATH": str(data),
        "DJANGO_SETTINGS_MODULE": "peers_settings",
    }
    _url, created = database(DATABASES["pretix"], fresh=fresh)
    python = str(path / "bin" / "python")
    if once("pretix-ready", fresh=fresh or created):
        log("pretix: migrate and build its static files (several minutes the first time)")
        run([python, "-m", "pretix", "migrate", "--noinput"], env=env)
        for command in ("compilejsi18n", "collectstatic --noinput", "compress"):
            run([python, "-m", "pretix", *command.split()], env=env)
        done("pretix-ready")
    setup = ROOT / "scripts" / "peers" / "pretix_setup.py"
    output = run(
        [python, str(setup)],
        env={**env, "PEERS_ROUNDS": str(rounds), "PEERS_LISTED_EVENTS": str(LISTED)},
        capture=True,
    )
    return {"env": env, "bin": path / "bin", "data": json.loads(output.strip().splitlines()[-1])}


# Indico


def indico_prepare(*, fresh: bool, rounds: int) -> dict:
    path = venv(
        "indico",
        PYTHON_312,
        [INDICO, GUNICORN],
        fresh=fresh,
        pip_args=("--ignore-requires-python",),
    )
    data = PEERS / "indico-data"
    for sub in ("log", "tmp", "cache", "archive", "etc"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    sample = next((path / "lib").glob("python*/site-packages/indico/logging.yaml.sample"))
    shutil.copy(sample, data / "etc" / "logging.yaml")
    (data / "etc" / "indico.conf").write_text(
        f"SQLALCHEMY_DATABASE_URI = '{POSTGRES.replace('postgres://', 'postgresql://')}"
        f"/{DATABASES['Indico']}'\n"
        "SECRET_KEY = 'peers-benchmark-only-peers-benchmark-only'\n"
        f"BASE_URL = 'http://{HOST}:{PORTS['Indico']}'\n"
        f"CELERY_BROKER = '{REDIS}/8'\nREDIS_CACHE_URL = '{REDIS}/8'\n"
        "DEFAULT_TIMEZONE = 'UTC'\nDEFAULT_LOCALE = 'en_GB'\nENABLE_ROOMBOOKING = False\n"
        f"CACHE_DIR = '{data}/cache'\nTEMP_DIR = '{data}/tmp'\nLOG_DIR = '{data}/log'\n"
        f"STORAGE_BACKENDS = {{'default': 'fs:{data}/archive'}}\n"
        "ATTACHMENT_STORAGE = 'default'\n"
        "NO_REPLY_EMAIL = 'noreply@localhost'\nSUPPORT_EMAIL = 'support@localhost'\n"
    )
    # Indico checks an e-mail domain's DNS records; this machine has no DNS, so its
    # test-environment switch (which only skips that check for *.test) is set.
    env = {"INDICO_CONFIG": str(data / "etc" / "indico.conf"), "PYTEST_CURRENT_TEST": "peers"}
    _url, created = database(DATABASES["Indico"], fresh=fresh, extensions=("pg_trgm", "unaccent"))
    bin_ = path / "bin"
    if once("indico-ready", fresh=fresh or created):
        log("Indico: create its tables")
        run([str(bin_ / "indico"), "db", "prepare"], env=env)
        done("indico-ready")
    setup = ROOT / "scripts" / "peers" / "indico_setup.py"
    output = run(
        [str(bin_ / "python"), str(setup)],
        env={**env, "PEERS_ROUNDS": str(rounds), "PEERS_LISTED_EVENTS": str(LISTED)},
        capture=True,
    )
    return {"env": env, "bin": bin_, "data": json.loads(output.strip().splitlines()[-1])}


def gunicorn(name: str, bin_: Path, app: str, env: dict) -> server.Server:
    port = PORTS[name]
    log_path = PEERS / f"{name.lower()}-server.log"
    with log_path.open("w") as out:
        process = subprocess.Popen(
            [str(bin_ / "gunicorn"), app, "--bind", f"{HOST}:{port}", "--workers", str(WORKERS)],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return server.Server(process, f"http://{HOST}:{port}", port, WORKERS, log_path, env)


def wait_answering(started: server.Server, path: str, *, timeout: float = 300) -> None:
    """Until ``path`` answers 200 from each worker (the first request loads the app)."""
    deadline = time.monotonic() + timeout
    answered = 0
    while time.monotonic() < deadline and answered < WORKERS * 2:
        if started.process.poll() is not None:
            raise server.ServerError(f"{started.log.name}: the server exited")
        try:
            with urllib.request.urlopen(started.url + path, timeout=60) as response:
                answered += response.status == 200
        except (urllib.error.URLError, OSError):
            time.sleep(1)
    if answered < WORKERS * 2:
        raise server.ServerError(f"{started.url}{path} did not answer in {timeout:.0f} s")


# Amur


def amur_prepare(*, fresh: bool, rounds: int) -> dict:
    url, created = database(DATABASES["Amur"], fresh=fresh)
    env = server.server_env(database_url=url, port=PORTS["Amur"], cache_url=f"{REDIS}/6")
    server.amur("migrate", "--noinput", "-v0", env=env)
    if once("amur-demo", fresh=fresh or created):
        log(f"Amur: demo data at --scale {AMUR_SCALE}")
        server.amur("demo", "--scale", str(AMUR_SCALE), env=env)
        done("amur-demo")
    # The rush events are made here, in this process, on the same database.
    os.environ.update({key: value for key, value in env.items() if key.startswith("AMUR_")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "amur.settings"
    import django

    django.setup()
    from django.utils import timezone

    from amur.events.models import Event

    # As many upcoming events as pretix's and Indico's lists, on the same days.
    for n in range(LISTED):
        slug = f"peers-listed-{n}"
        if not Event.objects.filter(slug=slug).exists():
            made = rush.amur_event(online=100, in_person=0, slug=slug)
            start = timezone.now().replace(microsecond=0) + timedelta(days=20 + n)
            Event.objects.filter(pk=made.pk).update(start=start, end=start + timedelta(hours=3))
    listed = Event.objects.get(slug="peers-listed-0")
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
    rushes = [
        rush.amur_event(online=CAPACITY, in_person=0, slug=f"peers-rush-{stamp}-{n}")
        for n in range(rounds)
    ]
    events = Event.objects.filter(status="published").count()
    return {"url": url, "event": listed.slug, "rushes": rushes, "events": events}


# Measuring


def measure_pages(name: str, base: str, pages: dict[str, str], seconds: float) -> dict:
    found = {}
    for page, path in pages.items():
        result = load.run(base + path, clients=CLIENTS, seconds=seconds)
        log(
            f"{name:6} {page:8} {result.ok_per_second:7.1f} req/s  p50 {result.p50_ms} ms  "
            f"p95 {result.p95_ms} ms  failed {result.failed}"
        )
        found[page] = result.as_dict()
    return found


def rush_amur(base: str, event) -> dict:
    tasks = rush.amur_registration_tasks(base, event, {"online": REGISTRANTS})
    registering = rush.run(tasks, clients=REGISTRANTS)
    confirming = rush.run(rush.amur_confirmation_tasks(base, event), clients=REGISTRANTS)
    online = rush.amur_counts(event)["online"]
    return {
        "accepted": online.get("confirmed", 0),
        "held_beyond_capacity": online["oversold"],
        "capacity": online["capacity"],
        "seconds": round(registering.seconds + confirming.seconds, 3),
        "errors": peers.errors(registering.outcomes) + peers.errors(confirming.outcomes),
        "counts": online,
        "registering": registering.as_dict(),
        "confirming": confirming.as_dict(),
    }


def rush_pretix(base: str, organizer: str, target: dict) -> dict:
    tasks = [
        peers.pretix_order_task(base, organizer, target["event"], target["item"], n)
        for n in range(REGISTRANTS)
    ]
    result = rush.run(tasks, clients=REGISTRANTS)
    with psycopg.connect(f"{POSTGRES}/{DATABASES['pretix']}") as connection:
        ordered, carts = connection.execute(
            peers.PRETIX_COUNT, [organizer, target["event"]]
        ).fetchone()
    return {
        "accepted": ordered,
        "capacity": CAPACITY,
        "seconds": result.seconds,
        "carts_left": carts,
        "errors": peers.errors(result.outcomes),
        "rush": result.as_dict(),
    }


def rush_indico(base: str, target: dict) -> dict:
    tasks = [
        peers.indico_registration_task(base, target["event"], target["regform"], n)
        for n in range(REGISTRANTS)
    ]
    result = rush.run(tasks, clients=REGISTRANTS)
    with psycopg.connect(f"{POSTGRES}/{DATABASES['Indico']}") as connection:
        (accepted,) = connection.execute(peers.INDICO_COUNT, [target["regform"]]).fetchone()
    return {
        "accepted": accepted,
        "capacity": CAPACITY,
        "seconds": result.seconds,
        "errors": peers.errors(result.outcomes),
        "rush": result.as_dict(),
    }


def version(bin_: Path, package: str) -> str:
    output = run([str(bin_ / "pip"), "show", package], capture=True)
    return next(line.split()[1] for line in output.splitlines() if line.startswith("Version:"))


def write(found: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "peers.json").write_text(json.dumps(found, indent=2, default=str) + "\n")
    m = found["machine"]
    load_start, load_end = found["load_average_start"], found["load_average_end"]
    lines = [
        "# Amur side by side with pretix and Indico",
        "",
        f"Run {found['started']} – {found['finished']} UTC by `scripts/bench_peers.py "
        f"--rounds {found['rounds']} --rush-rounds {found['rush_rounds']}` on "
        f"{m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB; load average (1, 5, 15 min) "
        f"{' / '.join(f'{x:.2f}' for x in load_start)} at the start, "
        f"{' / '.join(f'{x:.2f}' for x in load_end)} at the end (the machine is shared). "
        f"Amur {found['versions']['Amur']}, pretix {found['versions']['pretix']}, "
        f"Indico {found['versions']['Indico']}; each served by gunicorn with {WORKERS} sync "
        f"workers on the same PostgreSQL and Redis. Medians over the rounds; each round runs "
        f"Amur, pretix, Indico in turn.",
        "",
        peers.table(found["summary"]),
        "",
        "- Event page: Amur `{Amur}`, pretix `{pretix}`, Indico `{Indico}` — a public event "
        "open for registration, as set up by the script.".format(**found["pages"]["event"]),
        "- Calendar: Amur `{Amur}` (month grid), pretix `{pretix}` (organizer's calendar), "
        "Indico `{Indico}` (category page: its calendar view is an empty shell filled by "
        "script).".format(**found["pages"]["calendar"]),
        "- HTML per page (uncompressed, KB): "
        + "; ".join(
            f"{page}: " + ", ".join(f"{name} {kb:g}" for name, kb in found["page_kb"][page].items())
            for page in found["page_kb"]
        )
        + ".",
        f"- Rush: {REGISTRANTS} registrants at once for {CAPACITY} places, a fresh event each "
        "round; counted from each system's database. Amur: anonymous registration on the API "
        "(holds a seat), then the confirmation link opened (page and button); accepted = "
        "confirmed. pretix: event page, cart, e-mail question, confirmation of a free "
        "ticket; accepted = positions of placed orders (completed orders, not cart "
        "reservations). pretix runs without Celery (its tasks run inside the request). "
        "Indico: the registration form's page and its submission (no CAPTCHA, anonymous); "
        "accepted = registrations not withdrawn or rejected.",
        f"- Rate: accepted ÷ the rush's wall time (until every one of the {REGISTRANTS} "
        f"registrants had an answer) × 60. A peer's request may wait {peers.TIMEOUT} s (a "
        f"browser's patience), Amur's {rush.TIMEOUT} s; a registrant who timed out gives up "
        "(pretix keeps their cart's seat for its reservation time).",
        f"- Data: Amur `amur demo --scale {AMUR_SCALE}` ({found['amur_events']} published "
        f"events, {LISTED} of them made by the script on the same days as the peers'; the "
        "issue's own figures were taken at 4,000–12,000 events); pretix and Indico: "
        f"{LISTED} events of one organizer / category plus the rush events (each run adds "
        "its rounds' rush events to all three).",
        "",
        "Raw numbers per round: `peers.json` beside this file.",
    ]
    path = RESULTS / "peers.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="page rounds per system")
    parser.add_argument("--rush-rounds", type=int, default=2, help="rush rounds per system")
    parser.add_argument("--seconds", type=float, default=10, help="each page measurement")
    parser.add_argument("--fresh", action="store_true", help="rebuild venvs and databases")
    parser.add_argument(
        "--clean", action="store_true", help="only drop the databases and empty Redis dbs 6, 8"
    )
    args = parser.parse_args()
    if args.clean:
        clean()
        return 0
    if not load.available():
        parser.error("hey is not installed (apt-get install -y hey)")
    PEERS.mkdir(parents=True, exist_ok=True)
    started_at = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load_start = os.getloadavg()
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    amur = amur_prepare(fresh=args.fresh, rounds=args.rush_rounds)
    pretix = pretix_prepare(fresh=args.fresh, rounds=args.rush_rounds)
    indico = indico_prepare(fresh=args.fresh, rounds=args.rush_rounds)
    organizer = pretix["data"]["organizer"]
    pages = {
        "event": {
            "Amur": f"/events/{amur['event']}/",
            "pretix": f"/{organizer}/{pretix['data']['event']}/",
            "Indico": f"/event/{indico['data']['event']}/",
        },
        "calendar": {
            "Amur": "/events/calendar/",
            "pretix": f"/{organizer}/?style=calendar",
            "Indico": f"/category/{indico['data']['category']}/",
        },
    }
    servers: dict[str, server.Server] = {}
    try:
        log("starting the three servers")
        servers["Amur"] = server.start(
            port=PORTS["Amur"],
            database_url=amur["url"],
            workers=WORKERS,
            cache_url=f"{REDIS}/6",
            proxy_count=1,
            log=PEERS / "amur-server.log",
        )
        servers["pretix"] = gunicorn(
            "pretix", pretix["bin"], "pretix.wsgi:application", pretix["env"]
        )
        servers["Indico"] = gunicorn(
            "Indico", indico["bin"], "indico.web.flask.app:make_app()", indico["env"]
        )
        sizes: dict = {page: {} for page in pages}
        for name, started in servers.items():
            for page in pages:
                path = pages[page][name]
                wait_answering(started, path)
                load.run(started.url + path, clients=2, seconds=3)  # warm each worker
                with urllib.request.urlopen(started.url + path, timeout=60) as response:
                    sizes[page][name] = round(len(response.read()) / 1024, 1)
        raw: dict = {name: {"event": [], "calendar": [], "rush": []} for name in servers}
        for n in range(args.rounds):
            log(f"page round {n + 1} of {args.rounds}")
            for name, started in servers.items():
                paths = {page: pages[page][name] for page in ("event", "calendar")}
                for page, result in measure_pages(name, started.url, paths, args.seconds).items():
                    raw[name][page].append(result)
        for n in range(args.rush_rounds):
            log(f"rush round {n + 1} of {args.rush_rounds}")
            for name, started in servers.items():
                if name == "Amur":
                    found = rush_amur(started.url, amur["rushes"][n])
                elif name == "pretix":
                    found = rush_pretix(started.url, organizer, pretix["data"]["rushes"][n])
                else:
                    found = rush_indico(started.url, indico["data"]["rushes"][n])
                raw[name]["rush"].append(found)
                log(
                    f"{name:6} rush: {found['accepted']} accepted of {CAPACITY} in "
                    f"{found['seconds']:.1f} s"
                )
        memory = {name: server.worker_memory(started) for name, started in servers.items()}
    finally:
        for name, started in servers.items():
            server.stop(started)
            log(f"{name} stopped")
    summary = {
        name: peers.summarise(
            {"event": raw[name]["event"], "calendar": raw[name]["calendar"]},
            raw[name]["rush"],
            memory[name],
        )
        for name in raw
    }
    from django.db import connection  # set up by amur_prepare

    results = {
        "started": started_at,
        "finished": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "rounds": args.rounds,
        "rush_rounds": args.rush_rounds,
        "machine": report.machine(connection),
        "load_average_start": load_start,
        "load_average_end": os.getloadavg(),
        "versions": {
            "Amur": head,
            "pretix": version(pretix["bin"], "pretix"),
            "Indico": version(indico["bin"], "indico"),
        },
        "pages": pages,
        "page_kb": sizes,
        "amur_events": amur["events"],
        "summary": summary,
        "memory": memory,
        "raw": raw,
    }
    path = write(results)
    print(path.read_text())
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # run the finally on a plain kill
    sys.exit(main())
