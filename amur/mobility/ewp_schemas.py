# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The official EWP schemas (shipped in ``schemas/ewp``, MIT licence) and the check every
EWP document we receive passes before anything in it is read.

lxml loads each schema with a resolver that maps every ``xs:import`` URL onto the shipped
copy, so checking never needs the network.  Received documents are parsed without network
access, without resolving entities and without DTDs: an XML bomb or an external entity is
refused by the parser, never expanded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from amur.mobility.ewp import NS_IIAS, NS_LAS, NS_OMOBILITIES

BASE = Path(__file__).parent / "schemas" / "ewp"
RAW = "https://raw.githubusercontent.com/erasmus-without-paper/"
XML_XSD = "http://www.w3.org/2001/03/xml.xsd"
# The current version of each API (the default branch of each repository).
SCHEMAS = {
    "iias": "ewp-specs-api-iias/stable-v7/endpoints/get-response.xsd",
    "omobilities": "ewp-specs-api-omobilities/stable-v2/endpoints/get-response.xsd",
    "las": "ewp-specs-api-omobility-las/stable-v1/endpoints/get-response.xsd",
}
KIND_OF_NAMESPACE = {NS_IIAS: "iias", NS_OMOBILITIES: "omobilities", NS_LAS: "las"}
MAX_BYTES = 5 * 1024 * 1024


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
def schema(kind: str, base: Path = BASE) -> etree.XMLSchema:
    """The official schema of ``kind`` (``iias``, ``omobilities``, ``las``)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Local(base))
    return etree.XMLSchema(etree.parse(str(base / SCHEMAS[kind]), parser))


@dataclass
class Checked:
    """A received document: its kind, its root when it could be read, and every problem
    found (line, message); a document with problems is not acted on."""

    kind: str = ""
    root: etree._Element | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None and not self.problems


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )


def document_check(content: bytes) -> Checked:
    """Read and validate an EWP get-response against the official schema of its kind."""
    if len(content) > MAX_BYTES:
        return Checked(problems=[(0, _("The document is larger than 5 MB."))])
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as exc:
        return Checked(
            problems=[(exc.lineno or 0, _("Not well-formed XML: %(error)s") % {"error": exc.msg})]
        )
    if root.getroottree().docinfo.internalDTD is not None or any(
        isinstance(node, etree._Entity) for node in root.iter()
    ):
        return Checked(problems=[(1, _("Document type declarations and entities are refused."))])
    namespace = etree.QName(root).namespace or ""
    kind = KIND_OF_NAMESPACE.get(namespace, "")
    if not kind:
        message = _(
            "Not an EWP document Amur reads (IIAs v7, Outgoing Mobilities v2 or Outgoing "
            "Mobility Learning Agreements v1 get-response): the root element is %(tag)s."
        ) % {"tag": root.tag}
        return Checked(problems=[(root.sourceline or 1, message)])
    checker = schema(kind)
    if not checker.validate(root):
        return Checked(
            kind=kind, root=root, problems=[(e.line, e.message) for e in checker.error_log]
        )
    return Checked(kind=kind, root=root)
