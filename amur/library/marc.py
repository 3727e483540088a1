# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading catalogue records: MARC 21 (ISO 2709, MARCXML) and UNIMARC/RUSMARC/CNMARC.

ISO 2709 files arrive in several encodings; the reader decides per file:
Leader/09 = "a" means UTF-8; otherwise bytes that decode as UTF-8 are UTF-8 (some
exports leave Leader/09 blank, e.g. Evergreen's FSL test file); bytes with Cyrillic-range
values and no MARC-8 escape sequences are Windows-1251 (common in Russian exports);
anything else is MARC-8.  Linked 880 fields give the original script of a field
(a Chinese title in Han characters beside its romanised 245).
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pymarc
from pymarc import MARCReader, Record

from amur.core.search import HAN, normalise, query_terms, romanised_syllables, search_keys
from amur.library.enums import SourceFormat

TRAILING = re.compile(r"[\s/:;,.=]+$")
YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")


@dataclass
class Item:
    position: int  # 1-based position of the record in the file
    record: Record | None
    error: str = ""


def _clean(text: str | None) -> str:
    return TRAILING.sub("", (text or "").strip())


def reader_options(data: bytes) -> dict:
    """How ``MARCReader`` is to decode an ISO 2709 file, decided once for the whole file."""
    options = {"to_unicode": True, "permissive": True}
    if data[9:10] == b"a":
        return options
    try:
        data.decode("utf-8")
        return {**options, "force_utf8": True}
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data if b >= 0xC0)
    if b"\x1b" not in data and high > len(data) // 50:
        return {**options, "file_encoding": "cp1251"}
    return options


def read_iso2709(data: bytes, *, options: dict | None = None, first: int = 1) -> Iterator[Item]:
    """The records of ``data``, numbered from ``first``; ``options`` as reader_options
    decides them (for a piece of a file, decided from the whole file)."""
    reader = MARCReader(io.BytesIO(data), **(options or reader_options(data)))
    for position, record in enumerate(reader, start=first):
        if record is None:
            reason = str(reader.current_exception or "unreadable record")
            yield Item(position, None, reason)
        else:
            yield Item(position, record)


# The smallest length an ISO 2709 record can state (its leader and the field terminator).
_SHORTEST = 25


def iso2709_pieces(data: bytes, size: int) -> list[tuple[int, bytes]]:
    """``data`` cut into pieces of ``size`` records, each with the position of its first
    record, so that reading the pieces one after the other reads what reading the whole
    file reads.  A piece ends only after a record whose stated length ends in a record
    terminator; from the first record that does not (a broken length, a truncated file),
    the rest of the file is one piece, read as a whole file would be."""
    pieces: list[tuple[int, bytes]] = []
    start = offset = 0
    position = first = 1
    while offset < len(data):
        head = data[offset : offset + 5]
        if not head.isdigit() or int(head) < _SHORTEST:
            break
        end = offset + int(head)
        if end > len(data) or data[end - 1 : end] != b"\x1d":
            break
        offset, position = end, position + 1
        if position - first == size:
            pieces.append((first, data[start:offset]))
            start, first = offset, position
    if start < len(data):
        pieces.append((first, data[start:]))
    return pieces


class UnreadableXML(ValueError):
    """The upload is not well-formed XML, or declares a DTD (entities, external files)."""


