# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The union catalogue's OAI-PMH 2.0 provider (amur.library.oai).

Every response is checked against the structure the OAI-PMH 2.0 specification and its
schema (http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd) define, written down below as
data (the schema file itself is not vendored); a real harvester, Sickle from PyPI, harvests
the whole demo catalogue over HTTP.
"""

import re
from contextlib import suppress
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from amur.library import oai
from amur.library.models import DeletedRecord, Record
from amur.resources import services as resource_services
from amur.resources.models import Resource
from tests.factories.alliances import AllianceFactory
from tests.factories.directory import UserFactory
from tests.factories.library import LibrarySettingsFactory, RecordFactory
from tests.factories.resources import ResourceFactory

pytestmark = pytest.mark.django_db
OAI = "http://www.openarchives.org/OAI/2.0/"
N = {
    "o": OAI,
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "marc": "http://www.loc.gov/MARC21/slim",
}
URL = "/library/oai"

# The OAI-PMH schema's content models: (child, minOccurs, maxOccurs or None for unbounded).
MODELS = {
    "Identify": [
        ("repositoryName", 1, 1),
        ("baseURL", 1, 1),
        ("protocolVersion", 1, 1),
        ("adminEmail", 1, None),
        ("earliestDatestamp", 1, 1),
        ("deletedRecord", 1, 1),
        ("granularity", 1, 1),
        ("compression", 0, None),
        ("description", 0, None),
    ],
    "ListMetadataFormats": [("metadataFormat", 1, None)],
    "metadataFormat": [("metadataPrefix", 1, 1), ("schema", 1, 1), ("metadataNamespace", 1, 1)],
    "ListSets": [("set", 1, None), ("resumptionToken", 0, 1)],
    "set": [("setSpec", 1, 1), ("setName", 1, 1), ("setDescription", 0, None)],
    "GetRecord": [("record", 1, 1)],
    "ListRecords": [("record", 1, None), ("resumptionToken", 0, 1)],
    "ListIdentifiers": [("header", 1, None), ("resumptionToken", 0, 1)],
    "record": [("header", 1, 1), ("metadata", 0, 1), ("about", 0, None)],
    "header": [("identifier", 1, 1), ("datestamp", 1, 1), ("setSpec", 0, None)],
}
ERRORS = {
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "badArgument",
    "badVerb",
    "noMetadataFormats",
    "noRecordsMatch",
    "badResumptionToken",
    "noSetHierarchy",
}
UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
SET_SPEC = re.compile(r"([A-Za-z0-9\-_.!~*'()])+(:[A-Za-z0-9\-_.!~*'()]+)*")
DC_ELEMENTS = {
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
}


def local(element) -> str:
    return etree.QName(element).localname


def check_model(element) -> None:
    name = local(element)
    if name not in MODELS:
        return
    children = [local(c) for c in element]
    position = 0
    for child, low, high in MODELS[name]:
        count = 0
        while position < len(children) and children[position] == child:
            position, count = position + 1, count + 1
        assert count >= low, f"{name} lacks {child}"
        assert high is None or count <= high, f"{name} has too many {child}"
    assert position == len(children), f"{name}: {children[position:]} out of order or unknown"
    for child in element:
        if etree.QName(child).namespace == OAI:
            check_model(child)


def check_response(content: bytes):
    """An OAI-PMH response as the schema defines it; returns the root."""
    root = etree.fromstring(content)
    assert root.tag == f"{{{OAI}}}OAI-PMH"
    children = [local(c) for c in root]
    assert children[:2] == ["responseDate", "request"]
    assert UTC_SECOND.fullmatch(root.findtext("o:responseDate", namespaces=N))
    if children[2] == "error":
        assert set(children[2:]) == {"error"}
        assert all(e.get("code") in ERRORS for e in root.findall("o:error", N))
    else:
        assert len(children) == 3
        assert children[2] in MODELS
        check_model(root[2])
    for header in root.iter(f"{{{OAI}}}header"):
        assert header.get("status") in (None, "deleted")
        assert UTC_SECOND.fullmatch(header.findtext("o:datestamp", namespaces=N))
        assert header.findtext("o:identifier", namespaces=N).startswith("oai:")
        for spec in header.findall("o:setSpec", N):
            assert SET_SPEC.fullmatch(spec.text)
    for spec in root.iter(f"{{{OAI}}}setSpec"):
        assert SET_SPEC.fullmatch(spec.text)
    for record in root.iter(f"{{{OAI}}}record"):
        metadata = record.find("o:metadata", N)
        deleted = record.find("o:header", N).get("status") == "deleted"
        assert (metadata is None) == deleted
        if metadata is not None:
            assert len(metadata) == 1
            check_metadata(metadata[0])
    return root


def check_metadata(element) -> None:
    if element.tag == f"{{{N['oai_dc']}}}dc":
        assert element.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
        assert all(etree.QName(c).namespace == N["dc"] and local(c) in DC_ELEMENTS for c in element)
    else:
        assert element.tag == f"{{{N['marc']}}}record"
        order = {"leader": 0, "controlfield": 1, "datafield": 2}
        positions = [order[local(c)] for c in element]
        assert positions == sorted(positions)
        assert all(etree.QName(e).namespace == N["marc"] for e in element.iter())


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return check_response(response.content)


def error_code(root) -> str | None:
    error = root.find("o:error", N)
    return None if error is None else error.get("code")


def ids(root) -> list[str]:
    return [e.text for e in root.iterfind(".//o:header/o:identifier", N)]


def _at(record, moment: str):
    stamp = datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(UTC)
    Record.objects.filter(pk=record.pk).update(modified_at=stamp)


@pytest.fixture
def catalogue():
    first, second = LibrarySettingsFactory(code="RU-HbAM"), LibrarySettingsFactory(code="CN-HLJU")
    records = [
        RecordFactory(
            library=first.organisation,
            languages="rus",
            isbn="9785170545377",
            marcxml="<record><leader>00000nam a2200000 i 4500</leader>"
            "<controlfield tag='001'>x1</controlfield>"
            "<datafield tag='245' ind1='1' ind2='0'><subfield code='a'>"
            "Evgeniĭ Onegin</subfield></datafield></record>",
        ),
        RecordFactory(library=first.organisation, languages="rus,chi", source_format="marcxml"),
        RecordFactory(
            library=second.organisation,
            languages="chi",
            source_format="unimarc",
            title="Hong lou meng",
        ),
    ]
    for record, moment in zip(
        records,
        ["2026-01-01T10:00:00Z", "2026-01-02T08:00:00Z", "2026-01-03T12:30:00Z"],
        strict=True,
    ):
        _at(record, moment)
    return first, second, records


def test_identify_declares_granularity_deletions_and_identifiers(client, catalogue):
    root = get(client, verb="Identify")

    identify = root.find("o:Identify", N)
    assert identify.findtext("o:protocolVersion", namespaces=N) == "2.0"
    assert identify.findtext("o:granularity", namespaces=N) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext("o:deletedRecord", namespaces=N) == "persistent"
    assert identify.findtext("o:earliestDatestamp", namespaces=N) == "2026-01-01T10:00:00Z"
    assert identify.findtext("o:baseURL", namespaces=N) == "http://testserver/library/oai"
    assert re.fullmatch(r"\S+@(\S+\.)+\S+", identify.findtext("o:adminEmail", namespaces=N))
    sample = identify.findtext(
        ".//{http://www.openarchives.org/OAI/2.0/oai-identifier}sampleIdentifier"
    )
    assert sample == oai.identifier(1)
    assert root.find("o:request", N).attrib == {"verb": "Identify"}


def test_formats_sets_and_records(client, catalogue):
    _first, _second, (onegin, mixed, unimarc) = catalogue

    formats = get(client, verb="ListMetadataFormats")
    of_unimarc = get(client, verb="ListMetadataFormats", identifier=oai.identifier(unimarc.pk))
    sets = get(client, verb="ListSets")
    dc = get(client, verb="ListRecords", metadataPrefix="oai_dc")
    marc = get(client, verb="ListRecords", metadataPrefix="marc21")
    russian = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:rus")
    chinese = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:chi")
    hlju = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="library:CN-HLJU")
    whole = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="library")
    one = get(
        client, verb="GetRecord", identifier=oai.identifier(onegin.pk), metadataPrefix="marc21"
    )

    prefixes = [e.text for e in formats.iterfind(".//o:metadataPrefix", N)]
    assert prefixes == ["oai_dc", "marc21"]
    assert [e.text for e in of_unimarc.iterfind(".//o:metadataPrefix", N)] == ["oai_dc"]
    specs = [e.text for e in sets.iterfind(".//o:setSpec", N)]
    assert specs == [
        "library",
        "language",
        "resources",
        "library:CN-HLJU",
        "library:RU-HbAM",
        "language:chi",
        "language:rus",
    ]
    everything = [oai.identifier(r.pk) for r in (onegin, mixed, unimarc)]
    assert ids(dc) == everything  # in datestamp order
    assert ids(marc) == everything[:2]  # UNIMARC is not MARC 21
    assert ids(russian) == everything[:2]
    assert ids(chinese) == everything[1:]
    assert ids(hlju) == everything[2:]
    assert ids(whole) == everything
    headers = dc.findall(".//o:header", N)
    assert [s.text for s in headers[1].findall("o:setSpec", N)] == [
        "library:RU-HbAM",
        "language:rus",
        "language:chi",
    ]
    assert headers[0].findtext("o:datestamp", namespaces=N) == "2026-01-01T10:00:00Z"
    record = dc.find(".//o:metadata/oai_dc:dc", N)
    assert record.findtext("dc:title", namespaces=N) == "Evgeniĭ Onegin"
    assert "urn:isbn:9785170545377" in [e.text for e in record.iterfind("dc:identifier", N)]
    marc_record = one.find(".//o:metadata/marc:record", N)
    assert marc_record.findtext("marc:datafield[@tag='245']/marc:subfield", namespaces=N) == (
        "Evgeniĭ Onegin"
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2026-01-02"}, [1, 2]),
        ({"until": "2026-01-02"}, [0, 1]),
        ({"from": "2026-01-02", "until": "2026-01-02"}, [1]),
        ({"until": "2026-01-01T10:00:00Z"}, [0]),  # the whole second is included
        ({"from": "2026-01-01T10:00:01Z"}, [1, 2]),
        ({"from": "2026-01-03T12:30:00Z", "until": "2026-01-03T12:30:00Z"}, [2]),
    ],
)
def test_selective_harvesting_by_date_at_both_granularities(client, catalogue, params, expected):
    records = catalogue[2]

    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)

    assert ids(root) == [oai.identifier(records[n].pk) for n in expected]


def test_deleted_records_are_declared_and_honoured(client, catalogue):
    _first, _second, (onegin, mixed, unimarc) = catalogue
    gone = oai.identifier(mixed.pk)
    mixed.delete()
    DeletedRecord.objects.filter(record_id=mixed.pk).update(
        deleted_at=datetime(2026, 2, 1, tzinfo=UTC)
    )

    listed = get(client, verb="ListRecords", metadataPrefix="marc21")
    since = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2026-02-01"})
    single = get(client, verb="GetRecord", identifier=gone, metadataPrefix="oai_dc")
    in_set = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="language:chi")
    formats = get(client, verb="ListMetadataFormats", identifier=gone)

    assert ids(listed) == [oai.identifier(onegin.pk), gone]
    assert listed.findall(".//o:header", N)[1].get("status") == "deleted"
    assert ids(since) == [gone]
    assert single.find(".//o:header", N).get("status") == "deleted"
    assert single.find(".//o:metadata", N) is None
    assert ids(in_set) == [oai.identifier(unimarc.pk), gone]
    assert [e.text for e in formats.iterfind(".//o:metadataPrefix", N)] == ["oai_dc", "marc21"]


def test_resumption_tokens_survive_concurrent_changes(client, monkeypatch):
    monkeypatch.setattr(oai, "PAGE", 3)
    library = LibrarySettingsFactory().organisation
    records = [RecordFactory(library=library, title=f"Book {n}") for n in range(8)]

    first = get(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(".//o:resumptionToken", N)
    harvested = ids(first)
    # Between two pages: one record seen changes, one not yet seen goes, one seen goes,
    # and a new one comes.
    changed = records[0]
    changed.title = "Book 0, second edition"
    changed.save()
    unseen, seen = oai.identifier(records[6].pk), oai.identifier(records[1].pk)
    records[6].delete()
    records[1].delete()
    added = RecordFactory(library=library, title="Book 8")
    statuses = {}
    pages = [first]
    while token is not None and token.text:
        page = get(client, verb="ListRecords", resumptionToken=token.text)
        pages.append(page)
        harvested += ids(page)
        token = page.find(".//o:resumptionToken", N)
    for page in pages:
        for header in page.iterfind(".//o:header", N):
            statuses[header.findtext("o:identifier", namespaces=N)] = header.get("status")

    alive = Record.objects.values_list("pk", flat=True)
    assert {oai.identifier(pk) for pk in alive} <= set(harvested)
    assert oai.identifier(added.pk) in harvested
    assert statuses[unseen] == "deleted"
    assert statuses[seen] == "deleted"
    assert harvested.count(oai.identifier(changed.pk)) == 2  # once before, once after the change
    assert statuses[oai.identifier(changed.pk)] is None
    assert token.get("cursor") == str(len(harvested) - len(ids(pages[-1])))
    assert first.find(".//o:resumptionToken", N).get("cursor") == "0"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "set": "library"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "marc21"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-1-1"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T10:00:00"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2026-01-01",
                "until": "2026-01-02T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2026-01-03",
                "until": "2026-01-02",
            },
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
            "badArgument",
        ),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "mods", "identifier": "oai:x:1"},
            "cannotDisseminateFormat",
        ),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere.org:1"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListMetadataFormats", "identifier": "oai:amur.localhost:999999"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2030-01-01"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "library:XX-NONE"},
            "noRecordsMatch",
        ),
    ],
)
def test_every_error_code_the_repository_can_meet(client, catalogue, params, code):
    root = get(client, **params)

    assert error_code(root) == code
    if code in ("badVerb", "badArgument"):
        assert root.find("o:request", N).attrib == {}
    else:
        assert root.find("o:request", N).get("verb") == params["verb"]


def test_error_for_a_unimarc_record_asked_as_marc21_and_a_token_of_another_verb(client, catalogue):
    unimarc = catalogue[2][2]
    oai_token_page = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(oai, "PAGE", 1)
        oai_token_page = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = oai_token_page.find(".//o:resumptionToken", N).text

    not_marc = get(
        client, verb="GetRecord", identifier=oai.identifier(unimarc.pk), metadataPrefix="marc21"
    )
    other_verb = get(client, verb="ListRecords", resumptionToken=token)

    assert error_code(not_marc) == "cannotDisseminateFormat"
    assert error_code(other_verb) == "badResumptionToken"


def test_post_is_taken_like_get_and_needs_no_login(client, catalogue):
    response = client.post(URL, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})

    assert response.status_code == 200
    assert len(ids(check_response(response.content))) == 3


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_the_whole_demo_catalogue(live_server, monkeypatch):
    from sickle import Sickle
    from sickle.oaiexceptions import NoRecordsMatch

    call_command("demo", verbosity=0)
    monkeypatch.setattr(oai, "PAGE", 25)  # several resumption tokens on the way
    catalogue = {oai.identifier(pk) for pk in Record.objects.values_list("pk", flat=True)}
    # The demo's public shared resources are offered in the same repository (oai_dc only).
    shared = {
        oai.resource_identifier(pk)
        for pk in Resource.objects.filter(audience="public", status="published").values_list(
            "pk", flat=True
        )
    }
    everything = catalogue | shared
    in_marc21 = {
        oai.identifier(pk)
        for pk in Record.objects.filter(source_format__in=oai.MARC21_SOURCES).values_list(
            "pk", flat=True
        )
    }
    assert len(catalogue) > 25
    assert shared

    for method in ("GET", "POST"):
        sickle = Sickle(f"{live_server.url}{URL}", http_method=method, max_retries=0)
        identify = sickle.Identify()
        records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
        marc = list(sickle.ListRecords(metadataPrefix="marc21"))
        headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc"))
        sets = [s.setSpec for s in sickle.ListSets()]
        by_library = []
        for spec in sets:
            if spec.startswith("library:"):
                with suppress(NoRecordsMatch):  # a member library with no catalogue here
                    by_library += [
                        h.identifier
                        for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set=spec)
                    ]
        in_resources_set = [
            h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set="resources")
        ]
        single = sickle.GetRecord(identifier=records[0].header.identifier, metadataPrefix="oai_dc")

        assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
        assert identify.deletedRecord == "persistent"
        assert {r.header.identifier for r in records} == everything
        assert len(records) == len(everything)
        assert {r.header.identifier for r in marc} == in_marc21
        assert {h.identifier for h in headers} == everything
        assert sorted(by_library) == sorted(catalogue)
        assert set(in_resources_set) == shared
        assert all(r.metadata.get("title") for r in records)
        assert single.header.identifier == records[0].header.identifier
        for response in (records[0], marc[0]):
            check_response(etree.tostring(response.xml.getroottree().getroot()))


# Resources (amur.resources) in the same repository ------------------------------------


def _resource_at(resource, moment: str):
    stamp = datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(UTC)
    Resource.objects.filter(pk=resource.pk).update(updated_at=stamp)


@pytest.fixture
def shelf():
    """Two public resources, and one of each audience a harvester must never see."""
    public = [
        ResourceFactory(title_en="Welding in Chinese", languages="|ru|zh|", licence="cc-by-sa"),
        ResourceFactory(
            title_en="Joint teaching plan",
            title_zh="",
            languages="|ru|",
            original_language="ru",
            licence="all-rights-reserved",
        ),
    ]
    hidden = [
        ResourceFactory(audience="alliance", alliance=AllianceFactory()),
        ResourceFactory(audience="partners"),
        ResourceFactory(audience="owner"),
        ResourceFactory(status="draft"),
    ]
    moments = ["2026-01-02T08:00:00Z", "2026-01-05T09:00:00Z", *["2026-01-04T00:00:00Z"] * 4]
    for resource, moment in zip(public + hidden, moments, strict=True):
        _resource_at(resource, moment)
    return public, hidden


def dc_values(record, name: str) -> list[str]:
    return [e.text for e in record.iterfind(f".//oai_dc:dc/dc:{name}", N)]


def test_the_resources_set_holds_every_public_resource_and_nothing_else(client, catalogue, shelf):
    public, hidden = shelf
    records = catalogue[2]

    sets = get(client, verb="ListSets")
    harvest = get(client, verb="ListRecords", metadataPrefix="oai_dc", set="resources")
    everything = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    of_records = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="library")
    as_marc = get(client, verb="ListIdentifiers", metadataPrefix="marc21", set="resources")

    assert ("resources", "Teaching and academic resources") in [
        (s.findtext("o:setSpec", namespaces=N), s.findtext("o:setName", namespaces=N))
        for s in sets.iterfind(".//o:set", N)
    ]
    assert ids(harvest) == [oai.resource_identifier(r.pk) for r in public]
    for header in harvest.iterfind(".//o:header", N):
        assert header.get("status") is None
        assert [s.text for s in header.findall("o:setSpec", N)] == ["resources"]
    stamps = [h.findtext("o:datestamp", namespaces=N) for h in harvest.iterfind(".//o:header", N)]
    assert stamps == ["2026-01-02T08:00:00Z", "2026-01-05T09:00:00Z"]
    # Records and resources in one datestamp order when no set is asked for.
    assert ids(everything) == [
        oai.identifier(records[0].pk),
        oai.identifier(records[1].pk),
        oai.resource_identifier(public[0].pk),
        oai.identifier(records[2].pk),
        oai.resource_identifier(public[1].pk),
    ]
    assert ids(of_records) == [oai.identifier(r.pk) for r in records]
    assert error_code(as_marc) == "noRecordsMatch"
    for resource in hidden:
        assert oai.resource_identifier(resource.pk) not in ids(everything)


def test_a_resource_record_carries_its_licence_languages_and_titles(client, shelf):
    welding, plan = shelf[0]

    first = get(
        client,
        verb="GetRecord",
        identifier=oai.resource_identifier(welding.pk),
        metadataPrefix="oai_dc",
    )
    in_russian = client.get(
        URL,
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": oai.resource_identifier(plan.pk),
        },
        headers={"accept-language": "ru"},
    )
    second = check_response(in_russian.content)

    assert dc_values(first, "rights") == [
        "CC BY-SA 4.0 — https://creativecommons.org/licenses/by-sa/4.0/"
    ]
    assert dc_values(first, "language") == ["ru", "zh"]
    assert "Welding in Chinese" in dc_values(first, "title")
    assert welding.title_zh in dc_values(first, "title")
    assert f"amur:resource:{welding.pk}" in dc_values(first, "identifier")
    assert dc_values(second, "rights") == ["All rights reserved"]  # in English for everyone
    assert dc_values(second, "language") == ["ru"]


def test_a_restricted_resource_is_not_an_item_of_the_repository(client, shelf):
    hidden = shelf[1]

    for resource in hidden:
        identifier = oai.resource_identifier(resource.pk)
        single = get(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
        formats = get(client, verb="ListMetadataFormats", identifier=identifier)

        assert error_code(single) == "idDoesNotExist"
        assert error_code(formats) == "idDoesNotExist"


def test_a_resource_is_offered_as_oai_dc_only(client, shelf):
    identifier = oai.resource_identifier(shelf[0][0].pk)

    formats = get(client, verb="ListMetadataFormats", identifier=identifier)
    as_marc = get(client, verb="GetRecord", identifier=identifier, metadataPrefix="marc21")
    unknown = get(client, verb="GetRecord", identifier=f"{identifier}9", metadataPrefix="oai_dc")
    malformed = get(
        client,
        verb="GetRecord",
        identifier=identifier.replace("resource", "book"),
        metadataPrefix="oai_dc",
    )

    assert [e.text for e in formats.iterfind(".//o:metadataPrefix", N)] == ["oai_dc"]
    assert error_code(as_marc) == "cannotDisseminateFormat"
    assert error_code(unknown) == "idDoesNotExist"
    assert error_code(malformed) == "idDoesNotExist"


def test_a_resource_no_longer_public_is_announced_as_deleted(client, shelf):
    welding, plan = shelf[0]
    never_public = shelf[1][2]
    owner = UserFactory()
    gone, narrowed = oai.resource_identifier(welding.pk), oai.resource_identifier(plan.pk)

    resource_services.resource_withdraw(resource=welding, by=owner)
    resource_services.resource_update(resource=plan, by=owner, audience="owner")
    resource_services.resource_withdraw(resource=never_public, by=owner)
    listed = get(client, verb="ListRecords", metadataPrefix="oai_dc", set="resources")
    single = get(client, verb="GetRecord", identifier=gone, metadataPrefix="oai_dc")
    today = timezone.now().date().isoformat()
    since = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": today})

    assert ids(listed) == [gone, narrowed]
    assert [h.get("status") for h in listed.iterfind(".//o:header", N)] == ["deleted", "deleted"]
    assert listed.find(".//o:metadata", N) is None
    assert single.find(".//o:header", N).get("status") == "deleted"
    assert single.find(".//o:metadata", N) is None
    assert ids(since) == [gone, narrowed]  # the datestamp moved when they went
    assert oai.resource_identifier(never_public.pk) not in ids(listed)


def test_a_resource_public_again_is_a_record_again(client, shelf):
    welding = shelf[0][0]
    owner = UserFactory()
    resource_services.resource_update(resource=welding, by=owner, audience="owner")

    resource_services.resource_update(resource=welding, by=owner, audience="public")
    single = get(
        client,
        verb="GetRecord",
        identifier=oai.resource_identifier(welding.pk),
        metadataPrefix="oai_dc",
    )

    assert single.find(".//o:header", N).get("status") is None
    assert dc_values(single, "rights")


def test_resumption_tokens_run_across_records_and_resources(client, monkeypatch):
    monkeypatch.setattr(oai, "PAGE", 2)
    library = LibrarySettingsFactory().organisation
    records = [RecordFactory(library=library, title=f"Book {n}") for n in range(4)]
    resources = [ResourceFactory() for _ in range(3)]
    gone = records.pop(3)
    gone_id = oai.identifier(gone.pk)
    gone.delete()
    for item in records:
        _at(item, "2026-03-01T00:00:00Z")  # one datestamp for all: ties broken by kind and id
    for item in resources:
        _resource_at(item, "2026-03-01T00:00:00Z")
    DeletedRecord.objects.update(deleted_at=datetime(2026, 3, 1, tzinfo=UTC))

    page = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    harvested, cursors = ids(page), []
    token = page.find(".//o:resumptionToken", N)
    while token is not None and token.text:
        cursors.append(token.get("cursor"))
        page = get(client, verb="ListIdentifiers", resumptionToken=token.text)
        harvested += ids(page)
        token = page.find(".//o:resumptionToken", N)

    assert harvested == (
        [oai.identifier(r.pk) for r in records]
        + [gone_id]
        + [oai.resource_identifier(r.pk) for r in resources]
    )
    assert cursors == ["0", "2", "4"]
    assert token.get("cursor") == "6"


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_the_resources_set(live_server, monkeypatch):
    from sickle import Sickle

    monkeypatch.setattr(oai, "PAGE", 2)  # resumption tokens on the way
    licences = ("cc-by", "cc-by-nc", "cc0", "own-terms", "all-rights-reserved")
    public = [ResourceFactory(languages="|ru|zh|", licence=licence) for licence in licences]
    hidden = [
        ResourceFactory(audience="owner"),
        ResourceFactory(audience="partners"),
        ResourceFactory(status="draft"),
    ]
    RecordFactory(library=LibrarySettingsFactory().organisation)
    sickle = Sickle(f"{live_server.url}{URL}", max_retries=0)

    sets = {s.setSpec: s.setName for s in sickle.ListSets()}
    records = list(sickle.ListRecords(metadataPrefix="oai_dc", set="resources"))
    single = sickle.GetRecord(
        identifier=oai.resource_identifier(public[2].pk), metadataPrefix="oai_dc"
    )

    assert sets["resources"] == "Teaching and academic resources"
    assert [r.header.identifier for r in records] == [
        oai.resource_identifier(r.pk) for r in sorted(public, key=lambda r: (r.updated_at, r.pk))
    ]
    assert not {oai.resource_identifier(r.pk) for r in hidden} & {
        r.header.identifier for r in records
    }
    for record in records:
        assert record.header.setSpecs == ["resources"]
        assert record.metadata["language"] == ["ru", "zh"]
        assert record.metadata["rights"][0]
    assert [r.metadata["rights"][0].split(" — ")[0] for r in records] == [
        "CC BY 4.0",
        "CC BY-NC 4.0",
        "CC0 1.0",
        "The owner's own terms",
        "All rights reserved",
    ]
    assert single.metadata["rights"] == [
        "CC0 1.0 — https://creativecommons.org/publicdomain/zero/1.0/"
    ]
