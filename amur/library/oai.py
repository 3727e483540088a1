# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""OAI-PMH 2.0 provider for the union catalogue (http://www.openarchives.org/OAI/2.0/).

Verbs: Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord.
Items: the catalogue's records (``oai:<domain>:<id>``) and the public teaching resources
of the resources app (``oai:<domain>:resource:<id>``, described by its Dublin Core record
with licence and languages).  Formats: ``oai_dc`` for every item, ``marc21`` (MARCXML in
the MARC21/slim namespace) for the records catalogued in MARC 21 (UNIMARC/RUSMARC records
are not MARC 21 and resources are not records, so both are offered as oai_dc only).
Sets: ``library`` and ``library:<ISIL>`` for the cataloguing library, ``language`` and
``language:<MARC language code>`` for records; ``resources`` for the resources.

Datestamps are ``Record.modified_at`` and ``Resource.updated_at`` at the granularity
YYYY-MM-DDThh:mm:ssZ (days are taken too).  Deleted records are kept as ``DeletedRecord``
for ever (deletedRecord "persistent") and listed with status="deleted"; so is a resource
that was public once and is withdrawn or shared more narrowly now.  A resource never
public is never mentioned.

Resumption tokens carry the request and the position reached, (datestamp, kind, id), and
are signed; the next page continues after that position in datestamp order.  A record that
changes or is deleted during a harvest moves after the position and so is sent again (or
as deleted) before the list ends: nothing that exists is skipped, whatever changes between
two pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db.models import Min, Q
from django.utils import timezone, translation
from lxml import etree

from amur.library.models import DeletedRecord, Record
from amur.resources.metadata import dublin_core_element
from amur.resources.models import Resource
from amur.resources.selectors import resource_is_public, resources_harvestable

NS = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
MARC = "http://www.loc.gov/MARC21/slim"
IDENTIFIER_NS = "http://www.openarchives.org/OAI/2.0/oai-identifier"
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
    "marc21": ("http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd", MARC),
}
MARC21_SOURCES = ("marc21", "marcxml")
RESOURCES = "resources"
# The kinds of item, in the order items of one datestamp are listed.
RECORD, DELETED, RESOURCE = 0, 1, 2
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
PAGE = 100
VERBS = {
    # verb: (required, optional, exclusive)
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
}
_DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
_EMAIL = re.compile(r"\S+@(\S+\.)+\S+")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_SET_SAFE = re.compile(r"[^A-Za-z0-9\-_.!~*'()]")


class OaiError(Exception):
    """One of the protocol's error codes, with a readable message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def repository_id() -> str:
    """The repositoryIdentifier of the oai-identifier scheme: the site's domain name."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    return host if _DOMAIN.fullmatch(host) else "amur.localhost"


def identifier(record_id: int) -> str:
    return f"oai:{repository_id()}:{record_id}"


def resource_identifier(resource_id: int) -> str:
    return f"oai:{repository_id()}:{RESOURCES[:-1]}:{resource_id}"


def _item_id(value: str) -> tuple[int, int]:
    """(RECORD or RESOURCE, id) of an identifier of this repository."""
    prefix = f"oai:{repository_id()}:"
    local = value[len(prefix) :] if value.startswith(prefix) else ""
    kind, _sep, number = local.rpartition(":")
    if number.isdigit() and kind in ("", RESOURCES[:-1]):
        return (RESOURCE if kind else RECORD), int(number)
    raise OaiError("idDoesNotExist", f"{value} is not an identifier of this repository")


def _resource(pk: int) -> Resource:
    resource = resources_harvestable().filter(pk=pk).first()
    if resource is None:
        raise OaiError("idDoesNotExist", f"no item has the identifier {resource_identifier(pk)}")
    return resource


def set_spec(prefix: str, value: str) -> str:
    return f"{prefix}:{_SET_SAFE.sub('_', value)}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_deleted(sender, instance, **kwargs) -> None:
    """post_delete of a Record: keep what harvesters need to learn it went."""
    library = getattr(instance.library, "library", None) if instance.library_id else None
    DeletedRecord.objects.update_or_create(
        record_id=instance.pk,
        defaults={
            "library_code": library.code if library else "",
            "languages": instance.languages,
            "marc21": instance.source_format in MARC21_SOURCES,
            "deleted_at": timezone.now(),
        },
    )


