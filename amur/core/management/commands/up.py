# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from amur.core.demo import database_is_empty
from amur.core.management.commands.serve import served_bind, site_url


class Command(BaseCommand):
    help = "Migrate, load demo data into an empty database, collect static files and serve."
    # The system checks run once the catalogues are compiled, not before: a first run must
    # not warn about catalogues it is about to compile.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=None,
            help="host:port to serve on (default: AMUR_BIND, else 127.0.0.1:8000)",
        )
        parser.add_argument("--no-serve", action="store_true", help="prepare, then exit")

    def handle(self, *args, bind, no_serve, **options):
        bind = bind or served_bind()
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("compilemessages_amur", verbosity=0)
        self.check(display_num_errors=False)
        call_command("migrate", interactive=False, verbosity=1)
        if database_is_empty():
            call_command("demo")
            self._admin_login(site_url(bind))
        call_command("collectstatic", interactive=False, verbosity=0)
        if not no_serve:
            call_command("serve", bind=bind)

    def _admin_login(self, url):
        users = get_user_model()
        password = secrets.token_urlsafe(12)
        admin, _created = users.objects.get_or_create(
            username="admin", defaults={"email": "admin@amur.localhost"}
        )
        admin.is_staff = admin.is_superuser = True
        admin.set_password(password)
        admin.save()
        line = "=" * 60
        self.stdout.write(
            f"{line}\nAmur admin login:  user 'admin'  password '{password}'\n"
            f"Log in at {url}/accounts/login/\n{line}"
        )
