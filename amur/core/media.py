# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Uploaded files that no row names any more: swept away by ``amur media_sweep``.

A service stores an upload (``document.file.save(…)``) inside its transaction, but the file
system takes no part in the transaction: when it rolls back, the row is gone and the file
stays. Rather than each service undoing its own writes (and missing one when a later step
or the database fails), the scheduled sweep removes every file under MEDIA_ROOT that no
``FileField`` of any row names and that is older than a grace period: a file written a moment
ago may belong to a transaction that has not committed yet.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import FileField

GRACE = timedelta(hours=1)


def media_named() -> set[str]:
    """The names (relative to MEDIA_ROOT) that some row's file field holds."""
    named: set[str] = set()
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for f in model._meta.get_fields():
            if isinstance(f, FileField):
                values = model._base_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True)
                named.update(v for v in values if v)
    return named


def media_unnamed(*, older_than: timedelta = GRACE) -> list[str]:
    """Files under MEDIA_ROOT that no row names and that were last written before
    ``older_than`` ago, as sorted names relative to MEDIA_ROOT (symbolic links are left
    alone: they are nobody's upload)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    named = media_named()
    cutoff = time.time() - older_than.total_seconds()
    found = []
    for folder, _dirs, files in os.walk(root):
        for filename in files:
            path = Path(folder) / filename
            name = path.relative_to(root).as_posix()
            if name in named or path.is_symlink():
                continue
            if path.stat().st_mtime < cutoff:
                found.append(name)
    return sorted(found)


def media_sweep(*, older_than: timedelta = GRACE, dry_run: bool = False) -> list[str]:
    """Delete the files ``media_unnamed`` lists and the folders they leave empty; their
    names."""
    root = Path(settings.MEDIA_ROOT)
    swept = media_unnamed(older_than=older_than)
    if dry_run:
        return swept
    for name in swept:
        path = root / name
        path.unlink(missing_ok=True)
        # Upload paths often hold a folder per file (competitions/documents/<random>/…).
        for folder in path.parents:
            if folder == root or any(folder.iterdir()):
                break
            folder.rmdir()
    return swept
