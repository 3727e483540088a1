# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""EWP documents received from a partner's system: checked against the official schema
before anything is read; a partner's copy of an IIA matched to our agreement, its own ids
recorded and then carried by the IIAs we send; nothing recorded from a bad document."""

from datetime import date

import pytest
from lxml import etree

from amur.mobility import ewp, services
from amur.mobility.ewp_schemas import document_check
from amur.mobility.models import Condition, PartnerIia
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory
from tests.mobility.ewp_schemas import assert_valid

pytestmark = pytest.mark.django_db

NS = ewp.NS_IIAS
I = {"i": NS}  # noqa: E741


@pytest.fixture
def pair():
    """Harbin (on Amur) and its St Petersburg partner, whose own EWP system sends copies."""
    harbin = OrganisationFactory(slug="harbin-r", website="https://www.hrbcu.edu.cn/")
    petersburg = OrganisationFactory(
        slug="spb-r", place=moscow(), website="https://www.conservatory.ru/"
    )
    agreement = AgreementFactory(owner=harbin, status="active", signed_on=date(2024, 9, 1))
    agreement.partners.set([harbin, petersburg])
    Condition.objects.create(
        agreement=agreement,
        sending=harbin,
        receiving=petersburg,
        academic_year="2026/2027",
        students=3,
        student_months=5,
        language="ru",
        language_level="b1",
        isced_code="0215",
        eqf_level=6,
    )
    editor = UserFactory(username="harbin-editor")
    give_role(editor, harbin, "editor")
    return agreement, harbin, petersburg, editor


def _partner_copy(agreement, harbin, petersburg, *, their_id="SPB-IIA-77", students=None):
    """The IIA as the partner's system would send it: itself first with its own ids, then
    our side with the id we gave it; optionally with other conditions."""
    ours = etree.fromstring(ewp.iias_get_response([agreement], local=petersburg))
    iia = ours.find(f"{{{NS}}}iia")
    first = iia.findall(f"{{{NS}}}partner")[0]
    first.find(f"{{{NS}}}iia-id").text = their_id
    first.find(f"{{{NS}}}iia-code").text = "СПбГК-2024/17"
    if students is not None:
        iia.find(f".//{{{NS}}}mobilities-per-year").text = str(students)
    iia.find(f"{{{NS}}}iia-hash").text = ewp.iia_hash(iia)
    return etree.tostring(ours, xml_declaration=True, encoding="UTF-8")


def test_the_partners_copy_is_valid_before_we_take_it_in(pair):
    agreement, harbin, petersburg, _editor = pair

    assert_valid("iias", _partner_copy(agreement, harbin, petersburg))


def test_a_partners_copy_records_its_ids_and_our_iias_then_carry_them(pair):
    agreement, harbin, petersburg, editor = pair

    receipt = services.ewp_receive(content=_partner_copy(agreement, harbin, petersburg), by=editor)
    sent = assert_valid("iias", ewp.iias_get_response([agreement], local=harbin))

    assert receipt.ok
    [outcome] = receipt.outcomes
    assert (outcome.state, outcome.agreement_id, outcome.conditions_agree) == (
        "recorded",
        agreement.pk,
        True,
    )
    recorded = PartnerIia.objects.get()
    assert (recorded.organisation, recorded.counterpart, recorded.iia_id, recorded.iia_code) == (
        petersburg,
        harbin,
        "SPB-IIA-77",
        "СПбГК-2024/17",
    )
    ids = sent.xpath("i:iia/i:partner/i:iia-id/text()", namespaces=I)
    codes = sent.xpath("i:iia/i:partner/i:iia-code/text()", namespaces=I)
    assert ids == [ewp.iia_id(agreement, harbin, petersburg), "SPB-IIA-77"]
    assert codes[1] == "СПбГК-2024/17"


def test_taking_in_the_same_copy_again_keeps_one_record(pair):
    agreement, harbin, petersburg, editor = pair
    document = _partner_copy(agreement, harbin, petersburg)

    services.ewp_receive(content=document, by=editor)
    services.ewp_receive(content=document, by=editor)

    assert PartnerIia.objects.count() == 1


def test_conditions_that_differ_from_ours_are_recorded_and_said(pair):
    agreement, harbin, petersburg, editor = pair

    receipt = services.ewp_receive(
        content=_partner_copy(agreement, harbin, petersburg, students=9), by=editor
    )

    assert receipt.outcomes[0].state == "recorded"
    assert receipt.outcomes[0].conditions_agree is False
    assert "differ" in receipt.outcomes[0].message


def test_a_copy_without_our_id_is_matched_by_the_only_agreement_of_the_pair(pair):
    agreement, harbin, petersburg, editor = pair
    document = etree.fromstring(_partner_copy(agreement, harbin, petersburg))
    ours = document.xpath("i:iia/i:partner[2]/i:iia-id", namespaces=I)[0]
    ours.getparent().remove(ours)  # the partner has not mapped our id yet

    receipt = services.ewp_receive(content=etree.tostring(document), by=editor)

    assert receipt.outcomes[0].agreement_id == agreement.pk


def test_two_agreements_and_no_id_of_ours_are_ambiguous_and_nothing_is_recorded(pair):
    agreement, harbin, petersburg, editor = pair
    second = AgreementFactory(owner=harbin, status="active")
    second.partners.set([harbin, petersburg])
    document = etree.fromstring(_partner_copy(agreement, harbin, petersburg))
    ours = document.xpath("i:iia/i:partner[2]/i:iia-id", namespaces=I)[0]
    ours.getparent().remove(ours)

    receipt = services.ewp_receive(content=etree.tostring(document), by=editor)

    assert receipt.outcomes[0].state == "ambiguous"
    assert not PartnerIia.objects.exists()


def test_an_editor_of_another_institution_records_nothing(pair):
    agreement, harbin, petersburg, _editor = pair
    stranger = UserFactory()
    give_role(stranger, OrganisationFactory(), "editor")

    receipt = services.ewp_receive(
        content=_partner_copy(agreement, harbin, petersburg), by=stranger
    )

    assert receipt.outcomes[0].state == "not_yours"
    assert not PartnerIia.objects.exists()


def test_an_unknown_institution_is_named(pair):
    agreement, harbin, petersburg, editor = pair
    document = etree.fromstring(_partner_copy(agreement, harbin, petersburg))
    document.xpath("i:iia/i:partner[1]/i:hei-id", namespaces=I)[0].text = "uw.edu.pl"

    receipt = services.ewp_receive(content=etree.tostring(document), by=editor)

    assert receipt.outcomes[0].state == "unknown_institution"
    assert "uw.edu.pl" in receipt.outcomes[0].message


def test_a_document_breaking_the_schema_is_refused_with_its_lines_and_changes_nothing(pair):
    agreement, harbin, petersburg, editor = pair
    document = etree.fromstring(_partner_copy(agreement, harbin, petersburg))
    blended = document.xpath("//i:blended", namespaces=I)[0]
    blended.getparent().remove(blended)  # required in every student specification
    broken = etree.tostring(document, pretty_print=True)

    receipt = services.ewp_receive(content=broken, by=editor)

    assert not receipt.ok
    assert receipt.outcomes == []
    assert not PartnerIia.objects.exists()
    [(line, message)] = receipt.checked.problems
    assert line > 1
    assert "blended" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<iias-get-response", "well-formed"),
        (b"<hello xmlns='urn:x'/>", "root element"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b"<x>&e;</x>",
            "Document type",
        ),
        (b"<x>" + b"a" * (5 * 1024 * 1024) + b"</x>", "5 MB"),
    ],
)
def test_what_is_not_an_ewp_document_is_refused_by_name(content, expected):
    checked = document_check(content)

    assert not checked.ok
    assert expected in checked.problems[0][1]


def test_outgoing_mobilities_and_learning_agreements_are_checked_not_taken_over(pair):
    _agreement, harbin, _petersburg, editor = pair

    for document in (
        ewp.omobilities_get_response(harbin),
        ewp.las_get_response(ewp.stays_of(harbin)),
    ):
        receipt = services.ewp_receive(content=document, by=editor)
        assert receipt.ok
        assert receipt.outcomes == []
    assert not PartnerIia.objects.exists()


def test_blended_mobility_agreed_in_a_condition_is_sent_as_blended(pair):
    agreement, harbin, _petersburg, _editor = pair
    Condition.objects.filter(agreement=agreement).update(blended=True)

    sent = assert_valid("iias", ewp.iias_get_response([agreement], local=harbin))

    assert sent.xpath("//i:blended/text()", namespaces=I) == ["true"]


# -- pages and API ---------------------------------------------------------------------------


def test_the_page_checks_an_upload_and_shows_what_was_recorded(client, pair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement, harbin, petersburg, editor = pair
    client.force_login(editor)
    upload = SimpleUploadedFile("spb.xml", _partner_copy(agreement, harbin, petersburg))

    page = client.post("/mobility/ewp/receive/", {"document": upload})
    broken = client.post("/mobility/ewp/receive/", {"document": SimpleUploadedFile("x.xml", b"<x")})

    assert page.status_code == 200
    assert "SPB-IIA-77" in page.content.decode()
    assert broken.status_code == 400
    assert "nothing was recorded" in broken.content.decode()
    assert PartnerIia.objects.count() == 1


def test_the_api_answers_the_same_receipt(client, pair):
    agreement, harbin, petersburg, editor = pair
    document = _partner_copy(agreement, harbin, petersburg)

    anonymous = client.post(
        "/api/v1/mobility/ewp/receive", document, content_type="application/xml"
    )
    client.force_login(editor)
    answer = client.post("/api/v1/mobility/ewp/receive", document, content_type="application/xml")
    bad = client.post("/api/v1/mobility/ewp/receive", b"<x/>", content_type="application/xml")

    assert anonymous.status_code == 401
    assert answer.json()["ok"] is True
    assert answer.json()["outcomes"][0]["partner_iia_id"] == "SPB-IIA-77"
    assert bad.json()["ok"] is False
    assert bad.json()["problems"][0]["line"] == 1


def test_blended_is_recorded_on_a_condition_and_a_call_through_the_api(client, pair):
    agreement, harbin, petersburg, editor = pair
    client.force_login(editor)

    condition = client.post(
        f"/api/v1/mobility/agreements/{agreement.pk}/conditions",
        {
            "sending": petersburg.pk,
            "receiving": harbin.pk,
            "academic_year": "2027/2028",
            "students": 2,
            "student_months": 4,
            "language": "zh",
            "blended": True,
        },
        content_type="application/json",
    )
    call = client.post(
        f"/api/v1/mobility/agreements/{agreement.pk}/calls",
        {
            "sending": harbin.pk,
            "host": petersburg.pk,
            "kind": "semester",
            "seats": 2,
            "deadline": "2030-01-01T00:00:00Z",
            "title_en": "Blended semester",
            "blended": True,
        },
        content_type="application/json",
    )
    sent = assert_valid("iias", ewp.iias_get_response([agreement], local=harbin))

    assert condition.status_code == 201
    assert condition.json()["blended"] is True
    assert call.status_code == 201
    assert call.json()["blended"] is True
    assert sorted(sent.xpath("//i:blended/text()", namespaces=I)) == ["false", "true"]
