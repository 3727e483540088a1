#!/usr/bin/env python3
# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scale-out, tested (issue 19, part 4): Amur on several app servers and a read replica.

    .venv/bin/python scripts/scaleout.py          # or: make scaleout

On this machine only (loopback), and everything it starts is stopped and deleted at the end:

1. A throwaway database ``scaleout_amur`` on the PostgreSQL at 127.0.0.1:5432, migrated, with
   the demo data. Two app servers (``amur serve`` on 127.0.0.1:8301 and :8302, two workers
   each, one AMUR_SECRET_KEY, Redis db 7 as cache and session store, AMUR_TASKS=database),
   one ``amur db_worker``, and Debian's nginx on 127.0.0.1:8300 in front (its own
   configuration under var/scaleout/, not the system's).
2. A signed-in session survives requests alternating between the servers: the login form is
   read from one server and posted to the other (CSRF across servers), then a signed-in page
   is asked for from each server and through nginx in turn, and logging out on one ends it
   on all.
3. A registration rush through nginx (each registrant from its own address, retrying only
   on 502/503/504 or a broken connection, as a careful client does). One app server is
   killed (SIGKILL to its process group: a machine that dies) a third of the way in. Then
   every held seat is confirmed through nginx. Checks: no seat beyond capacity, exact
   counts, every registration and confirmation a client was told of is in the database,
   no registrant stored twice, and no 5xx left in what the clients finally saw (the retries
   are counted and printed). The killed server is started again, and nginx uses it again.
