# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The official EWP XSDs (shipped in ``amur/mobility/schemas/ewp``), loaded with
lxml and a resolver that maps every ``xs:import`` URL onto the local copy: never the network.

A test that needs them and cannot find them skips with that reason, except under CI
(``CI=true``), where it fails.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from lxml import etree

from amur import mobility

RAW = "https://raw.githubusercontent.com/erasmus-without-paper/"
XML_XSD = "http://www.w3.org/2001/03/xml.xsd"
# The current version of each API (the default branch of each repository).
SCHEMAS = {
    "iias": "ewp-specs-api-iias/stable-v7/endpoints/get-response.xsd",
    "omobilities": "ewp-specs-api-omobilities/stable-v2/endpoints/get-response.xsd",
    "las": "ewp-specs-api-omobility-las/stable-v1/endpoints/get-response.xsd",
}


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


class _Local(etree.Resolver):
    def __init__(self, base: Path):
        super().__init__()
        self.base = base

    def resolve(self, url, pubid, context):
        if url.startswith(RAW):
            return self.resolve_filename(str(self.base / url.removeprefix(RAW)), context)
        if url == XML_XSD:
            return self.resolve_filename(str(self.base / "w3c/2001/03/xml.xsd"), context)
        return None


@functools.cache
def _schema(kind: str, base: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local(base))
    return etree.XMLSchema(etree.parse(str(base / SCHEMAS[kind]), parser))


def schema(kind: str) -> etree.XMLSchema:
    base = standards_dir()
    if base is None:
        reason = "the official EWP schemas (../shared/standards/ewp) are not on this machine"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return _schema(kind, base)


def assert_valid(kind: str, document: bytes) -> etree._Element:
    """Parse ``document`` and fail with every schema error unless it is valid."""
    root = etree.fromstring(document)
    checker = schema(kind)
    if not checker.validate(root):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in checker.error_log)
        pytest.fail(f"not a valid EWP {kind} document:\n{errors}\n{document.decode()[:3000]}")
    return root