# Requests -------------------------------------------------------------------------------


@dataclass
class ListRequest:
    verb: str
    prefix: str
    set: str = ""
    start: datetime | None = None  # inclusive
    end: datetime | None = None  # exclusive
    start_text: str = ""
    end_text: str = ""
    after: tuple[str, int, int] | None = None  # (datestamp, kind, id) already sent
    cursor: int = 0


def _arguments(params) -> dict[str, str]:
    """One value per argument (the protocol forbids repeating one); checks the verb."""
    values = dict(params.lists())
    verbs = values.pop("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "the verb is missing, repeated or not an OAI-PMH verb")
    repeated = [name for name, items in values.items() if len(items) > 1]
    if repeated:
        raise OaiError("badArgument", f"repeated argument: {', '.join(repeated)}")
    arguments = {name: items[0] for name, items in values.items()}
    required, optional, exclusive = VERBS[verbs[0]]
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", f"{exclusive} is an exclusive argument")
        return {"verb": verbs[0], **arguments}
    unknown = set(arguments) - set(required) - set(optional)
    if unknown:
        raise OaiError("badArgument", f"illegal argument: {', '.join(sorted(unknown))}")
    missing = [name for name in required if not arguments.get(name)]
    if missing:
        raise OaiError("badArgument", f"missing argument: {', '.join(missing)}")
    return {"verb": verbs[0], **arguments}


def _moment(text: str, *, end: bool) -> datetime:
    """A from/until value at either granularity; until includes the whole day or second."""
    if _DAY.fullmatch(text):
        moment = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
        return moment + timedelta(days=1) if end else moment
    if _SECOND.fullmatch(text):
        moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        return moment + timedelta(seconds=1) if end else moment
    raise ValueError(text)


def _list_request(arguments: dict[str, str]) -> ListRequest:
    verb = arguments["verb"]
    if "resumptionToken" in arguments:
        try:
            data = signing.loads(arguments["resumptionToken"], salt="amur.library.oai")
        except signing.BadSignature:
            raise OaiError("badResumptionToken", "the resumption token is not valid") from None
        if data.get("verb") != verb:
            raise OaiError("badResumptionToken", "the resumption token is for another verb")
        arguments = {"verb": verb, **data["arguments"]}
        request = _list_request(arguments)
        request.after, request.cursor = tuple(data["after"]), data["cursor"]
        return request
    prefix = arguments["metadataPrefix"]
    request = ListRequest(verb=verb, prefix=prefix, set=arguments.get("set", ""))
    try:
        if "from" in arguments:
            request.start, request.start_text = (
                _moment(arguments["from"], end=False),
                arguments["from"],
            )
        if "until" in arguments:
            request.end, request.end_text = (
                _moment(arguments["until"], end=True),
                arguments["until"],
            )
    except ValueError as exc:
        raise OaiError(
            "badArgument", f"{exc} is not a date at the repository's granularity"
        ) from None
    if request.start_text and request.end_text and len(request.start_text) != len(request.end_text):
        raise OaiError("badArgument", "from and until have different granularities")
    if request.start and request.end and request.start >= request.end:
        raise OaiError("badArgument", "from is later than until")
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"{prefix} is not a metadata format here")
    return request


# Selection ------------------------------------------------------------------------------


def _set_filters(spec: str) -> tuple[Q, Q] | None:
    """Filters of records and of deleted records for a set of records; None for a set
    that holds no records."""
    from amur.library.models import LibrarySettings

    if spec in ("", "library", "language"):
        return Q(), Q()
    kind, _sep, value = spec.partition(":")
    if kind == "library":
        for library in LibrarySettings.objects.all():
            if set_spec("library", library.code) == spec:
                return Q(library_id=library.organisation_id), Q(library_code=library.code)
        return None
    if kind == "language" and value and not _SET_SAFE.search(value):
        text = (
            Q(languages=value)
            | Q(languages__startswith=f"{value},")
            | Q(languages__endswith=f",{value}")
            | Q(languages__contains=f",{value},")
        )
        return text, text
    return None


