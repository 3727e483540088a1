# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import os
import sys

from django.core.wsgi import get_wsgi_application

from amur.config import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amur.settings")
try:
    application = get_wsgi_application()
except ConfigError as exc:
    print(f"amur: configuration error: {exc}", file=sys.stderr)
    raise SystemExit(2) from None

if os.environ.get("AMUR_WARM_UP") == "1":
    from amur.core.warmup import warm_up

    warm_up(application)
