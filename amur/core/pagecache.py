# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public pages cached for anonymous visitors.

A page is kept per address, language, time zone and htmx fragment, under the data versions
of the apps it shows (amur.core.versions): any write to those apps' tables makes the next
visitor's page a fresh one. Signed-in people, API callers with a token, visitors with a
message waiting and requests other than GET are never served a cached page; a page whose
rendering set a cookie, touched the session or saw a write (which may not be committed yet)
is not kept. The CSRF tokens a page carries (its forms and the htmx header) are taken out
when it is kept and each visitor's own put in when it is served.

The API's public lists are kept the same way (``public_api``): an anonymous caller's JSON
under the address, language and zone it was asked for.
"""

from __future__ import annotations

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from ninja.decorators import decorate_view

from amur.core.versions import versions, writes_seen

# Short enough that what depends on the clock alone (upcoming or past, the open calls)
# follows it closely; long enough that a page asked for many times a second is made once.
PAGE_SECONDS = 60
# Every app whose data a page may show: accounts hold nothing a public page shows, and
# their logins would otherwise count as changes.
ALL = ("*",)
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{64}"')
_PLACEHOLDER = "\x00csrf\x00"
# Pages, the API's JSON and the iCalendar feeds.
KEPT_TYPES = ("text/html", "application/json", "text/calendar")


def _all_apps() -> list[str]:
    from django.apps import apps

    return sorted(
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("amur.") and config.label != "accounts"
    )


def _served_from_cache(request) -> bool:
    if not getattr(settings, "AMUR_PAGE_CACHE", True) or request.method != "GET":
        return False
    if request.user.is_authenticated or "Authorization" in request.headers:
        # A token is read by the API after this point: its caller may see more.
        return False
    return not len(messages.get_messages(request))


def _key(request, app_labels) -> str:
    labels = _all_apps() if tuple(app_labels) == ALL else app_labels
    parts = [
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        "htmx" if request.headers.get("HX-Request") else "",
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        versions(labels),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(getattr(request, "session", None), "modified", False)
        and response.get("Content-Type", "").startswith(KEPT_TYPES)
        and "no-store" not in response.get("Cache-Control", "")
    )


def _kept(response) -> dict:
    text = response.content.decode(response.charset)
    return {
        "content": _TOKEN.sub(lambda m: m.group(1) + _PLACEHOLDER + '"', text),
        "content_type": response["Content-Type"],
    }


def _served(request, kept: dict) -> HttpResponse:
    content = kept["content"]
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request))
    return HttpResponse(content, content_type=kept["content_type"])


def public_page(*app_labels: str):
    """Serve the view's page from the cache to anonymous visitors while the data of
    ``app_labels`` (or of every app: ``public_page(*ALL)``) has not changed."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _served_from_cache(request):
                return view(request, *args, **kwargs)
            key = _key(request, app_labels)
            kept = cache.get(key)
            if kept is not None:
                return _served(request, kept)
            writes = writes_seen()
            response = view(request, *args, **kwargs)
            if writes_seen() == writes and _keepable(request, response):
                cache.set(key, _kept(response), PAGE_SECONDS)
            return response

        return wrapper

    return decorator


def public_api(*app_labels: str):
    """``public_page`` for an API operation (django-ninja runs it around the operation,
    before the caller's token is read: a call that carries one is never served from the
    cache)."""
    return decorate_view(public_page(*app_labels))