def _sources(request: ListRequest) -> list[tuple[int, object, str]]:
    """(kind, queryset, datestamp field) of each kind of item the request can list."""
    sources = []
    filters = _set_filters(request.set)
    if filters is not None:
        records = Record.objects.filter(filters[0]).select_related("library__library")
        deleted = DeletedRecord.objects.filter(filters[1])
        if request.prefix == "marc21":
            records = records.filter(source_format__in=MARC21_SOURCES)
            deleted = deleted.filter(marc21=True)
        sources += [(RECORD, records, "modified_at"), (DELETED, deleted, "deleted_at")]
    if request.set in ("", RESOURCES) and request.prefix == "oai_dc":
        sources.append((RESOURCE, resources_harvestable(), "updated_at"))
    return sources


def _page(request: ListRequest):
    """The next page of (datestamp, kind, id, item) in that order, and whether more follow."""
    items = []
    for kind, queryset, field in _sources(request):
        if request.start:
            queryset = queryset.filter(**{f"{field}__gte": request.start})
        if request.end:
            queryset = queryset.filter(**{f"{field}__lt": request.end})
        if request.after:
            # Items of a kind listed before the last one sent at its datestamp are sent
            # once the datestamp is passed; those listed after it, from that datestamp on.
            moment, after_kind, pk = datetime.fromisoformat(request.after[0]), *request.after[1:]
            if kind < after_kind:
                queryset = queryset.filter(**{f"{field}__gt": moment})
            elif kind == after_kind:
                later = Q(**{f"{field}__gt": moment}) | Q(**{field: moment, "pk__gt": pk})
                queryset = queryset.filter(later)
            else:
                queryset = queryset.filter(**{f"{field}__gte": moment})
        items += [
            (getattr(item, field), kind, item.pk, item)
            for item in queryset.order_by(field, "pk")[: PAGE + 1]
        ]
    items.sort(key=lambda item: item[:3])
    return items[:PAGE], len(items) > PAGE


# Responses ------------------------------------------------------------------------------


def _add(parent, tag: str, text: str | None = None, **attributes):
    element = etree.SubElement(parent, tag if tag.startswith("{") else f"{{{NS}}}{tag}")
    for name, value in attributes.items():
        element.set(name, value)
    if text is not None:
        element.text = text
    return element


def _header(parent, item) -> None:
    _datestamp, kind, _pk, obj = item
    if kind == RESOURCE:
        extra = {} if resource_is_public(obj) else {"status": "deleted"}
        header = _add(parent, "header", **extra)
        _add(header, "identifier", resource_identifier(obj.pk))
        _add(header, "datestamp", _stamp(obj.updated_at))
        _add(header, "setSpec", RESOURCES)
        return
    if kind == DELETED:
        header = _add(parent, "header", status="deleted")
        _add(header, "identifier", identifier(obj.record_id))
        _add(header, "datestamp", _stamp(obj.deleted_at))
        specs = [set_spec("library", obj.library_code)] if obj.library_code else []
    else:
        header = _add(parent, "header")
        _add(header, "identifier", identifier(obj.pk))
        _add(header, "datestamp", _stamp(obj.modified_at))
        library = getattr(obj.library, "library", None)
        specs = [set_spec("library", library.code)] if library else []
    specs += [set_spec("language", code) for code in obj.languages.split(",") if code]
    for spec in specs:
        _add(header, "setSpec", spec)


