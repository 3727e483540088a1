# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""TBX (ISO 30042:2019), TBX-Basic dialect, DCA style: write and read the termbase.

The file is checked against the structure TBX-Basic prescribes before anything is read
from it: the ``tbx`` root in the ISO namespace with ``type="TBX-Basic"`` and
``style="dca"``, a ``tbxHeader`` with its ``fileDesc``, ``text/body`` holding
``conceptEntry`` elements (an ``id`` each, unique), each with ``langSec`` children
(``xml:lang``) holding ``termSec`` children with exactly one ``term``; only the elements and
data categories of TBX-Basic at their levels, and the picklist values of ``partOfSpeech``
and ``administrativeStatus``. The first violation is reported with its line.

The entries are exchanged as plain dictionaries (see :func:`parse`), so the services decide
what becomes of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
    "TBXcoreStructV03_TBX-Basic_integrated.rng"
)
PART_OF_SPEECH = {"noun", "verb", "adjective", "adverb", "properNoun", "other"}
ADMIN_STATUS = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}
TRANSACTION_TYPES = {"origination", "modification"}
# TBX-Basic's data categories at each level (element → allowed ``type`` values).
CONCEPT_LEVEL = {
    "descrip": {"subjectField", "definition"},
    "admin": {"source"},
    "note": None,
    "transacGrp": None,
    "ref": {"crossReference"},
    "xref": {"externalCrossReference", "xGraphic"},
}
LANG_LEVEL = {
    "descrip": {"definition"},
    "admin": {"source"},
    "note": None,
    "transacGrp": None,
    "termSec": None,
}
TERM_LEVEL = {
    "term": None,
    "termNote": {
        "partOfSpeech",
        "administrativeStatus",
        "termType",
        "grammaticalGender",
        "geographicalUsage",
        "termLocation",
    },
    "descrip": {"context"},
    "admin": {"source", "customerSubset", "projectSubset"},
    "note": None,
    "transacGrp": None,
    "ref": {"crossReference"},
    "xref": {"externalCrossReference"},
}
LANGUAGES = ("zh", "ru", "en")
APPROVED = "approved"


class TbxError(Exception):
    """The file is not TBX-Basic; the message names the line and the reason."""


@dataclass
class TermEntry:
    text: str
    part_of_speech: str = ""
    administrative_status: str = ""


@dataclass
class ConceptEntry:
    entry_id: str
    subject_field: str = ""
    source: str = ""
    note: str = ""
    status: str = "proposed"
    expert: str = ""
    approved_on: str = ""
    definitions: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list[TermEntry]] = field(default_factory=dict)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


# Writing ----------------------------------------------------------------------------------


