# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand, CommandError

from amur.core.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo data of every module (idempotent); --scale N adds synthetic data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="size of the deterministic synthetic population (0: only the seeds' facts)",
        )
        parser.add_argument("--only", nargs="*", help="app labels to load (default: all)")

    def handle(self, *args, scale, only, **options):
        if scale < 0:
            raise CommandError("--scale must be 0 or more")
        demo_load(scale=scale, log=lambda line: self.stdout.write(line), only=only)
        self.stdout.write(self.style.SUCCESS("demo data loaded"))