def _dc(parent, record) -> None:
    root = etree.SubElement(parent, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {FORMATS['oai_dc'][0]}")
    values = [("title", record.title)]
    if record.title_original and record.title_original != record.title:
        values.append(("title", record.title_original))
    for author in record.authors:
        values.append(("creator", author.get("name", "")))
        if author.get("original") and author.get("original") != author.get("name"):
            values.append(("creator", author["original"]))
    values += [("subject", subject) for subject in record.subjects if isinstance(subject, str)]
    values += [("publisher", record.publisher), ("date", str(record.year or ""))]
    values += [("type", "Text")]
    if record.isbn:
        values.append(("identifier", f"urn:isbn:{record.isbn}"))
    values.append(("identifier", f"{settings.SITE_URL}/library/records/{record.pk}/"))
    values += [("language", code) for code in record.languages.split(",") if code]
    for name, value in values:
        if value:
            etree.SubElement(root, f"{{{DC}}}{name}").text = value


def _marc21(parent, record) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    source = etree.fromstring(record.marcxml.encode("utf-8"), parser)
    if etree.QName(source).localname == "collection":
        source = source[0]
    for element in source.iter():
        if isinstance(element.tag, str):
            element.tag = f"{{{MARC}}}{etree.QName(element).localname}"
    etree.cleanup_namespaces(source, top_nsmap={"marc": MARC})
    source.set(f"{{{XSI}}}schemaLocation", f"{MARC} {FORMATS['marc21'][0]}")
    parent.append(source)


def _resource_dc(parent, resource) -> None:
    # Harvesters get the licence's name in English whatever language the request came in.
    with translation.override("en"):
        parent.append(dublin_core_element(resource))


def _record(parent, item, prefix: str) -> None:
    record = _add(parent, "record")
    _header(record, item)
    if item[1] == RECORD:
        metadata = _add(record, "metadata")
        (_dc if prefix == "oai_dc" else _marc21)(metadata, item[3])
    elif item[1] == RESOURCE and resource_is_public(item[3]):
        _resource_dc(_add(record, "metadata"), item[3])


def _token(parent, request: ListRequest, items, more: bool) -> None:
    if not (more or request.after):
        return
    sent = request.cursor + len(items)
    if not more:
        _add(parent, "resumptionToken", "", cursor=str(request.cursor))
        return
    last = items[-1]
    arguments = {"metadataPrefix": request.prefix}
    if request.set:
        arguments["set"] = request.set
    if request.start_text:
        arguments["from"] = request.start_text
    if request.end_text:
        arguments["until"] = request.end_text
    token = signing.dumps(
        {
            "verb": request.verb,
            "arguments": arguments,
            "after": [last[0].isoformat(), last[1], last[2]],
            "cursor": sent,
        },
        salt="amur.library.oai",
        compress=True,
    )
    _add(parent, "resumptionToken", token, cursor=str(request.cursor))


def _identify(parent, base_url: str) -> None:
    body = _add(parent, "Identify")
    earliest = [
        Record.objects.aggregate(m=Min("modified_at"))["m"],
        DeletedRecord.objects.aggregate(m=Min("deleted_at"))["m"],
        resources_harvestable().aggregate(m=Min("updated_at"))["m"],
    ]
    earliest = min([m for m in earliest if m] or [timezone.now()])
    email = settings.DEFAULT_FROM_EMAIL
    if not _EMAIL.fullmatch(email or ""):
        email = f"library@{repository_id()}"
    _add(body, "repositoryName", "Amur union catalogue")
    _add(body, "baseURL", base_url)
    _add(body, "protocolVersion", "2.0")
    _add(body, "adminEmail", email)
    _add(body, "earliestDatestamp", _stamp(earliest))
    _add(body, "deletedRecord", "persistent")
    _add(body, "granularity", GRANULARITY)
    description = _add(body, "description")
    scheme = etree.SubElement(
        description, f"{{{IDENTIFIER_NS}}}oai-identifier", nsmap={None: IDENTIFIER_NS}
    )
    scheme.set(f"{{{XSI}}}schemaLocation", f"{IDENTIFIER_NS} {IDENTIFIER_NS}.xsd")
    for name, value in (
        ("scheme", "oai"),
        ("repositoryIdentifier", repository_id()),
        ("delimiter", ":"),
        ("sampleIdentifier", identifier(1)),
    ):
        etree.SubElement(scheme, f"{{{IDENTIFIER_NS}}}{name}").text = value


def _in_marc21(value: str) -> bool:
    """Whether the item of identifier ``value`` is (or was) disseminated as MARC 21."""
    kind, pk = _item_id(value)
    if kind == RESOURCE:
        _resource(pk)
        return False
    record = Record.objects.filter(pk=pk).only("source_format").first()
    if record is not None:
        return record.source_format in MARC21_SOURCES
    gone = DeletedRecord.objects.filter(record_id=pk).first()
    if gone is None:
        raise OaiError("idDoesNotExist", f"no item has the identifier {value}")
    return gone.marc21


def _formats(parent, arguments) -> None:
    prefixes = list(FORMATS)
    if "identifier" in arguments and not _in_marc21(arguments["identifier"]):
        prefixes.remove("marc21")
    body = _add(parent, "ListMetadataFormats")
    for prefix in prefixes:
        entry = _add(body, "metadataFormat")
        _add(entry, "metadataPrefix", prefix)
        _add(entry, "schema", FORMATS[prefix][0])
        _add(entry, "metadataNamespace", FORMATS[prefix][1])


def _sets(parent) -> None:
    from amur.library.models import LibrarySettings

    body = _add(parent, "ListSets")
    entries = [
        ("library", "Cataloguing library"),
        ("language", "Language of the item"),
        (RESOURCES, "Teaching and academic resources"),
    ]
    for library in LibrarySettings.objects.select_related("organisation").order_by("code"):
        entries.append(
            (set_spec("library", library.code), f"{library.code}: {library.organisation}")
        )
    codes = set()
    for languages in Record.objects.values_list("languages", flat=True).distinct():
        codes.update(code for code in languages.split(",") if code)
    entries += [(set_spec("language", code), f"Language: {code}") for code in sorted(codes)]
    for spec, name in entries:
        entry = _add(body, "set")
        _add(entry, "setSpec", spec)
        _add(entry, "setName", name)


def _get_record(parent, arguments) -> None:
    prefix = arguments["metadataPrefix"]
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"{prefix} is not a metadata format here")
    kind, pk = _item_id(arguments["identifier"])
    if kind == RESOURCE:
        resource = _resource(pk)
        if prefix != "oai_dc":
            raise OaiError("cannotDisseminateFormat", "a resource is described in oai_dc only")
        _record(_add(parent, "GetRecord"), (resource.updated_at, kind, pk, resource), prefix)
        return
    record = Record.objects.select_related("library__library").filter(pk=pk).first()
    if record is not None:
        item = (record.modified_at, RECORD, record.pk, record)
        marc21 = record.source_format in MARC21_SOURCES
    else:
        gone = DeletedRecord.objects.filter(record_id=pk).first()
        if gone is None:
            raise OaiError(
                "idDoesNotExist", f"no item has the identifier {arguments['identifier']}"
            )
        item, marc21 = (gone.deleted_at, DELETED, gone.pk, gone), gone.marc21
    if prefix == "marc21" and not marc21:
        raise OaiError("cannotDisseminateFormat", "this record is not catalogued in MARC 21")
    _record(_add(parent, "GetRecord"), item, prefix)


