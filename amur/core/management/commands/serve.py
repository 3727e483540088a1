# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import multiprocessing
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

DEFAULT_BIND = "127.0.0.1:8000"


def served_bind() -> str:
    return os.environ.get("AMUR_BIND", "").strip() or DEFAULT_BIND


def site_url(bind: str) -> str:
    """The address links should carry: AMUR_SITE_URL when it is set, else the one served
    (a wildcard host is reached as 127.0.0.1 from this machine)."""
    explicit = os.environ.get("AMUR_SITE_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    if bind.startswith("unix:"):
        return settings.SITE_URL
    if ":" not in bind:
        return f"http://{bind}"
    host, _, port = bind.rpartition(":")
    if host in ("", "0.0.0.0", "::", "[::]"):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def gunicorn_argv(bind: str, workers: int) -> list[str]:
    """The gunicorn command line: its configuration (preloading and the workers' warm-up)
    is the module amur.core.server."""
    return [
        "gunicorn",
        "amur.wsgi:application",
        "--config",
        "python:amur.core.server",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "20",
    ]


class Command(BaseCommand):
    help = "Serve Amur with gunicorn (several workers; static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=None)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(
                os.environ.get("AMUR_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9))
            ),
        )

    def handle(self, *args, bind, workers, **options):
        bind = bind or served_bind()
        url = site_url(bind)
        # The workers read their settings afresh: e-mails and documents then link to the
        # address served when no AMUR_SITE_URL says otherwise.
        os.environ["AMUR_SITE_URL"] = url
        # The arbiter loads the code once and each worker answers the public pages before it
        # takes visitors (amur/wsgi.py, amur/core/server.py).
        os.environ.setdefault("AMUR_WARM_UP", "1")
        argv = gunicorn_argv(bind, workers)
        self.stdout.write(f"Amur on {url}/ with {workers} workers")
        self.stdout.flush()
        # Replace this process so that signals reach gunicorn's arbiter directly.
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