4. The background worker ran every queued task (the registrants' mails), and
   ``amur mail_retry``, as cron runs it, queued any mail whose task was lost with the killed
   server: every mail is sent.
5. A streaming replica: a primary and a replica made with Debian's PostgreSQL 15 tools
   (initdb, pg_basebackup -R) on ports 5441/5442 under var/scaleout/, run as the postgres
   user. Amur on 127.0.0.1:8303 with AMUR_DATABASE_URL=primary and
   AMUR_DATABASE_REPLICA_URL=replica. Checks: anonymous public pages read from the replica
   (its pg_stat_database counts rise), and, with the replica's replay paused, a visitor who
   has just registered sees their seat taken (pinned to the primary) while another visitor
   still reads the replica's older page, until replay resumes.

Prints PASS or FAIL per check and exits 1 if any failed. Uses amur.bench (server,
rush) for starting servers and running clients.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from amur.bench import server as bench_server
from amur.bench.rush import address, confirmation_task, run

ROOT = Path(__file__).resolve().parents[1]

VAR = ROOT / "var" / "scaleout"
HOST = "127.0.0.1"
PG_URL = f"postgres://postgres@{HOST}:5432/scaleout_amur"
REDIS_DB = 7
REDIS_URL = f"redis://{HOST}:6379/{REDIS_DB}"
NGINX_PORT, PORT_A, PORT_B, PORT_REPLICA_APP = 8300, 8301, 8302, 8303
PRIMARY_PORT, REPLICA_PORT = 5441, 5442
PG_BIN = Path("/usr/lib/postgresql/15/bin")
SECRET = secrets.token_urlsafe(50)
PASSWORD = "scale out to harbin and back"
RETRY_ON = {"502", "503", "504", "connection"}
ATTEMPTS = 6
TIMEOUT = 60

results: list[tuple[str, bool]] = []


def check(name: str, ok: bool, detail: str = "") -> bool:
    results.append((name, ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f" — {detail}" if detail else ""), flush=True)
    return ok


def say(text: str) -> None:
    print(f"      {text}", flush=True)


def sh(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def psql(sql: str, *, port: int = 5432, db: str = "postgres") -> str:
    out = sh("psql", "-h", HOST, "-p", str(port), "-U", "postgres", "-d", db, "-Atqc", sql)
    return out.stdout.strip()


# --- what runs, and how it is stopped ----------------------------------------------------


class Running:
    """Everything started, stopped in reverse order whatever happens."""

    def __init__(self):
        self.stops: list[tuple[str, object]] = []

    def add(self, name, stop):
        self.stops.append((name, stop))

    def stop_all(self):
        for name, stop in reversed(self.stops):
            try:
                stop()
            except Exception as exc:  # keep stopping the rest
                print(f"      could not stop {name}: {exc}", flush=True)
        self.stops.clear()


def server_env_extra() -> dict[str, str]:
    """What the servers behind nginx share beyond bench's environment: one secret key (a
    form from one server is posted to the other), tasks queued for the worker, links that
    name the load balancer."""
    return {
        "AMUR_SECRET_KEY": SECRET,
        "AMUR_TASKS": "database",
        "AMUR_SITE_URL": f"http://{HOST}:{NGINX_PORT}",
    }


def start_app(port: int, running: Running, **kwargs) -> bench_server.Server:
    server = bench_server.start(port=port, log=VAR / f"server-{port}.log", **kwargs)
    running.add(f"amur serve :{port}", lambda: bench_server.stop(server))
    return server


def kill_group(server: bench_server.Server) -> None:
    """A machine that dies: SIGKILL to the arbiter and its workers at once."""
    os.killpg(server.process.pid, signal.SIGKILL)
    server.process.wait()


NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {var}/nginx.pid;
error_log {var}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  log_format upstreams '$request_method $uri $status upstream=$upstream_addr '
                       'upstream_status=$upstream_status';
  access_log {var}/nginx-access.log upstreams;
  client_body_temp_path {var}/nginx-tmp/body;
  proxy_temp_path {var}/nginx-tmp/proxy;
  fastcgi_temp_path {var}/nginx-tmp/fastcgi;
  uwsgi_temp_path {var}/nginx-tmp/uwsgi;
  scgi_temp_path {var}/nginx-tmp/scgi;
  upstream amur {{
    # A server that fails is left alone for 10 s, then tried again.
    server {host}:{a} max_fails=1 fail_timeout=10s;
    server {host}:{b} max_fails=1 fail_timeout=10s;
  }}
  server {{
    listen {host}:{port};
    location / {{
      proxy_pass http://amur;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A request goes to the other server when this one refused the connection or did not
      # answer in time. nginx does so for a POST only when the POST was not sent yet
      # (no "non_idempotent"): a POST that reached a server that then died is answered 502,
      # and the client decides whether to send it again.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      add_header X-Amur-Upstream $upstream_addr always;
    }}
  }}
}}
"""


def start_nginx(running: Running) -> None:
    if shutil.which("nginx") is None:
        say("installing Debian's nginx")
        apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        sh("apt-get", "install", "-y", "-qq", "nginx", env=apt)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (VAR / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    conf = VAR / "nginx.conf"
    conf.write_text(NGINX_CONF.format(var=VAR, host=HOST, a=PORT_A, b=PORT_B, port=NGINX_PORT))
    sh("nginx", "-t", "-c", str(conf), "-p", str(VAR))
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(VAR)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def stop():
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    running.add("nginx", stop)
    for _ in range(50):
        try:
            if requests.get(f"http://{HOST}:{NGINX_PORT}/healthz", timeout=5).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError("nginx does not answer")


# --- Django in this process, on the scale-out database ----------------------------------


def django_setup() -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "amur.settings",
            "AMUR_DATABASE_URL": PG_URL,
            "AMUR_SECRET_KEY": SECRET,
            "AMUR_CACHE_URL": REDIS_URL,
            "AMUR_EMAIL_URL": "locmem:",
            "AMUR_LOG_LEVEL": "ERROR",
            "AMUR_DB_CONN_MAX_AGE": "0",
        }
    )
    import django

    django.setup()


def redis_flush() -> None:
    import redis

    redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()


# --- 2. sessions across servers ---------------------------------------------------------

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
A, B, LB = (f"http://{HOST}:{p}" for p in (PORT_A, PORT_B, NGINX_PORT))


def sessions_check() -> None:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="scaleout-visitor", defaults={"email": "scaleout-visitor@amur.localhost"}
    )
    user.set_password(PASSWORD)
    user.save()
    browser = requests.Session()
    form = browser.get(f"{A}/accounts/login/", timeout=TIMEOUT)
    token = _CSRF.search(form.text).group(1)
    login = browser.post(
        f"{B}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": user.username, "password": PASSWORD},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    check(
        "login form read from :8301 and posted to :8302 (CSRF and login across servers)",
        login.status_code == 302 and "/accounts/login" not in login.headers.get("Location", ""),
        f"answer {login.status_code} → {login.headers.get('Location')}",
    )
    seen, upstreams = [], set()
    for base in [A, B, LB, A, B, LB, LB, LB]:
        page = browser.get(f"{base}/accounts/profile/", allow_redirects=False, timeout=TIMEOUT)
        seen.append((base.rsplit(":", 1)[1], page.status_code, user.username in page.text))
        if base == LB:
            upstreams.add(page.headers.get("X-Amur-Upstream", "?"))
    check(
        "signed-in session survives requests alternating between :8301, :8302 and nginx",
        all(status == 200 and named for _, status, named in seen),
        " ".join(f":{port}={status}{'✓' if named else '✗'}" for port, status, named in seen)
        + f"; nginx sent them to {sorted(upstreams)}",
    )
    page = browser.get(f"{A}/accounts/profile/", timeout=TIMEOUT)
    token = _CSRF.search(page.text).group(1)
    logout = browser.post(
        f"{B}/accounts/logout/",
        data={"csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    after = [
        browser.get(f"{base}/accounts/profile/", allow_redirects=False, timeout=TIMEOUT)
        for base in (A, B)
    ]
    check(
        "logging out on :8302 ends the session on both servers",
        logout.status_code == 302 and all(r.status_code == 302 for r in after),
        f"logout {logout.status_code}; profile afterwards {[r.status_code for r in after]}",
    )


# --- 3. the rush with a server killed ---------------------------------------------------


class Ledger:
    """What the clients were told, per registrant and per confirmation token."""

    def __init__(self):
        self.lock = threading.Lock()
        self.registered: dict[str, str] = {}  # e-mail → status in a 201 answer
        self.earlier: set[str] = set()  # retried, then told "already registered"
        self.confirmed: set[str] = set()  # tokens whose confirmation answered 200
        self.retries = 0  # attempts that got 502/503/504 or a broken connection
        self.final_5xx = 0


ALREADY = "already registered for the event"


def registrant(base: str, slug: str, mode_id: int, index: int, ledger: Ledger):
    """One anonymous registrant, as bench's rush posts them, retrying a lost answer: a
    retry after an attempt that did register is told the address is already registered."""
    url = f"{base}/api/v1/events/events/{slug}/registrations"
    email = f"scaleout-{slug}-{index}@amur.localhost"
    payload = {"mode": mode_id, "name": f"Registrant {index}", "email": email, "language": "en"}
    headers = {"X-Forwarded-For": address(index)}

    def task(session: requests.Session) -> str:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                answer = session.post(url, json=payload, headers=headers, timeout=TIMEOUT)
                status = str(answer.status_code)
            except requests.ConnectionError:
                status = "connection"
            if status in RETRY_ON:
                with ledger.lock:
                    ledger.retries += 1
                time.sleep(0.5 * attempt)
                continue
            if status == "201":
                with ledger.lock:
                    ledger.registered[email] = answer.json()["status"]
                return answer.json()["status"] + (" after a retry" if attempt > 1 else "")
            if status == "409" and attempt > 1 and ALREADY in answer.text:
                with ledger.lock:
                    ledger.earlier.add(email)
                return "registered by an attempt whose answer was lost"
            return status
        with ledger.lock:
            ledger.final_5xx += 1
        return f"gave up: {status}"

    return task


def confirmer(base: str, token: str, index: int, ledger: Ledger):
    """bench's confirmation (the page, then its button), tried again on a 5xx."""
    once = confirmation_task(base, token, index)

    def task(session: requests.Session) -> str:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                label = once(session)
            except requests.ConnectionError:
                label = "connection"
            if label == "confirmed":
                with ledger.lock:
                    ledger.confirmed.add(token)
                return label + (" after a retry" if attempt > 1 else "")
            if label == "connection" or label.split(":")[-1] in RETRY_ON:
                with ledger.lock:
                    ledger.retries += 1
                time.sleep(0.5 * attempt)
                continue
            return label
        with ledger.lock:
            ledger.final_5xx += 1
        return f"gave up: {label}"

    return task


