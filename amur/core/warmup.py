# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Warm-up at start: each server process answers the front door once before it takes
visitors, so that the first visitor does not wait for URL patterns, templates,
translation catalogues and the search dictionaries to load."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

WARM_PATHS = ("/",)


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def warm_up(application, paths=WARM_PATHS) -> dict[str, str]:
    """Ask ``application`` for ``paths``; returns each path's status line.  A failure is
    logged, never raised: warming up must not stop a server from starting."""
    statuses: dict[str, str] = {}
    for path in paths:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": _host(),
            "SERVER_PORT": "80",
            "HTTP_HOST": _host(),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }

        def start_response(status, headers, exc_info=None, path=path):
            statuses[path] = status

        try:
            body = application(environ, start_response)
            for _chunk in body:
                pass
            if hasattr(body, "close"):
                body.close()
        except Exception:
            logger.exception("warm-up of %s failed", path)
    # Connections opened here are not the workers' to keep.
    connections.close_all()
    return statuses