def _list(parent, arguments) -> None:
    request = _list_request(arguments)
    items, more = _page(request)
    if not items:
        raise OaiError("noRecordsMatch", "no record matches the request")
    body = _add(parent, request.verb)
    for item in items:
        if request.verb == "ListIdentifiers":
            _header(body, item)
        else:
            _record(body, item, request.prefix)
    _token(body, request, items, more)


def respond(params, base_url: str) -> bytes:
    """The OAI-PMH response to one request (GET query or POST form), as XML bytes."""
    root = etree.Element(f"{{{NS}}}OAI-PMH", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {SCHEMA}")
    _add(root, "responseDate", _stamp(timezone.now()))
    request_element = _add(root, "request", base_url)
    try:
        arguments = _arguments(params)
    except OaiError as exc:
        _add(root, "error", str(exc), code=exc.code)
        return _document(root)
    for name, value in arguments.items():
        request_element.set(name, value)
    try:
        verb = arguments["verb"]
        if verb == "Identify":
            _identify(root, base_url)
        elif verb == "ListMetadataFormats":
            _formats(root, arguments)
        elif verb == "ListSets":
            if "resumptionToken" in arguments:
                raise OaiError("badResumptionToken", "ListSets is complete in one response")
            _sets(root)
        elif verb == "GetRecord":
            _get_record(root, arguments)
        else:
            _list(root, arguments)
    except OaiError as exc:
        if exc.code == "badArgument":
            for name in list(request_element.attrib):
                del request_element.attrib[name]
        while len(root) > 2:
            root.remove(root[-1])
        _add(root, "error", str(exc), code=exc.code)
    return _document(root)


def _document(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
