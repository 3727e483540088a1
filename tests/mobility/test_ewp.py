# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Erasmus Without Paper exports, checked structurally: the official XSDs are not available
from any package registry reachable here (see amur/mobility/ewp.py)."""

from datetime import date

import pytest
from lxml import etree

from amur.mobility import ewp, services
from amur.mobility.models import Condition
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory, ApplicationFactory, MobilityFactory

pytestmark = pytest.mark.django_db
I = {"i": ewp.NS_IIAS}  # noqa: E741
O = {"o": ewp.NS_OMOBILITIES}  # noqa: E741
L = {"l": ewp.NS_LAS}


def texts(node, path, ns):
    return [e.text for e in node.xpath(path, namespaces=ns)]


@pytest.fixture
def memorandum():
    """A memorandum of three partners (an alliance's cross-mobility) with conditions."""
    harbin = OrganisationFactory(slug="harbin-x", website="https://www.hrbcu.edu.cn/")
    petersburg = OrganisationFactory(slug="spb-x", place=moscow())
    heihe = OrganisationFactory(slug="heihe-x")
    agreement = AgreementFactory(
        owner=harbin, status="active", signed_on=date(2019, 9, 1), isced_codes="0215"
    )
    agreement.partners.set([harbin, petersburg, heihe])
    Condition.objects.create(
        agreement=agreement,
        sending=harbin,
        receiving=petersburg,
        academic_year="2026/2027",
        students=4,
        student_months=5,
        staff=2,
        staff_days=10,
        language="ru",
        language_level="b1",
        isced_code="0215",
        eqf_level=6,
    )
    Condition.objects.create(
        agreement=agreement,
        sending=petersburg,
        receiving=harbin,
        academic_year="2026/2027",
        students=2,
        student_months=10,
        language="zh",
        language_level="HSK 4",
    )
    Condition.objects.create(
        agreement=agreement,
        sending=heihe,
        receiving=petersburg,
        academic_year="2027/2028",
        staff=1,
        staff_days=14,
    )
    return agreement, harbin, petersburg, heihe


def test_a_memorandum_of_three_becomes_three_pairwise_iias(memorandum):
    agreement, *_ = memorandum

    root = etree.fromstring(ewp.iias_get_response([agreement]))

    assert root.tag == f"{{{ewp.NS_IIAS}}}iias-get-response"
    iias = root.xpath("i:iia", namespaces=I)
    assert [texts(iia, "i:partner/i:hei-id", I) for iia in iias] == [
        ["hrbcu.edu.cn", "spb-x.amur.local"],
        ["hrbcu.edu.cn", "heihe-x.amur.local"],
        ["spb-x.amur.local", "heihe-x.amur.local"],
    ]
    conditions = [len(iia.xpath("i:cooperation-conditions/*", namespaces=I)) for iia in iias]
    assert conditions == [3, 0, 1]  # studies + staff one way, studies back; none; staff


def test_every_condition_is_one_directional_with_its_numbers(memorandum):
    agreement, *_ = memorandum

    root = etree.fromstring(ewp.iias_get_response([agreement]))
    first = root.xpath("i:iia", namespaces=I)[0]
    studies = first.xpath("i:cooperation-conditions/i:student-studies-mobility-spec", namespaces=I)
    staff = first.xpath("i:cooperation-conditions/i:staff-teacher-mobility-spec", namespaces=I)

    out, back = studies
    assert texts(out, "i:sending-hei-id|i:receiving-hei-id", I) == [
        "hrbcu.edu.cn",
        "spb-x.amur.local",
    ]
    years = "i:receiving-first-academic-year-id|i:receiving-last-academic-year-id"
    assert texts(out, years, I) == [
        "2026/2027",
        "2026/2027",
    ]
    assert texts(out, "i:mobilities-per-year|i:total-months-per-year|i:eqf-level", I) == [
        "4",
        "20",
        "6",
    ]
    assert texts(out, "i:recommended-language-skill/*", I) == ["ru", "B1"]
    assert texts(out, "i:subject-area/i:isced-f-code", I) == ["0215"]
    # HSK is not a CEFR level: the language is stated without one; ISCED from the agreement.
    assert texts(back, "i:recommended-language-skill/*", I) == ["zh"]
    assert texts(back, "i:subject-area/i:isced-f-code", I) == ["0215"]
    assert texts(staff[0], "i:mobilities-per-year|i:total-days-per-year", I) == ["2", "20"]
    for spec in first.xpath("i:cooperation-conditions/*", namespaces=I):
        assert texts(spec, "i:sending-hei-id", I) != texts(spec, "i:receiving-hei-id", I)


def test_both_partners_carry_the_iia_id_and_the_conditions_hash_tracks_changes(memorandum):
    agreement, harbin, petersburg, _heihe = memorandum

    before = etree.fromstring(ewp.iias_get_response([agreement])).xpath("i:iia", namespaces=I)[0]
    Condition.objects.filter(sending=harbin, receiving=petersburg).update(students=5)
    after = etree.fromstring(ewp.iias_get_response([agreement])).xpath("i:iia", namespaces=I)[0]

    ids = texts(before, "i:partner/i:iia-id", I)
    assert ids == [f"amur-{agreement.pk}-{harbin.pk}-{petersburg.pk}"] * 2
    assert texts(before, "i:in-effect", I) == ["true"]
    assert texts(before, "i:conditions-hash", I) != texts(after, "i:conditions-hash", I)


def test_outgoing_nominations_carry_their_ewp_states(memorandum):
    _agreement, harbin, petersburg, _heihe = memorandum
    office, host = UserFactory(username="office"), UserFactory(username="host")
    give_role(office, harbin, "editor")
    give_role(host, petersburg, "editor")
    states = {}
    for name, steps in [
        ("王一", ["nominated"]),
        ("王二", ["nominated", "accepted"]),
        ("王三", ["nominated", "rejected"]),
        ("王四", ["nominated", "withdrawn"]),
        ("王五", []),
    ]:
        application = ApplicationFactory(
            call__agreement__owner=harbin,
            call__sending=harbin,
            call__host=petersburg,
            status="ranked",
            name=name,
        )
        for step in steps:
            by = (
                host
                if step in ("accepted", "rejected")
                else (application.applicant if step == "withdrawn" else office)
            )
            comment = "Нет мест в классе" if step == "rejected" else ""
            services.application_transition(
                application=application, to=step, by=by, comment=comment
            )
        states[name] = application

    root = etree.fromstring(ewp.omobilities_get_response(harbin))
    objects = root.xpath("o:single-mobility-object", namespaces=O)

    assert root.tag == f"{{{ewp.NS_OMOBILITIES}}}omobilities-get-response"
    names_states = [texts(o, "o:student/o:given-names|o:status", O) for o in objects]
    assert [tuple(pair) for pair in names_states] == [
        ("王一", "pending"),
        ("王二", "approved"),
        ("王三", "rejected"),
        ("王四", "cancelled"),
    ]
    assert texts(objects[2], "o:comment", O) == ["Нет мест в классе"]
    assert texts(objects[0], "o:comment", O) == []


def test_a_stay_is_exported_with_its_dates(memorandum):
    _agreement, harbin, petersburg, _heihe = memorandum
    MobilityFactory(
        person=PersonFactory(name="陈思远"),
        sending=harbin,
        receiving=petersburg,
        start=date(2027, 2, 1),
        end=date(2027, 6, 30),
    )

    root = etree.fromstring(ewp.omobilities_get_response(harbin))
    stay = root.xpath("o:single-mobility-object", namespaces=O)[0]

    assert texts(stay, "o:status|o:planned-arrival-date|o:planned-departure-date", O) == [
        "approved",
        "2027-02-01",
        "2027-06-30",
    ]
    assert texts(stay, "o:receiving-academic-year-id", O) == ["2026/2027"]


def test_learning_agreement_first_version_agreed_changes_and_one_open_proposal(memorandum):
    _agreement, harbin, petersburg, _heihe = memorandum
    student, office, host = (UserFactory(username=n) for n in ("s", "office", "host"))
    give_role(office, harbin, "editor")
    give_role(host, petersburg, "editor")
    stay = MobilityFactory(person=PersonFactory(user=student), sending=harbin, receiving=petersburg)
    line = {
        "code": "ФОРТ-301",
        "title": "Специальное фортепиано",
        "credits": "6",
        "scheme": "ru",
        "recognised_as": "钢琴主科",
    }
    for components in ([line], [line, {**line, "code": "ИСТ-210", "credits": "3"}]):
        version = services.la_propose(mobility=stay, components=components, by=student)
        services.la_sign(version=version, by=student, side="student")
        services.la_sign(version=version, by=office, side="sending")
        services.la_receiving_answer(version=version, by=host, approve=True)
    services.la_propose(mobility=stay, components=[line], by=student)

    root = etree.fromstring(ewp.las_get_response([stay]))
    la = root.xpath("l:la", namespaces=L)[0]

    parts = [etree.QName(child).localname for child in la]
    assert [p for p in parts if "version" in p or "change" in p] == [
        "first-version",
        "approved-changes",
        "changes-proposal",
    ]
    studied = la.xpath("l:approved-changes/l:components-studied/l:component", namespaces=L)
    assert [texts(c, "l:los-code|l:credit/l:scheme|l:credit/l:value", L) for c in studied] == [
        ["ФОРТ-301", "ru-zachetnaya-edinitsa", "6"],
        ["ИСТ-210", "ru-zachetnaya-edinitsa", "3"],
    ]
    # 6 зачётных единиц = 216 h = 13.5 Chinese credits of 16 h at home.
    assert texts(la, "l:first-version/l:components-recognized/l:component/l:credit/*", L) == [
        "cn-xuefen",
        "13.5",
    ]
    assert (
        len(la.xpath("l:first-version/*[contains(local-name(), 'signature')]", namespaces=L)) == 3
    )
    assert la.xpath("l:changes-proposal/l:receiving-hei-signature", namespaces=L) == []


def test_ewp_pages_iias_public_mobilities_for_members(client, memorandum):
    _agreement, harbin, *_ = memorandum
    member = UserFactory(username="member")
    give_role(member, harbin, "member")

    iias = client.get("/mobility/organisations/harbin-x/ewp/iias.xml")
    anonymous = client.get("/mobility/organisations/harbin-x/ewp/omobilities.xml")
    client.force_login(UserFactory(username="outsider"))
    outsider = client.get("/mobility/organisations/harbin-x/ewp/learning-agreements.xml")
    api_outsider = client.get("/api/v1/mobility/organisations/harbin-x/ewp/omobilities")
    client.force_login(member)
    mine = client.get("/api/v1/mobility/organisations/harbin-x/ewp/learning-agreements")

    assert iias["Content-Type"] == "application/xml; charset=utf-8"
    assert len(etree.fromstring(iias.content).xpath("i:iia", namespaces=I)) == 3
    assert anonymous.status_code == 302
    assert (outsider.status_code, api_outsider.status_code) == (403, 403)
    assert etree.fromstring(mine.content).tag == f"{{{ewp.NS_LAS}}}omobility-las-get-response"


def test_the_same_terms_in_consecutive_years_become_one_span(memorandum):
    agreement, harbin, petersburg, _heihe = memorandum
    same = {"agreement": agreement, "sending": harbin, "receiving": petersburg, "students": 4,
            "student_months": 5, "staff": 2, "staff_days": 10, "language": "ru",
            "language_level": "b1", "isced_code": "0215", "eqf_level": 6}  # fmt: skip
    Condition.objects.create(academic_year="2027/2028", **same)
    Condition.objects.create(academic_year="2029/2030", **same)  # a gap: a span of its own
    Condition.objects.create(academic_year="2028/2029", **{**same, "students": 3})

    root = etree.fromstring(ewp.iias_get_response([agreement]))
    first = root.xpath("i:iia", namespaces=I)[0]
    specs = first.xpath("i:cooperation-conditions/i:student-studies-mobility-spec", namespaces=I)
    spans = [
        (*texts(s, "i:receiving-first-academic-year-id|i:receiving-last-academic-year-id", I),
         *texts(s, "i:sending-hei-id|i:mobilities-per-year", I))
        for s in specs
    ]  # fmt: skip

    assert spans == [
        ("2026/2027", "2027/2028", "hrbcu.edu.cn", "4"),
        ("2026/2027", "2026/2027", "spb-x.amur.local", "2"),
        ("2028/2029", "2028/2029", "hrbcu.edu.cn", "3"),
        ("2029/2030", "2029/2030", "hrbcu.edu.cn", "4"),
    ]


def test_an_institution_is_identified_by_its_schac_code_then_its_domain():
    from django.core.exceptions import ValidationError

    coded = OrganisationFactory(schac_code="hcm.edu.cn", website="https://www.other.example")
    by_domain = OrganisationFactory(website="https://www.spbgk.ru/about")
    unknown = OrganisationFactory(website="")
    coded.full_clean()

    assert ewp.hei_id(coded) == "hcm.edu.cn"
    assert ewp.hei_id(by_domain) == "spbgk.ru"
    assert ewp.hei_id(unknown) == f"{unknown.slug}.amur.local"
    by_domain.schac_code = "Not A Code"
    with pytest.raises(ValidationError, match="SCHAC"):
        by_domain.full_clean()
