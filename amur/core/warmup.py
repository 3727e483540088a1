# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Warm-up at start, so that the first visitor does not wait for URL patterns, templates,
translation catalogues and the search dictionaries to load.

``amur serve`` loads the application once in gunicorn's arbiter (``preload_app``), which
loads what needs no connection (``warm_code``) before the workers are forked and share it;
each worker then answers the public pages once (``warm_up``) with its own database and
cache connections before it takes visitors (amur.core.server)."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.db import connections
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from amur.core.search import search_keys

logger = logging.getLogger(__name__)

WARM_PATHS = ("/", "/events/", "/events/calendar/", "/alliances/", "/directory/", "/observatory/")
# The public pages' templates, compiled once by the cached loader.
WARM_TEMPLATES = (
    "portal/home.html",
    "events/event_list.html",
    "events/event_calendar.html",
    "events/event_detail.html",
    "alliances/alliance_detail.html",
    "directory/organisation_detail.html",
    "competitions/round_results.html",
)


def warm_code() -> None:
    """Load what the pages need without opening a connection: every view module (through
    the URL patterns), the templates of the public pages, the catalogues of every language
    and the search dictionaries."""
    get_resolver().url_patterns  # noqa: B018 - imports every app's views
    for name in WARM_TEMPLATES:
        get_template(name)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Events")
    search_keys("哈尔滨 Харбин Harbin")


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
