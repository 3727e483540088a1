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
from lxml import etree

from amur.library import oai
from amur.library.models import DeletedRecord, Record
from tests.factories.library import LibrarySettingsFactory, RecordFactory

pytestmark = pytest.mark.django_db
OAI = "http://www.openarchives.org/OAI/2.0/"
N = {"o": OAI, "dc": "http://purl.org/dc/elements/1.1/",
     "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
     "marc": "http://www.loc.gov/MARC21/slim"}  # fmt: skip
URL = "/library/oai"

# The OAI-PMH schema's content models: (child, minOccurs, maxOccurs or None for unbounded).
MODELS = {
    "Identify": [("repositoryName", 1, 1), ("baseURL", 1, 1), ("protocolVersion", 1, 1),
                 ("adminEmail", 1, None), ("earliestDatestamp", 1, 1), ("deletedRecord", 1, 1),
                 ("granularity", 1, 1), ("compression", 0, None), ("description", 0, None)],
    "ListMetadataFormats": [("metadataFormat", 1, None)],
    "metadataFormat": [("metadataPrefix", 1, 1), ("schema", 1, 1), ("metadataNamespace", 1, 1)],
    "ListSets": [("set", 1, None), ("resumptionToken", 0, 1)],
    "set": [("setSpec", 1, 1), ("setName", 1, 1), ("setDescription", 0, None)],
    "GetRecord": [("record", 1, 1)],
    "ListRecords": [("record", 1, None), ("resumptionToken", 0, 1)],
    "ListIdentifiers": [("header", 1, None), ("resumptionToken", 0, 1)],
    "record": [("header", 1, 1), ("metadata", 0, 1), ("about", 0, None)],
    "header": [("identifier", 1, 1), ("datestamp", 1, 1), ("setSpec", 0, None)],
}  # fmt: skip
ERRORS = {"cannotDisseminateFormat", "idDoesNotExist", "badArgument", "badVerb",
          "noMetadataFormats", "noRecordsMatch", "badResumptionToken",
          "noSetHierarchy"}  # fmt: skip
UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
SET_SPEC = re.compile(r"([A-Za-z0-9\-_.!~*'()])+(:[A-Za-z0-9\-_.!~*'()]+)*")
DC_ELEMENTS = {"title", "creator", "subject", "description", "publisher", "contributor", "date",
               "type", "format", "identifier", "source", "language", "relation", "coverage",
               "rights"}  # fmt: skip


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
        assert all(etree.QName(c).namespace == N["dc"] and local(c) in DC_ELEMENTS
                   for c in element)  # fmt: skip
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
        RecordFactory(library=first.organisation, languages="rus", isbn="9785170545377",
                      marcxml="<record><leader>00000nam a2200000 i 4500</leader>"
                              "<controlfield tag='001'>x1</controlfield>"
                              "<datafield tag='245' ind1='1' ind2='0'><subfield code='a'>"
                              "Evgeniĭ Onegin</subfield></datafield></record>"),
        RecordFactory(library=first.organisation, languages="rus,chi", source_format="marcxml"),
        RecordFactory(library=second.organisation, languages="chi", source_format="unimarc",
                      title="Hong lou meng"),
    ]  # fmt: skip
    for record, moment in zip(records, ["2026-01-01T10:00:00Z", "2026-01-02T08:00:00Z",
                                        "2026-01-03T12:30:00Z"], strict=True):  # fmt: skip
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
    sample = identify.findtext(".//{http://www.openarchives.org/OAI/2.0/oai-identifier}"
                               "sampleIdentifier")  # fmt: skip
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
    assert specs == ["library", "language", "library:CN-HLJU", "library:RU-HbAM", "language:chi",
                     "language:rus"]  # fmt: skip
    everything = [oai.identifier(r.pk) for r in (onegin, mixed, unimarc)]
    assert ids(dc) == everything  # in datestamp order
    assert ids(marc) == everything[:2]  # UNIMARC is not MARC 21
    assert ids(russian) == everything[:2]
    assert ids(chinese) == everything[1:]
    assert ids(hlju) == everything[2:]
    assert ids(whole) == everything
    headers = dc.findall(".//o:header", N)
    assert [s.text for s in headers[1].findall("o:setSpec", N)] == [
        "library:RU-HbAM", "language:rus", "language:chi"]  # fmt: skip
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
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T10:00:00"},
         "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01",
          "until": "2026-01-02T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-03",
          "until": "2026-01-02"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
         "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "mods", "identifier": "oai:x:1"},
         "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere.org:1"},
         "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "oai:amur.localhost:999999"},
         "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2030-01-01"},
         "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "library:XX-NONE"},
         "noRecordsMatch"),
    ],
)  # fmt: skip
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

    not_marc = get(client, verb="GetRecord", identifier=oai.identifier(unimarc.pk),
                   metadataPrefix="marc21")  # fmt: skip
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
    everything = {oai.identifier(pk) for pk in Record.objects.values_list("pk", flat=True)}
    in_marc21 = {oai.identifier(pk) for pk in Record.objects.filter(
        source_format__in=oai.MARC21_SOURCES).values_list("pk", flat=True)}  # fmt: skip
    assert len(everything) > 25

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
        single = sickle.GetRecord(identifier=records[0].header.identifier, metadataPrefix="oai_dc")

        assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
        assert identify.deletedRecord == "persistent"
        assert {r.header.identifier for r in records} == everything
        assert len(records) == len(everything)
        assert {r.header.identifier for r in marc} == in_marc21
        assert {h.identifier for h in headers} == everything
        assert sorted(by_library) == sorted(everything)
        assert all(r.metadata.get("title") for r in records)
        assert single.header.identifier == records[0].header.identifier
        for response in (records[0], marc[0]):
            check_response(etree.tostring(response.xml.getroottree().getroot()))