def _marcxml_records(data: bytes) -> list[Record]:
    """MARCXML's records, parsed only after a safe parser has read the file: no entity is
    expanded, nothing is fetched, and a file declaring a DTD is refused, since MARCXML
    needs none and nested entities ("billion laughs") would exhaust the server."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableXML(str(exc)) from None
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableXML("a DTD or entity declaration")
    try:
        return pymarc.parse_xml_to_array(io.BytesIO(data))
    except Exception as exc:  # the SAX parser reports malformed records in many ways
        raise UnreadableXML(str(exc)) from None


def read_marcxml(data: bytes) -> Iterator[Item]:
    try:
        records = _marcxml_records(data)
    except Exception as exc:  # the XML parser reports malformed files in many ways
        yield Item(1, None, f"the XML cannot be read: {exc}")
        return
    for position, record in enumerate(records, start=1):
        yield Item(position, record)


class _NotText(TypeError):
    """A value pymarc has left undecoded (bytes), which record_xml leaves to pymarc."""


def _xml_text(text) -> str:
    # As xml.etree.ElementTree escapes character data.
    if type(text) is not str:
        raise _NotText
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


@functools.lru_cache(maxsize=1024)
def _xml_attribute(text) -> str:
    # As xml.etree.ElementTree escapes an attribute's value.  Remembered: attributes are
    # tags, indicators and subfield codes, a few hundred values written millions of times.
    text = _xml_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _xml_element(name: str, attributes: str, content: str) -> str:
    if content:
        return f"<{name}{attributes}>{content}</{name}>"
    return f"<{name}{attributes} />"


def record_xml(record: Record) -> str:
    """The record as MARCXML, exactly as ``pymarc.record_to_xml`` writes it (characters
    beyond ASCII as character references), written as a string: an import writes one per
    record, and building and serialising an element tree took a third of its time."""
    try:
        parts = [_xml_element("leader", "", _xml_text(str(record.leader)))]
        for field in record.fields:
            tag = _xml_attribute(field.tag)
            if field.control_field:
                parts.append(_xml_element("controlfield", f' tag="{tag}"', _xml_text(field.data)))
                continue
            indicators = field.indicators
            attributes = (
                f' ind1="{_xml_attribute(indicators.first)}"'
                f' ind2="{_xml_attribute(indicators.second)}" tag="{tag}"'
            )
            subfields = "".join(
                _xml_element("subfield", f' code="{_xml_attribute(code)}"', _xml_text(value))
                for code, value in field.subfields
            )
            parts.append(_xml_element("datafield", attributes, subfields))
    except _NotText:
        return pymarc.record_to_xml(record).decode("ascii")
    return (
        _xml_element("record", "", "".join(parts))
        .encode("ascii", "xmlcharrefreplace")
        .decode("ascii")
    )


def _linked(record: Record, tag: str, codes: str = "ab") -> dict[str, str]:
    """Original-script text of ``tag`` from linked 880 fields, by occurrence number."""
    found = {}
    for field in record.get_fields("880"):
        link = (field.get("6") or "")[:6]
        if link.startswith(tag):
            found[link[4:6]] = " ".join(v for code, v in _pairs(field) if code in codes)
    return found


def _pairs(field) -> list[tuple[str, str]]:
    return [(s.code, s.value) for s in field.subfields]


LANGUAGE_CODE = re.compile(r"[a-z]{3}")


def language_codes(value: str | None) -> list[str]:
    """The MARC language codes in one 041/101 $a.  Records catalogued before 2001 run
    several codes together in one subfield ("engrus" = eng + rus, "belrus"); each is
    three letters, so a value of 3n letters is n codes."""
    text = (value or "").strip().lower()
    if not text or len(text) % 3 or not LANGUAGE_CODE.fullmatch(text[:3]):
        return [text] if text else []
    codes = [text[i : i + 3] for i in range(0, len(text), 3)]
    return codes if all(LANGUAGE_CODE.fullmatch(code) for code in codes) else [text]


def _occurrence(field) -> str:
    return (field.get("6") or "")[4:6]


def marc21_fields(record: Record) -> dict:
    control = (record.get("001").data if record.get("001") else "").strip()
    title_field = record.get("245")
    title = (
        _clean(" ".join(filter(None, [title_field.get("a"), title_field.get("b")])))
        if title_field
        else ""
    )
    originals = _linked(record, "245")
    title_original = _clean(originals.get(_occurrence(title_field), "")) if title_field else ""
    authors = []
    for tag in ("100", "110", "700", "710"):
        names = _linked(record, tag, "ad")
        default_role = "author" if tag.startswith("1") else "contributor"
        for field in record.get_fields(tag):
            name = _clean(" ".join(filter(None, [field.get("a"), field.get("d")])))
            if name:
                authors.append(
                    {
                        "name": name,
                        "original": _clean(names.get(_occurrence(field), "")),
                        "role": _clean(field.get("e")) or default_role,
                    }
                )
    publication = record.get("264") or record.get("260")
    year = None
    if publication and publication.get("c") and YEAR.search(publication.get("c")):
        year = int(YEAR.search(publication.get("c")).group(1))
    elif record.get("008") and YEAR.fullmatch(record.get("008").data[7:11] or ""):
        year = int(record.get("008").data[7:11])
    languages = []
    if record.get("008") and len(record.get("008").data) >= 38:
        languages.append(record.get("008").data[35:38])
    for field in record.get_fields("041"):
        for code, value in _pairs(field):
            if code == "a":
                languages.extend(language_codes(value))
    scheme, classification = "", ""
    if record.get("050"):
        scheme, classification = "LCC", " ".join(record.get("050").get_subfields("a", "b"))
    elif record.get("082"):
        scheme, classification = "DDC", record.get("082").get("a") or ""
    elif record.get("084"):
        scheme, classification = (
            (record.get("084").get("2") or "").upper(),
            record.get("084").get("a") or "",
        )
    isbn = ""
    if record.get("020") and record.get("020").get("a"):
        isbn = re.sub(r"[^0-9Xx]", "", record.get("020").get("a").split()[0]).upper()
    return {
        "control_number": control,
        "title": title,
        "title_original": title_original,
        "other_title": "",
        "responsibility": _clean(title_field.get("c")) if title_field else "",
        "authors": authors,
        "publisher": _clean(publication.get("b")) if publication else "",
        "place": _clean(publication.get("a")) if publication else "",
        "year": year,
        "edition": _clean(record.get("250").get("a")) if record.get("250") else "",
        "isbn": isbn,
        "languages": ",".join(dict.fromkeys(lang for lang in languages if lang.strip())),
        "subjects": [
            _clean(f.get("a"))
            for tag in ("600", "610", "650", "651")
            for f in record.get_fields(tag)
            if f.get("a")
        ],
        "classification": classification.strip(),
        "classification_scheme": scheme,
    }


def unimarc_fields(record: Record) -> dict:
    """Our mapping of UNIMARC / RUSMARC / CNMARC: 200 title, 700/701/702 authors, 010 ISBN,
    101 language, 606 subjects, 675 (UDC) / 686 (scheme in $2, e.g. BBK) / 690 (CLC)
    classification, 210 publication."""
    control = (record.get("001").data if record.get("001") else "").strip()
    title = record.get("200")
    authors = []
    for tag, role in (("700", "author"), ("701", "author"), ("702", "contributor")):
        for field in record.get_fields(tag):
            name = _clean(", ".join(filter(None, [field.get("a"), field.get("b")])))
            if name:
                authors.append({"name": name, "original": _clean(field.get("g")), "role": role})
    publication = record.get("210")
    year = None
    if publication and publication.get("d") and YEAR.search(publication.get("d")):
        year = int(YEAR.search(publication.get("d")).group(1))
    scheme, classification = "", ""
    for tag, default in (("675", "UDC"), ("686", ""), ("690", "CLC")):
        if record.get(tag) and record.get(tag).get("a"):
            scheme = (record.get(tag).get("2") or default).upper()
            classification = record.get(tag).get("a")
            break
    isbn = ""
    if record.get("010") and record.get("010").get("a"):
        isbn = re.sub(r"[^0-9Xx]", "", record.get("010").get("a")).upper()
    return {
        "control_number": control,
        "title": _clean(title.get("a")) if title else "",
        "title_original": "",
        "other_title": _clean(title.get("e")) if title else "",
        "responsibility": _clean(title.get("f")) if title else "",
        "authors": authors,
        "publisher": _clean(publication.get("c")) if publication else "",
        "place": _clean(publication.get("a")) if publication else "",
        "year": year,
        "edition": _clean(record.get("205").get("a")) if record.get("205") else "",
        "isbn": isbn,
        "languages": ",".join(
            dict.fromkeys(
                code
                for f in record.get_fields("101")
                for c, v in _pairs(f)
                if c == "a"
                for code in language_codes(v)
            )
        ),
        "subjects": [_clean(f.get("a")) for f in record.get_fields("606") if f.get("a")],
        "classification": classification,
        "classification_scheme": scheme,
    }


def cluster_key(values: dict) -> str:
    """Same ISBN, or the same normalised title + first author + year: one work."""
    if values["isbn"]:
        return f"isbn:{values['isbn']}"
    author = values["authors"][0]["name"].split(",")[0] if values["authors"] else ""
    title = " ".join(normalise(values["title"]).split()[:6])
    return (
        f"t:{title}|a:{normalise(author).split(' ')[0] if author else ''}|y:{values['year'] or ''}"[
            :200
        ]
    )


@functools.lru_cache(maxsize=1 << 15)
def exact_key(text: str | None) -> str:
    """One spelling of a whole title or subject for exact comparison, whatever the script
    it is typed in: the query's terms (Cyrillic as ICAO Latin, Han as joined pinyin)."""
    return " ".join(query_terms(text))


