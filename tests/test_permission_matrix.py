# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every page and endpoint is in some app's permission matrix.

Walks the URL conf and the OpenAPI schema: a named URL of an Amur app must be listed by
its app's ``tests/<app>/test_permissions.py`` as covered (tested for every role) or as
read-only; every API operation that is not a GET must be listed as covered.  A new view
or endpoint without permission tests therefore fails here.
"""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from amur.api import api
from amur.core.views import module_placeholder

TESTS = Path(__file__).parent
CORE_READ_ONLY = {"home", "healthz", "set_language"}


def _declared(name: str) -> set[str]:
    found: set[str] = set()
    for path in sorted(TESTS.glob("*/test_permissions.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.test_permissions")
        found |= set(getattr(module, name, set()))
    return found


def _named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in ("admin", "api"):
                continue
            yield from _named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def test_every_amur_page_is_in_a_permission_matrix():
    declared = _declared("VIEWS_COVERED") | _declared("VIEWS_READ_ONLY") | CORE_READ_ONLY

    missing = sorted(
        name
        for name, callback in _named_urls()
        if callback is not module_placeholder and name not in declared
    )

    assert missing == []


def test_every_api_write_is_in_a_permission_matrix():
    schema = api.get_openapi_schema()
    writes = {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    }

    assert sorted(writes - _declared("API_COVERED")) == []
