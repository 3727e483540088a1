# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import multiprocessing
import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Amur with gunicorn (several workers; static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("AMUR_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(
                os.environ.get("AMUR_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9))
            ),
        )

    def handle(self, *args, bind, workers, **options):
        argv = [
            "gunicorn",
            "amur.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "20",
        ]
        self.stdout.write(f"Amur on http://{bind}/ with {workers} workers")
        self.stdout.flush()
        # Replace this process so that signals reach gunicorn's arbiter directly.
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
