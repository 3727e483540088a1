# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The official EWP XSDs (shipped in ``amur/mobility/schemas/ewp``), loaded by
:mod:`amur.mobility.ewp_schemas` with a resolver that maps every ``xs:import`` URL onto the
local copy: never the network.

A test that needs them and cannot find them skips with that reason, except under CI
(``CI=true``), where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from amur import mobility
from amur.mobility import ewp_schemas

SCHEMAS = ewp_schemas.SCHEMAS


def standards_dir() -> Path | None:
    """The copy shipped in ``amur/mobility/schemas/ewp``; else ``shared/standards/ewp`` next
    to the repository (or next to a parent folder, for a git worktree kept below it)."""
    shipped = Path(mobility.__file__).parent / "schemas" / "ewp"
    if (shipped / SCHEMAS["iias"]).is_file():
        return shipped
    root = Path(__file__).resolve().parents[2]
    for folder in (root, *root.parents):
        candidate = folder.parent / "shared" / "standards" / "ewp"
        if (candidate / SCHEMAS["iias"]).is_file():
            return candidate
    return None


def schema(kind: str) -> etree.XMLSchema:
    base = standards_dir()
    if base is None:
        reason = "the official EWP schemas (../shared/standards/ewp) are not on this machine"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return ewp_schemas.schema(kind, base)


def assert_valid(kind: str, document: bytes) -> etree._Element:
    """Parse ``document`` and fail with every schema error unless it is valid."""
    root = etree.fromstring(document)
    checker = schema(kind)
    if not checker.validate(root):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in checker.error_log)
        pytest.fail(f"not a valid EWP {kind} document:\n{errors}\n{document.decode()[:3000]}")
    return root
