# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Core is what every app builds on, so it imports none of them (issue 11, part 6): the
pages that read across the modules live in the portal app, the API's token check in
accounts."""

import ast
from pathlib import Path

from django.conf import settings

AMUR = Path(__file__).resolve().parents[2] / "amur"


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_core_imports_no_other_amur_app():
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("amur.")} - {"amur.core"}
    found = sorted(
        f"{path.relative_to(AMUR)}: {module}"
        for path in (AMUR / "core").rglob("*.py")
        for module in _imported_modules(path)
        if any(module == app or module.startswith(app + ".") for app in apps)
    )
    assert found == []


def test_no_feature_app_imports_the_portal():
    found = sorted(
        str(path.relative_to(AMUR))
        for path in AMUR.rglob("*.py")
        if "portal" not in path.relative_to(AMUR).parts[:1]
        and path.name != "urls.py"
        and any(m.startswith("amur.portal") for m in _imported_modules(path))
    )
    assert found == []