def nginx_retried() -> tuple[int, int]:
    """From nginx's log: requests it passed on to the second server (two upstreams named),
    and answers with a 5xx it gave clients."""
    lines = (VAR / "nginx-access.log").read_text().splitlines()
    passed_on = sum(1 for line in lines if re.search(r"upstream=\S+, ", line))
    errors = sum(1 for line in lines if re.match(r"\S+ \S+ 5\d\d ", line))
    return passed_on, errors


def rush_check(server_b, *, online: int, in_person: int, clients: int):
    from amur.bench.rush import amur_counts, amur_event
    from amur.events.models import Registration

    capacity = {"online": online * 2 // 3, "in_person": in_person * 2 // 3}
    event = amur_event(online=capacity["online"], in_person=capacity["in_person"])
    modes = {mode.attendance: mode.pk for mode in event.modes.all()}
    order = [("online", n) for n in range(online)] + [("in_person", n) for n in range(in_person)]
    order.sort(key=lambda item: item[1] / (online if item[0] == "online" else in_person))
    ledger = Ledger()
    tasks = [
        registrant(LB, event.slug, modes[attendance], index, ledger)
        for index, (attendance, _) in enumerate(order)
    ]
    say(
        f"rush: {len(tasks)} registrants ({online} online for {capacity['online']} places, "
        f"{in_person} in person for {capacity['in_person']} seats), {clients} clients, "
        "through nginx; :8302 is killed a third of the way in"
    )
    killed = {}

    def killer():
        while not killed:
            count = Registration.objects.filter(event=event).count()
            if count >= len(tasks) // 3:
                kill_group(server_b)
                killed["at"] = count
                return
            time.sleep(0.2)

    from django.db import connection

    def watch():
        try:
            killer()
        finally:
            connection.close()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    registering = run(tasks, clients=clients)
    killed.setdefault("at", None)
    watcher.join(timeout=5)
    say(f"registration: {registering.seconds:.1f} s, outcomes {registering.outcomes}")
    say(f":8302 killed (SIGKILL) when {killed['at']} registrations were stored")
    check(
        "an app server was killed mid-rush", killed["at"] is not None and killed["at"] < len(tasks)
    )

    tokens = list(
        Registration.objects.filter(event=event, status="unconfirmed")
        .order_by("pk")
        .values_list("confirm_token", flat=True)
    )
    confirming = run(
        [confirmer(LB, token, n, ledger) for n, token in enumerate(tokens)], clients=clients
    )
    say(f"confirmation: {confirming.seconds:.1f} s, outcomes {confirming.outcomes}")

    counts = amur_counts(event)
    for attendance, row in counts.items():
        say(f"{attendance}: {row}")
    check(
        "capacities hold: no seat beyond capacity in either mode",
        all(
            row["oversold"] == 0 and row["holding_a_seat"] <= row["capacity"]
            for row in counts.values()
        ),
        "; ".join(f"{a} {r['holding_a_seat']}/{r['capacity']}" for a, r in counts.items()),
    )
    check(
        "exact counts: every seat confirmed, everyone else on the waiting list",
        all(
            row["confirmed"] == capacity[a]
            and row.get("waitlisted", 0) == (online if a == "online" else in_person) - capacity[a]
            for a, row in counts.items()
        ),
        "; ".join(
            f"{a}: {r['confirmed']} confirmed, {r.get('waitlisted', 0)} waitlisted"
            for a, r in counts.items()
        ),
    )
    rows = list(
        Registration.objects.filter(event=event).values_list("email", "status", "confirm_token")
    )
    emails = [email for email, _, _ in rows]
    check(
        "no registrant stored twice, and every registrant stored once",
        len(emails) == len(set(emails)) == len(tasks),
        f"{len(emails)} rows, {len(set(emails))} addresses, {len(tasks)} registrants",
    )
    stored = set(emails)
    told = set(ledger.registered) | ledger.earlier
    check(
        "no registration a client was told of is lost",
        told <= stored and len(ledger.registered) + len(ledger.earlier) == len(tasks),
        f"{len(ledger.registered)} told 201, {len(ledger.earlier)} told 'already registered' "
        f"on a retry (their first attempt was stored but its answer lost), "
        f"{len(told - stored)} missing from the database",
    )
    confirmed_rows = {token for _, status, token in rows if status == "confirmed"}
    check(
        "every confirmation a client was told of is in the database, and no other",
        ledger.confirmed == confirmed_rows,
        f"{len(ledger.confirmed)} confirmed to clients, {len(confirmed_rows)} confirmed rows",
    )
    passed_on, nginx_5xx = nginx_retried()
    check(
        "clients saw only retries: no 5xx or broken connection in their final answers",
        ledger.final_5xx == 0
        and not any(k.startswith(("5", "error", "gave up")) for k in registering.outcomes)
        and not any(
            k.startswith(("page:5", "refused:5", "error", "gave up")) for k in confirming.outcomes
        ),
        f"{ledger.retries} attempts retried by clients (nginx answered {nginx_5xx} requests "
        f"with a 5xx: those a dying server had been sent), {passed_on} passed on by nginx "
        "to the other server unseen",
    )
    return event


def rejoin_check(running: Running, common: dict) -> None:
    """The killed server started again, as a server is added: nginx, which left it alone
    after its failure, sends it requests again."""
    say("starting :8302 again")
    start_app(PORT_B, running, collect_static=False, **common)
    upstreams = []
    for _ in range(40):
        answer = requests.get(f"{LB}/healthz", timeout=TIMEOUT)
        upstreams.append(answer.headers.get("X-Amur-Upstream", "?"))
        if f"{HOST}:{PORT_B}" in upstreams[-1]:
            break
        time.sleep(0.5)
    check(
        "the restarted server takes requests through nginx again",
        f"{HOST}:{PORT_B}" in upstreams[-1],
        f"after {len(upstreams)} requests through nginx",
    )


def _queue_drained(timeout: float = 240) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            break
        time.sleep(2)
    return {
        status: DBTaskResult.objects.filter(status=status).count()
        for status in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")
    }


def worker_check() -> None:
    """The worker ran every task; a mail whose task was lost with the killed server (it
    stopped between its commit and queueing the task) is sent once ``amur mail_retry``,
    run by cron every few minutes, has queued it."""
    from amur.core.models import OutgoingMail

    before = _queue_drained()
    env = bench_server.server_env(
        database_url=PG_URL, port=PORT_A, cache_url=REDIS_URL, extra=server_env_extra()
    )
    due = bench_server.amur("mail_retry", env=env).stdout.strip()
    after = _queue_drained()
    waiting = OutgoingMail.objects.count()
    check(
        "amur db_worker ran every task; mail_retry queued the mails whose task was lost",
        after["SUCCESSFUL"] > 0
        and after["READY"] == after["RUNNING"] == after["FAILED"] == 0
        and waiting == 0,
        f"tasks after the rush {before}; mail_retry: {due}; then {after}; "
        f"mails not sent: {waiting}",
    )


# --- 5. the streaming replica -----------------------------------------------------------


def as_postgres(*args: str) -> subprocess.CompletedProcess:
    return sh("runuser", "-u", "postgres", "--", *args)


def start_cluster(data: Path, port: int, running: Running) -> None:
    socket_dir = VAR / "pg-sockets"
    options = f"-p {port} -c listen_addresses={HOST} -k {socket_dir}"
    log = str(data.parent / f"{data.name}.log")
    as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
    running.add(
        f"PostgreSQL :{port}",
        lambda: as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"),
    )


def replica_check(running: Running, slug: str) -> None:
    shutil.chown(VAR, "postgres")
    socket_dir = VAR / "pg-sockets"
    socket_dir.mkdir(exist_ok=True)
    shutil.chown(socket_dir, "postgres")
    primary, replica = VAR / "pg-primary", VAR / "pg-replica"
    initdb = f"-D {primary} -U postgres --auth=trust -E UTF8 --no-instructions"
    as_postgres(str(PG_BIN / "initdb"), *initdb.split())
    start_cluster(primary, PRIMARY_PORT, running)
    psql("CREATE DATABASE scaleout_amur", port=PRIMARY_PORT)
    dump = subprocess.Popen(
        ["pg_dump", "-h", HOST, "-U", "postgres", "--no-owner", "scaleout_amur"],
        stdout=subprocess.PIPE,
    )
    restore = f"-h {HOST} -p {PRIMARY_PORT} -U postgres -d scaleout_amur -q -v ON_ERROR_STOP=1"
    sh("psql", *restore.split(), stdin=dump.stdout)
    dump.wait()
    # A fast checkpoint: the default spreads it over minutes before the copy starts.
    copy = f"-h {HOST} -p {PRIMARY_PORT} -U postgres -D {replica} -R -X stream --checkpoint=fast"
    as_postgres(str(PG_BIN / "pg_basebackup"), *copy.split())
    start_cluster(replica, REPLICA_PORT, running)
    in_recovery = psql("SELECT pg_is_in_recovery()", port=REPLICA_PORT)
    streaming = psql(
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'", port=PRIMARY_PORT
    )
    check(
        "streaming replica made with initdb and pg_basebackup -R on 5441/5442",
        in_recovery == "t" and streaming == "1",
        f"replica in recovery: {in_recovery}, streaming senders on the primary: {streaming}",
    )
    primary_url = f"postgres://postgres@{HOST}:{PRIMARY_PORT}/scaleout_amur"
    replica_url = f"postgres://postgres@{HOST}:{REPLICA_PORT}/scaleout_amur"
    app = start_app(
        PORT_REPLICA_APP,
        running,
        database_url=primary_url,
        workers=2,
        collect_static=False,
        extra_env={"AMUR_SECRET_KEY": SECRET, "AMUR_DATABASE_REPLICA_URL": replica_url},
    )
    stats = (
        "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'scaleout_amur'"
    )
    before = int(psql(stats, port=REPLICA_PORT, db="scaleout_amur"))
    primary_before = int(psql(stats, port=PRIMARY_PORT, db="scaleout_amur"))
    visitor = requests.Session()
    pages = [f"{app.url}/events/{slug}/", f"{app.url}/events/", f"{app.url}/"] * 10
    answered = [visitor.get(page, timeout=TIMEOUT).status_code for page in pages]
    # A server process adds its counts to the shared statistics when it goes idle, within
    # about ten seconds.
    for _ in range(30):
        after = int(psql(stats, port=REPLICA_PORT, db="scaleout_amur"))
        if after - before >= len(pages):
            break
        time.sleep(0.5)
    primary_after = int(psql(stats, port=PRIMARY_PORT, db="scaleout_amur"))
    check(
        "anonymous public GETs read from the replica",
        set(answered) == {200} and after - before >= len(pages),
        f"{len(pages)} GETs; transactions on the replica {before} → {after} (+{after - before}), "
        f"on the primary +{primary_after - primary_before}",
    )

    psql("SELECT pg_wal_replay_pause()", port=REPLICA_PORT)
    seats = re.compile(r"(\d+) of (\d+) seats taken")

    def taken(session: requests.Session) -> list[str]:
        page = session.get(f"{app.url}/events/{slug}/", timeout=TIMEOUT)
        return [m.group(1) for m in seats.finditer(page.text)]

    stranger = requests.Session()
    earlier = taken(stranger)
    from amur.events.models import Event

    mode = Event.objects.get(slug=slug).modes.get(attendance="in_person")
    writer = requests.Session()
    answer = writer.post(
        f"{app.url}/api/v1/events/events/{slug}/registrations",
        json={
            "mode": mode.pk,
            "name": "Replica check",
            "email": "replica-check@amur.localhost",
            "language": "en",
        },
        timeout=TIMEOUT,
    )
    writer_sees = taken(writer)
    stranger_sees = taken(stranger)
    psql("SELECT pg_wal_replay_resume()", port=REPLICA_PORT)
    target = psql("SELECT pg_current_wal_lsn()", port=PRIMARY_PORT)
    for _ in range(100):
        if psql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn", port=REPLICA_PORT) == "t":
            break
        time.sleep(0.1)
    stranger_later = taken(stranger)
    say(
        f"seats taken (in person, online): before {earlier}; after the registration (201: "
        f"{answer.status_code == 201}) with the replica's replay paused: the registrant sees "
        f"{writer_sees}, another visitor {stranger_sees}; after replay resumed the other "
        f"visitor sees {stranger_later}"
    )
    check(
        "a write followed by a read by the same client sees the write (pinned to the primary)",
        answer.status_code == 201 and writer_sees != earlier and "amur_primary" in answer.cookies,
    )
    check(
        "another visitor reads the replica: its paused page, then the write once replayed",
        stranger_sees == earlier and stranger_later == writer_sees,
    )


# --- the run ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--online", type=int, default=300, help="online registrants")
    parser.add_argument("--in-person", type=int, default=60, help="in-person registrants")
    parser.add_argument("--clients", type=int, default=24, help="concurrent clients")
    args = parser.parse_args()

    running = Running()
    if VAR.exists():
        shutil.rmtree(VAR)
    VAR.mkdir(parents=True)
    started = time.monotonic()
    try:
        say("database scaleout_amur: migrate and demo data (a few minutes)")
        psql("DROP DATABASE IF EXISTS scaleout_amur WITH (FORCE)")
        psql("CREATE DATABASE scaleout_amur")
        running.add(
            "database scaleout_amur",
            lambda: psql("DROP DATABASE IF EXISTS scaleout_amur WITH (FORCE)"),
        )
        env = bench_server.server_env(database_url=PG_URL, port=PORT_A)
        bench_server.amur("migrate", "-v0", env=env)
        bench_server.amur("demo", env=env)
        django_setup()
        redis_flush()
        running.add("Redis db 7", redis_flush)
        from amur.bench.rush import amur_event

        replica_event = amur_event(online=100, in_person=100, slug="scaleout-replica-check")

        common = {
            "database_url": PG_URL,
            "workers": 2,
            "cache_url": REDIS_URL,
            # Behind nginx and, in this test, one more proxy: the registrant's own address
            # (which the rush writes into X-Forwarded-For) is the second from the right.
            "proxy_count": 2,
            "extra_env": server_env_extra(),
        }
        say("starting amur serve on :8301 and :8302, amur db_worker, nginx on :8300")
        start_app(PORT_A, running, **common)
        server_b = start_app(PORT_B, running, collect_static=False, **common)
        worker_log = (VAR / "db_worker.log").open("w")
        worker = subprocess.Popen(
            [sys.executable, "-m", "amur", "db_worker"],
            env=bench_server.server_env(
                database_url=PG_URL, port=PORT_A, cache_url=REDIS_URL, extra=server_env_extra()
            ),
            cwd=ROOT,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        running.add("amur db_worker", lambda: (worker.terminate(), worker.wait(timeout=30)))
        start_nginx(running)

        sessions_check()
        rush_check(server_b, online=args.online, in_person=args.in_person, clients=args.clients)
        rejoin_check(running, common)
        worker_check()
        replica_check(running, replica_event.slug)
    except Exception as exc:
        import traceback

        traceback.print_exc()
        check("the run went through", False, f"{type(exc).__name__}: {exc}")
    finally:
        if os.environ.get("DJANGO_SETTINGS_MODULE") == "amur.settings":
            from django.db import connections

            connections.close_all()
        running.stop_all()
        shutil.rmtree(VAR, ignore_errors=True)
    failed = [name for name, ok in results if not ok]
    print(
        f"\n{len(results) - len(failed)} of {len(results)} checks passed "
        f"in {time.monotonic() - started:.0f} s" + (f"; FAILED: {failed}" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