def _framed(texts) -> str:
    keys = [k for k in dict.fromkeys(exact_key(t) for t in texts) if k]
    return "|" + "|".join(keys) + "|" if keys else ""


def _readings(values: dict) -> frozenset[str]:
    """The syllables of the record's romanised fields: the reading of each of its Han
    characters that has several is the one the cataloguer wrote (乐 yue or le)."""
    return romanised_syllables(
        values["title"],
        values["other_title"],
        values["responsibility"],
        *(a["name"] for a in values["authors"]),
    )


def _has_han(text: str | None) -> bool:
    # NFKC, as search keys fold the text: it turns compatibility ideographs and Kangxi
    # radicals into the Han characters they stand for.
    return bool(text and not text.isascii() and HAN.search(unicodedata.normalize("NFKC", text)))


def _searchable(values: dict, extra: list[str] | None) -> list[str]:
    """Every searchable form of a record; ``extra`` adds authority variants of the authors."""
    names = [a["name"] for a in values["authors"]] + [a["original"] for a in values["authors"]]
    return [
        values["title"],
        values["title_original"],
        values["other_title"],
        values["responsibility"],
        *names,
        values["publisher"],
        *values["subjects"],
        values["isbn"],
        *(extra or []),
    ]


def record_keys(values: dict, extra: list[str] | None = None) -> dict[str, str]:
    """Every key column of a record: ``extra`` adds the authority forms of its names.

    The record's readings (``_readings``) only choose the pinyin of Han characters, so a
    record without Han text is keyed without them: its texts' keys are then those
    search_keys remembers from earlier records (an import keys the same publishers,
    places, subjects and names thousands of times), instead of being worked out afresh
    for every record's own readings."""
    searchable = _searchable(values, extra)
    readings = _readings(values) if any(_has_han(text) for text in searchable) else None
    names = [a["name"] for a in values["authors"]] + [a["original"] for a in values["authors"]]
    titles = [values["title"], values["title_original"]]
    return {
        "search_keys": search_keys(*searchable, readings=readings),
        "title_keys": search_keys(*titles, values["other_title"], readings=readings),
        "author_keys": search_keys(*names, *(extra or []), readings=readings),
        "title_exact": _framed(titles),
        "subject_keys": _framed(values["subjects"]),
    }


def detect_format(filename: str, data: bytes) -> str:
    """MARCXML or ISO 2709 from the content; UNIMARC from its title field 200.

    Raises :class:`UnreadableXML` for XML that cannot be read safely."""
    head = data[:2000].lstrip()
    if head.startswith(b"<"):
        records = _marcxml_records(data)
        if records and records[0].get("200") and not records[0].get("245"):
            return SourceFormat.UNIMARC
        return SourceFormat.MARCXML
    return SourceFormat.MARC21