def _sub(parent, name: str, text: str | None = None, **attrs):
    element = etree.SubElement(parent, _q(name), {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = text
    return element


def serialise(entries: list[ConceptEntry], *, title: str) -> bytes:
    """A TBX-Basic document (UTF-8 bytes) holding ``entries``."""
    root = etree.Element(
        _q("tbx"), nsmap={None: NS}, attrib={"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}
    )
    root.addprevious(
        etree.ProcessingInstruction(
            "xml-model",
            f'href="{RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
        )
    )
    header = _sub(root, "tbxHeader")
    desc = _sub(header, "fileDesc")
    _sub(_sub(desc, "sourceDesc"), "p", title)
    body = _sub(_sub(root, "text"), "body")
    for entry in entries:
        concept = _sub(body, "conceptEntry", id=entry.entry_id)
        if entry.subject_field:
            _sub(concept, "descrip", entry.subject_field, type="subjectField")
        if entry.source:
            _sub(concept, "admin", entry.source, type="source")
        if entry.note:
            _sub(concept, "note", entry.note)
        if entry.status == APPROVED:
            # The approval is a transaction by the expert, dated, noted as an approval.
            group = _sub(concept, "transacGrp")
            _sub(group, "transac", "modification", type="transactionType")
            _sub(group, "transacNote", entry.expert, type="responsibility")
            if entry.approved_on:
                _sub(group, "date", entry.approved_on)
            _sub(group, "note", APPROVED)
        for language in LANGUAGES:
            terms = entry.terms.get(language, [])
            definition = entry.definitions.get(language, "")
            if not terms:
                continue
            lang = _sub(concept, "langSec", **{XML_LANG: language})
            if definition:
                _sub(lang, "descrip", definition, type="definition")
            for term in terms:
                section = _sub(lang, "termSec")
                _sub(section, "term", term.text)
                if term.part_of_speech:
                    _sub(section, "termNote", term.part_of_speech, type="partOfSpeech")
                if term.administrative_status:
                    _sub(
                        section, "termNote", term.administrative_status, type="administrativeStatus"
                    )
    return etree.tostring(
        root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


# Reading ----------------------------------------------------------------------------------


def _fail(element, reason: str):
    line = getattr(element, "sourceline", None)
    raise TbxError(f"line {line}: {reason}" if line else reason)


def _children(element) -> list:
    return [child for child in element if isinstance(child.tag, str)]


def _check_level(element, allowed: dict, where: str) -> None:
    for child in _children(element):
        if etree.QName(child).namespace != NS:
            _fail(child, f"<{child.tag}> is not a TBX element")
        name = _local(child)
        if name not in allowed:
            _fail(child, f"<{name}> is not allowed in <{where}> (TBX-Basic)")
        types = allowed[name]
        if types is not None and child.get("type") not in types:
            _fail(
                child,
                f'<{name} type="{child.get("type")}"> is not a TBX-Basic data '
                f"category in <{where}>",
            )


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def _transaction(group, entry: ConceptEntry) -> None:
    parts = {_local(c) + (c.get("type") or ""): c for c in _children(group)}
    transac = parts.get("transactransactionType")
    if transac is None:
        _fail(group, 'a <transacGrp> starts with <transac type="transactionType">')
    if _text(transac) not in TRANSACTION_TYPES:
        _fail(transac, f"transaction type {_text(transac)!r} is not origination or modification")
    note = parts.get("note")
    if note is not None and _text(note) == APPROVED:
        who = parts.get("transacNoteresponsibility")
        if who is None or not _text(who):
            _fail(group, "an approval names the responsible expert")
        entry.status, entry.expert = APPROVED, _text(who)
        date = parts.get("date")
        entry.approved_on = _text(date) if date is not None else ""


def parse(data: bytes) -> list[ConceptEntry]:
    """The concept entries of a TBX-Basic document; :class:`TbxError` on the first fault."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise TbxError(f"not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        # TBX 2019 has no DTD; a declaration could only bring entities, which are not read.
        raise TbxError("a <!DOCTYPE> is not allowed in TBX (ISO 30042:2019)")
    if root.tag != _q("tbx"):
        _fail(root, f"the root element is <{root.tag}>, not <tbx> in the namespace {NS}")
    if root.get("type") != "TBX-Basic":
        _fail(root, f'the dialect is {root.get("type")!r}; expected type="TBX-Basic"')
    if root.get("style") != "dca":
        _fail(root, 'only the DCA style is read (style="dca")')
    if not root.get(XML_LANG):
        _fail(root, "<tbx> has no xml:lang")
    parts = _children(root)
    if [_local(p) for p in parts] != ["tbxHeader", "text"]:
        _fail(root, "<tbx> holds <tbxHeader> then <text>")
    header, text = parts
    if not any(_local(c) == "fileDesc" for c in _children(header)):
        _fail(header, "<tbxHeader> has no <fileDesc>")
    bodies = [c for c in _children(text) if _local(c) == "body"]
    if len(bodies) != 1:
        _fail(text, "<text> holds one <body>")
    entries: list[ConceptEntry] = []
    seen: dict[str, int] = {}
    for concept in _children(bodies[0]):
        if _local(concept) != "conceptEntry":
            _fail(concept, f"<{_local(concept)}> is not allowed in <body>; only <conceptEntry>")
        entries.append(_concept(concept, seen))
    if not entries:
        _fail(bodies[0], "the body holds no <conceptEntry>")
    return entries


def _concept(concept, seen: dict[str, int]) -> ConceptEntry:
    entry_id = (concept.get("id") or "").strip()
    if not entry_id:
        _fail(concept, "a <conceptEntry> has no id")
    if entry_id in seen:
        _fail(concept, f"the id {entry_id!r} repeats the entry of line {seen[entry_id]}")
    seen[entry_id] = concept.sourceline
    _check_level(concept, {**CONCEPT_LEVEL, "langSec": None}, "conceptEntry")
    entry = ConceptEntry(entry_id=entry_id)
    for child in _children(concept):
        name, kind = _local(child), child.get("type")
        if name == "descrip" and kind == "subjectField":
            entry.subject_field = _text(child)
        elif name == "descrip" and kind == "definition":
            entry.definitions.setdefault("en", _text(child))
        elif name == "admin" and kind == "source":
            entry.source = _text(child)
        elif name == "note":
            entry.note = _text(child)
        elif name == "transacGrp":
            _transaction(child, entry)
        elif name == "langSec":
            _language(child, entry)
    if not entry.terms:
        _fail(concept, f"the entry {entry_id!r} has no <langSec> with a term")
    return entry


def _language(section, entry: ConceptEntry) -> None:
    language = (section.get(XML_LANG) or "").lower().split("-")[0]
    if not language:
        _fail(section, "a <langSec> has no xml:lang")
    if language not in LANGUAGES:
        _fail(section, f"the language {section.get(XML_LANG)!r} is not Chinese, Russian or English")
    if language in entry.terms:
        _fail(section, f"a second <langSec> for {language!r} in one entry")
    _check_level(section, LANG_LEVEL, "langSec")
    terms: list[TermEntry] = []
    for child in _children(section):
        name, kind = _local(child), child.get("type")
        if name == "descrip" and kind == "definition":
            entry.definitions[language] = _text(child)
        elif name == "admin" and kind == "source" and not entry.source:
            entry.source = _text(child)
        elif name == "termSec":
            terms.append(_term(child))
    if not terms:
        _fail(section, "a <langSec> holds at least one <termSec>")
    entry.terms[language] = terms


def _term(section) -> TermEntry:
    _check_level(section, TERM_LEVEL, "termSec")
    found = [c for c in _children(section) if _local(c) == "term"]
    if len(found) != 1:
        _fail(section, "a <termSec> holds exactly one <term>")
    text = _text(found[0])
    if not text:
        _fail(found[0], "the <term> is empty")
    term = TermEntry(text=text)
    for note in _children(section):
        if _local(note) != "termNote":
            continue
        value = _text(note)
        if note.get("type") == "partOfSpeech":
            if value not in PART_OF_SPEECH:
                _fail(note, f"part of speech {value!r} is not one of {sorted(PART_OF_SPEECH)}")
            term.part_of_speech = value
        elif note.get("type") == "administrativeStatus":
            if value not in ADMIN_STATUS:
                _fail(note, f"administrative status {value!r} is not one of {sorted(ADMIN_STATUS)}")
            term.administrative_status = value
    return term
