# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Start-up as the README promises: AMUR_BIND honoured, links to the address served,
no warning about catalogues a first run compiles, pure commands without a secret, and a
warm-up before the first visitor."""

import io
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import get_resolver
from gunicorn.app.wsgiapp import WSGIApplication

from amur.core import server
from amur.core.management.commands import serve, up
from amur.core.warmup import WARM_PATHS, warm_code, warm_up


@pytest.fixture
def recorded(monkeypatch):
    """``amur up`` with its steps recorded instead of run (an empty database)."""
    calls = []
    monkeypatch.setattr(up, "call_command", lambda name, **kw: calls.append((name, kw)))
    monkeypatch.setattr(up, "database_is_empty", lambda: True)
    monkeypatch.setattr(up.Command, "_admin_login", lambda self, url: calls.append(("login", url)))
    monkeypatch.setattr(
        up.Command, "check", lambda self, **kw: calls.append(("check", {})), raising=False
    )
    monkeypatch.delenv("AMUR_SITE_URL", raising=False)
    return calls


def test_up_serves_on_amur_bind_and_prints_that_address(recorded, monkeypatch):
    monkeypatch.setenv("AMUR_BIND", "127.0.0.1:8765")

    call_command("up")

    assert ("serve", {"bind": "127.0.0.1:8765"}) in recorded
    assert ("login", "http://127.0.0.1:8765") in recorded


def test_up_without_amur_bind_serves_the_readmes_default(recorded, monkeypatch):
    monkeypatch.delenv("AMUR_BIND", raising=False)

    call_command("up")

    assert ("serve", {"bind": "127.0.0.1:8000"}) in recorded


def test_up_checks_only_after_compiling_the_catalogues(recorded, monkeypatch):
    monkeypatch.delenv("AMUR_BIND", raising=False)

    call_command("up", "--no-serve")

    names = [name for name, _ in recorded]
    assert up.Command.requires_system_checks == []
    assert names.index("compilemessages_amur") < names.index("check")


@pytest.mark.parametrize(
    ("bind", "site", "expected"),
    [
        ("127.0.0.1:8765", None, "http://127.0.0.1:8765"),
        ("0.0.0.0:9000", None, "http://127.0.0.1:9000"),
        ("127.0.0.1:8765", "https://amur.example.org/", "https://amur.example.org"),
    ],
)
def test_links_carry_the_served_address_unless_amur_site_url_says_otherwise(
    monkeypatch, bind, site, expected
):
    if site:
        monkeypatch.setenv("AMUR_SITE_URL", site)
    else:
        monkeypatch.delenv("AMUR_SITE_URL", raising=False)

    assert serve.site_url(bind) == expected


def test_serve_hands_the_served_address_and_warm_up_to_the_workers(monkeypatch):
    monkeypatch.delenv("AMUR_SITE_URL", raising=False)
    monkeypatch.delenv("AMUR_WARM_UP", raising=False)
    monkeypatch.setenv("AMUR_BIND", "127.0.0.1:8123")
    started = []
    monkeypatch.setattr(serve.os, "execvp", lambda exe, argv: started.append(argv))
    out = io.StringIO()

    call_command("serve", stdout=out)

    (argv,) = started
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert os.environ["AMUR_SITE_URL"] == "http://127.0.0.1:8123"
    assert os.environ["AMUR_WARM_UP"] == "1"
    assert "http://127.0.0.1:8123/" in out.getvalue()
    assert argv[argv.index("--config") + 1] == "python:amur.core.server"
    monkeypatch.delenv("AMUR_SITE_URL")
    monkeypatch.delenv("AMUR_WARM_UP")


def test_gunicorn_reads_preloading_and_the_workers_warm_up_from_serves_command_line(
    monkeypatch,
):
    monkeypatch.setattr(sys, "argv", serve.gunicorn_argv("127.0.0.1:8124", 3))

    config = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg

    assert config.preload_app is True
    assert config.post_worker_init is server.post_worker_init
    assert (config.bind, config.workers) == (["127.0.0.1:8124"], 3)


@pytest.mark.django_db(transaction=True)
def test_each_worker_answers_the_public_pages_before_it_takes_visitors(monkeypatch):
    monkeypatch.setenv("AMUR_WARM_UP", "1")
    asked = []

    def application(environ, start_response):
        asked.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    server.post_worker_init(SimpleNamespace(wsgi=application))

    assert asked == list(WARM_PATHS)


def test_the_arbiter_loads_templates_and_catalogues_without_a_connection():
    # Without the django_db mark any query here fails the test.
    warm_code()

    assert get_resolver().url_patterns


# transaction=True: the warm-up request ends with request_finished, which closes a database
# connection found inside a test's transaction (PostgreSQL then fails the rest of the test).
@pytest.mark.django_db(transaction=True)
def test_warm_up_answers_the_front_door_before_any_visitor():
    from django.core.wsgi import get_wsgi_application

    assert warm_up(get_wsgi_application()) == dict.fromkeys(WARM_PATHS, "200 OK")


def test_competition_scores_runs_without_a_deployment_secret(tmp_path):
    sheet = tmp_path / "round.csv"
    sheet.write_text("contestant,J1,J2,J3\nA,20,21,22\nB,18,18,17\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "AMUR_SECRET_KEY"}
    env["AMUR_DEBUG"] = "0"

    result = subprocess.run(
        [sys.executable, "-m", "amur", "competition-scores", str(sheet), "--cap", "3"],
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("A,")


def test_a_server_command_still_refuses_to_start_without_a_secret():
    env = {k: v for k, v in os.environ.items() if k != "AMUR_SECRET_KEY"}
    env["AMUR_DEBUG"] = "0"

    result = subprocess.run(
        [sys.executable, "-m", "amur", "check"], env=env, capture_output=True, text=True
    )

    assert result.returncode == 2
