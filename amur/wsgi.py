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
    # Under `amur serve` this runs once in gunicorn's arbiter, before the workers are
    # forked: nothing here may open a connection they would share. Each worker answers its
    # warm-up requests itself (amur.core.server.post_worker_init).
    from amur.core.warmup import warm_code

    warm_code()
