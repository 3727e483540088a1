# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The `amur` command: Django's manage.py plus `up`, `serve`, `demo` and `check`.

`amur up` is what the README's `make run` calls: migrate, load demo data into an empty
database, collect static files and serve.  Every other word is handed to Django's
management commands, so `amur createsuperuser` or `amur shell` work as usual.
"""

import os
import secrets
import sys

# Commands that compute from their input alone: they sign, store and send nothing, so they
# run without a deployment's secret key (a throwaway one stands in for it).
PURE_COMMANDS = {"competition_scores"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
    if len(argv) > 1 and argv[1].replace("-", "_") in PURE_COMMANDS:
        os.environ.setdefault("AMUR_SECRET_KEY", secrets.token_urlsafe(50))
    from amur.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as exc:
        # One line that names the variable, not a traceback through Django's internals.
        print(f"amur: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None

    from django.core.management import execute_from_command_line

    argv[0] = "amur"
    if len(argv) == 1:
        argv.append("help")
    # `amur competition-scores` reads better than Django's `competition_scores`.
    argv[1] = argv[1].replace("-", "_") if not argv[1].startswith("-") else argv[1]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
