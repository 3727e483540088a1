# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""`amur demo`: every app's demo content, loaded in INSTALLED_APPS order.

An app takes part by having a ``demo.py`` with ``load(*, scale: int, log) -> None``.
Each loader is idempotent: it finds its objects by natural keys (``update_or_create``),
so running the command twice changes nothing.  ``scale`` > 0 adds a deterministic
synthetic population for benchmarks; loaders seed their own ``random.Random`` from it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction

Log = Callable[[str], None]


def demo_loaders() -> list[tuple[str, Callable]]:
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("amur."):
            continue
        module_name = f"{config.name}.demo"
        if config.name == "amur.core":
            module_name = "amur.core.demo_data"
        if find_spec(module_name) is None:
            continue
        loaders.append((config.label, import_module(module_name).load))
    return loaders


def demo_load(*, scale: int = 0, log: Log = print, only: list[str] | None = None) -> None:
    """Load every app's demo content, each app in its own transaction."""
    for label, load in demo_loaders():
        if only and label not in only:
            continue
        log(f"demo: {label}")
        with transaction.atomic():
            load(scale=scale, log=log)


def database_is_empty() -> bool:
    """True before any organisation exists: `amur up` then loads the demo."""
    return not apps.get_model("directory", "Organisation").objects.exists()
