# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""gunicorn's configuration under ``amur serve`` (``--config python:amur.core.server``).

The application is loaded once in the arbiter and the workers forked from it share the
loaded code, templates and catalogues; each worker then answers the public pages once
before it takes visitors, so that no visitor pays for a cold start."""

import os

from amur.core.warmup import warm_up

preload_app = True


def post_worker_init(worker) -> None:
    if os.environ.get("AMUR_WARM_UP") == "1":
        warm_up(worker.wsgi)
