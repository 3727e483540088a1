# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Erasmus Without Paper exports: every document is validated against the official XSDs
(tests/mobility/ewp_schemas.py), and the content is checked against the data."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from lxml import etree

from amur.mobility import ewp, services
from amur.mobility.models import Agreement, Condition, Recognition
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory, ApplicationFactory, MobilityFactory
from tests.mobility.ewp_schemas import assert_valid, standards_dir

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

    root = assert_valid("iias", ewp.iias_get_response([agreement]))

    assert root.tag == f"{{{ewp.NS_IIAS}}}iias-get-response"
    iias = root.xpath("i:iia", namespaces=I)
    assert [texts(iia, "i:partner/i:hei-id", I) for iia in iias] == [
        ["hrbcu.edu.cn", "spb-x.amur.invalid"],
        ["hrbcu.edu.cn", "heihe-x.amur.invalid"],
        ["spb-x.amur.invalid", "heihe-x.amur.invalid"],
    ]
    conditions = [len(iia.xpath("i:cooperation-conditions/*", namespaces=I)) for iia in iias]
    assert conditions == [3, 0, 1]  # studies + staff one way, studies back; none; staff


def test_conditions_come_in_the_schemas_order_studies_before_staff(memorandum):
    agreement, *_ = memorandum

    root = assert_valid("iias", ewp.iias_get_response([agreement]))
    first = root.xpath("i:iia", namespaces=I)[0]

    kinds = [
        etree.QName(spec).localname
        for spec in first.xpath("i:cooperation-conditions/*", namespaces=I)
    ]
    assert kinds == [
        "student-studies-mobility-spec",
        "student-studies-mobility-spec",
        "staff-teacher-mobility-spec",
    ]


def test_every_condition_is_one_directional_with_its_numbers(memorandum):
    agreement, *_ = memorandum

    root = assert_valid("iias", ewp.iias_get_response([agreement]))
    first = root.xpath("i:iia", namespaces=I)[0]
    studies = first.xpath("i:cooperation-conditions/i:student-studies-mobility-spec", namespaces=I)
    staff = first.xpath("i:cooperation-conditions/i:staff-teacher-mobility-spec", namespaces=I)

    out, back = studies
    assert texts(out, "i:sending-hei-id|i:receiving-hei-id", I) == [
        "hrbcu.edu.cn",
        "spb-x.amur.invalid",
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


def test_every_kind_of_condition_is_exported_in_the_schemas_order(memorandum):
    """Studies, traineeships, teaching and training: one specification each, all studies
    first, then all traineeships, then teaching, then training (the schema's sequence)."""
    agreement, harbin, petersburg, _heihe = memorandum
    Condition.objects.filter(sending=harbin, receiving=petersburg).update(
        trainees=3, trainee_months=4, training_staff=1, training_days=5
    )
    Condition.objects.create(
        agreement=agreement,
        sending=petersburg,
        receiving=harbin,
        academic_year="2027/2028",
        trainees=2,
        trainee_months=6,
        training_staff=3,
    )

    first = _first_iia(agreement)
    specs = first.xpath("i:cooperation-conditions/*", namespaces=I)

    assert [
        (etree.QName(s).localname, *texts(s, "i:sending-hei-id|i:mobilities-per-year", I))
        for s in specs
    ] == [
        ("student-studies-mobility-spec", "hrbcu.edu.cn", "4"),
        ("student-studies-mobility-spec", "spb-x.amur.invalid", "2"),
        ("student-traineeship-mobility-spec", "hrbcu.edu.cn", "3"),
        ("student-traineeship-mobility-spec", "spb-x.amur.invalid", "2"),
        ("staff-teacher-mobility-spec", "hrbcu.edu.cn", "2"),
        ("staff-training-mobility-spec", "hrbcu.edu.cn", "1"),
        ("staff-training-mobility-spec", "spb-x.amur.invalid", "3"),
    ]
    trainees, trainees_back = specs[2], specs[3]
    assert texts(trainees, "i:total-months-per-year|i:blended|i:eqf-level", I) == [
        "12",
        "false",
        "6",
    ]
    assert texts(trainees, "i:recommended-language-skill/*", I) == ["ru", "B1"]
    # A traineeship needs no language: none recorded, none written (not even "und").
    assert trainees_back.xpath("i:recommended-language-skill", namespaces=I) == []
    assert texts(trainees_back, "i:receiving-first-academic-year-id", I) == ["2027/2028"]
    assert texts(specs[5], "i:total-days-per-year", I) == ["5"]
    assert specs[6].xpath("i:total-days-per-year", namespaces=I) == []  # no days agreed
    text = ewp.iia_text_to_hash(first)
    assert (
        "_cooperation-conditions.student-traineeship-mobility-spec.mobilities-per-year=3_" in text
    )
    assert "_cooperation-conditions.staff-training-mobility-spec.total-days-per-year=5_" in text


def test_a_change_of_trainees_or_staff_for_training_changes_the_iia_hash(memorandum):
    agreement, harbin, petersburg, _heihe = memorandum
    before = texts(_first_iia(agreement), "i:iia-hash", I)

    Condition.objects.filter(sending=harbin, receiving=petersburg).update(trainees=1)
    trainees = texts(_first_iia(agreement), "i:iia-hash", I)
    Condition.objects.filter(sending=harbin, receiving=petersburg).update(training_days=3)
    same = texts(_first_iia(agreement), "i:iia-hash", I)  # days without people: nothing sent
    Condition.objects.filter(sending=harbin, receiving=petersburg).update(training_staff=1)
    training = texts(_first_iia(agreement), "i:iia-hash", I)

    assert len({*before, *trainees, *training}) == 3
    assert same == trainees


def _first_iia(agreement):
    return assert_valid("iias", ewp.iias_get_response([agreement])).xpath("i:iia", namespaces=I)[0]


def test_both_partners_carry_the_iia_id_and_the_iia_hash_tracks_changes(memorandum):
    agreement, harbin, petersburg, _heihe = memorandum

    before = _first_iia(agreement)
    Condition.objects.filter(sending=harbin, receiving=petersburg).update(students=5)
    after = _first_iia(agreement)
    Condition.objects.filter(sending=harbin, receiving=petersburg).update(students=4)
    back = _first_iia(agreement)

    ids = texts(before, "i:partner/i:iia-id", I)
    assert ids == [f"amur-{agreement.pk}-{harbin.pk}-{petersburg.pk}"] * 2
    assert texts(before, "i:in-effect", I) == ["true"]
    assert texts(before, "i:iia-hash", I) != texts(after, "i:iia-hash", I)
    assert texts(before, "i:iia-hash", I) == texts(back, "i:iia-hash", I)
    text = ewp.iia_text_to_hash(before)
    assert text.startswith(f"_iia-id_1={ids[0]}__iia-id_2={ids[1]}_")
    assert "_cooperation-conditions.student-studies-mobility-spec.mobilities-per-year=4_" in text
    assert "_student-studies-mobility-spec.recommended-language-skill.cefr-level=B1_" in text
    assert text.endswith(
        "_receiving-first-academic-year-id=2026/2027__receiving-last-academic-year-id=2026/2027_"
    )


def test_the_iia_hash_is_the_specifications_on_the_official_example():
    """The example of the IIAs repository carries the hash computed with the official XSLT:
    the same text and hash come out of :func:`ewp.iia_hash`."""
    base = standards_dir()
    if base is None:
        pytest.skip("the official EWP examples (../shared/standards/ewp) are not on this machine")
    example = base / "ewp-specs-api-iias/stable-v7/endpoints/get-response-example.xml"
    iia = etree.parse(str(example)).getroot().xpath("i:iia", namespaces=I)[0]

    assert ewp.iia_hash(iia) == texts(iia, "i:iia-hash", I)[0]
    # Contacts, attributes marked not-yet-defined and the years' position do not count.
    spec = iia.xpath("i:cooperation-conditions/*", namespaces=I)[0]
    before = ewp.iia_hash(iia)
    contact = etree.SubElement(spec, f"{{{ewp.NS_IIAS}}}sending-contact")
    etree.SubElement(contact, f"{{{ewp.NS_TYPES_CONTACT}}}contact-name").text = "Somebody"
    spec.remove(contact)
    spec.insert(2, contact)
    assert ewp.iia_hash(iia) == before
    spec.xpath("i:mobilities-per-year", namespaces=I)[0].set("not-yet-defined", "true")
    assert ewp.iia_hash(iia) != before


def test_a_condition_without_language_is_marked_not_yet_defined(memorandum):
    agreement, *_ = memorandum

    root = assert_valid("iias", ewp.iias_get_response([agreement]))
    last = root.xpath("i:iia", namespaces=I)[2]
    skill = last.xpath("i:cooperation-conditions/*/i:recommended-language-skill", namespaces=I)

    assert [s.get("not-yet-defined") for s in skill] == ["true"]
    assert "recommended-language-skill" not in ewp.iia_text_to_hash(last)


def test_ended_agreements_were_in_effect_and_drafts_are_not_exported(memorandum):
    agreement, harbin, *_ = memorandum
    Agreement.objects.filter(pk=agreement.pk).update(status="terminated")
    draft = AgreementFactory(owner=harbin, status="draft")
    draft.partners.set([harbin, OrganisationFactory()])

    root = assert_valid("iias", ewp.iias_get_response(ewp.agreements_of(harbin)))

    assert texts(root, "i:iia/i:in-effect", I) == ["true"] * 3
    # Terminated with no exchange recorded: terminated as a whole, which the hash records.
    conditions = root.xpath("i:iia/i:cooperation-conditions", namespaces=I)
    assert [c.get("terminated-as-a-whole") for c in conditions] == ["true"] * 3
    assert ewp.iia_text_to_hash(root.xpath("i:iia", namespaces=I)[0]).startswith(
        "_@terminated-as-a-whole@_"
    )


def test_isced_and_cefr_in_the_forms_ewp_requires():
    assert [ewp.isced_f_code(c) for c in ("0215", "021", "02", "2", "02151", "x21", "")] == [
        "0215",
        "0210",
        "0200",
        "",
        "",
        "",
        "",
    ]
    assert [ewp.cefr_level(v) for v in ("b1", " C2 ", "HSK 4", "B3", "")] == [
        "B1",
        "C2",
        "",
        "",
        "",
    ]


YEARS = st.integers(min_value=2015, max_value=2035)
CONDITIONS = st.lists(
    st.fixed_dictionaries(
        {
            "direction": st.sampled_from([(0, 1), (1, 0), (0, 2), (2, 1)]),
            "year": YEARS,
            "students": st.integers(0, 30),
            "student_months": st.integers(0, 12),
            "staff": st.integers(0, 10),
            "staff_days": st.integers(0, 30),
            "trainees": st.integers(0, 30),
            "trainee_months": st.integers(0, 12),
            "training_staff": st.integers(0, 10),
            "training_days": st.integers(0, 30),
            "language": st.sampled_from(["", "ru", "zh", "en", "zh-Hans", "русский"]),
            "language_level": st.sampled_from(["", "A1", "b2", "C2", "HSK 4", "TORFL-1"]),
            "isced_code": st.sampled_from(["", "0215", "021", "02", "0114"]),
            "eqf_level": st.sampled_from([None, 5, 6, 7, 8]),
        }
    ),
    max_size=8,
)


SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@hsettings(max_examples=30, deadline=None, suppress_health_check=SLOW_OK)
@given(
    rows=CONDITIONS,
    status=st.sampled_from(["signed", "active", "expired", "terminated"]),
    codes=st.sampled_from(["", "0215 0114", "0215,021"]),
)
def test_any_agreement_exports_valid_pairwise_iias(memorandum, rows, status, codes):
    agreement, *partners = memorandum
    with transaction.atomic():
        Agreement.objects.filter(pk=agreement.pk).update(status=status, isced_codes=codes)
        agreement.refresh_from_db()
        agreement.conditions.all().delete()
        for row in rows:
            sending, receiving = (partners[i] for i in row.pop("direction"))
            year = row.pop("year")
            Condition.objects.get_or_create(
                agreement=agreement,
                sending=sending,
                receiving=receiving,
                academic_year=f"{year}/{year + 1}",
                defaults=row,
            )

        root = assert_valid("iias", ewp.iias_get_response([agreement]))

        assert len(root.xpath("i:iia", namespaces=I)) == 3
        # One specification per kind with people, per run of years, in the schema's order.
        specs = root.xpath("i:iia/i:cooperation-conditions/*", namespaces=I)
        written = [etree.QName(s).localname for s in specs]
        people = {
            "student-studies-mobility-spec": "students",
            "student-traineeship-mobility-spec": "trainees",
            "staff-teacher-mobility-spec": "staff",
            "staff-training-mobility-spec": "training_staff",
        }
        runs = ewp.condition_runs(list(agreement.conditions.all()))
        assert sorted(written) == sorted(
            tag
            for condition, _years in runs
            for tag, name in people.items()
            if getattr(condition, name)
        )
        for conditions in root.xpath("i:iia/i:cooperation-conditions", namespaces=I):
            order = [ewp.SPEC_ORDER.index(etree.QName(s).localname) for s in conditions]
            assert order == sorted(order)
        transaction.set_rollback(True)


def test_the_demo_agreements_export_valid_iias_with_real_schac_codes():
    call_command("demo", only=["core", "directory", "accounts", "mobility"], verbosity=0)
    agreements = Agreement.objects.exclude(status="draft").order_by("id")

    root = assert_valid("iias", ewp.iias_get_response(agreements))

    heis = set(texts(root, "i:iia/i:partner/i:hei-id", I))
    assert {"hrbcu.edu.cn", "conservatory.ru", "herzen.spb.ru"} <= heis
    # Demo institutions whose domain is not verified are marked as local, never guessed.
    assert heis - {"hrbcu.edu.cn", "conservatory.ru", "herzen.spb.ru"} == {
        "heihe-university.amur.invalid",
        "harbin-vocational.amur.invalid",
        "khabarovsk-ied.amur.invalid",
    }
    assert len(root.xpath("i:iia", namespaces=I)) == agreements.count()


def _agree_first_version(stay, student, office, host):
    version = services.la_propose(mobility=stay, components=[LINE], by=student)
    services.la_sign(version=version, by=student, side="student")
    services.la_sign(version=version, by=office, side="sending")
    services.la_receiving_answer(version=version, by=host, approve=True)
    return version


LINE = {
    "code": "ФОРТ-301",
    "title": "Специальное фортепиано",
    "credits": "6",
    "scheme": "ru",
    "recognised_as": "钢琴主科",
}


def test_every_nomination_status_is_a_valid_ewp_mobility(memorandum):
    """nominated, approved (accepted), rejected, cancelled (withdrawn), live and recognised:
    each exported in EWP's own status (ewp.MOBILITY_STATUS), never an invented one."""
    _agreement, harbin, petersburg, _heihe = memorandum
    office, host = UserFactory(username="office"), UserFactory(username="host")
    give_role(office, harbin, "editor")
    give_role(host, petersburg, "editor")
    applications = {}
    for name, steps in [
        ("王一", ["nominated"]),
        ("王二", ["nominated", "accepted"]),
        ("王三", ["nominated", "rejected"]),
        ("王四", ["nominated", "withdrawn"]),
        ("王五", []),
        ("王六", ["nominated", "accepted"]),
        ("王七", ["nominated", "accepted", "departed"]),
        ("王八", ["nominated", "accepted", "departed", "completed"]),
    ]:
        application = ApplicationFactory(
            call__agreement=_agreement,
            call__sending=harbin,
            call__host=petersburg,
            call__eqf_level=6,
            call__isced_code="0215",
            status="ranked",
            name=name,
        )
        for step in steps:
            by = {"accepted": host, "rejected": host, "withdrawn": application.applicant}
            comment = "Нет мест в классе" if step == "rejected" else ""
            services.application_transition(
                application=application, to=step, by=by.get(step, office), comment=comment
            )
        applications[name] = application
    student = UserFactory(username="student")
    stays = {}
    for name in ("王六", "王七", "王八"):
        stays[name] = MobilityFactory(
            person=PersonFactory(
                name=name, name_latin="", name_ru="", user=student if name == "王六" else None
            ),
            application=applications[name],
            sending=harbin,
            receiving=petersburg,
        )
    _agree_first_version(stays["王六"], student, office, host)
    Recognition.objects.create(
        mobility=stays["王八"],
        decision="full",
        home_scheme="cn",
        home_hours_per_credit=16,
        decided_at=timezone.now(),
    )

    root = assert_valid("omobilities", ewp.omobilities_get_response(harbin))
    objects = root.xpath("o:student-mobility", namespaces=O)

    states = {
        texts(o, "o:student/o:given-names", O)[0]: texts(o, "o:status", O)[0] for o in objects
    }
    assert states == {
        "一": "nomination",
        "二": "nomination",
        "三": "cancelled",
        "四": "cancelled",
        "六": "live",
        "七": "live",
        "八": "recognized",
    }
    assert set(texts(root, "o:student-mobility/o:status", O)) <= {
        "nomination",
        "live",
        "recognized",
        "cancelled",
    }
    # The host's comment belongs to its Incoming Mobilities API, not to this document.
    assert "Нет мест" not in etree.tostring(root, encoding="unicode")
    # A nomination becoming a stay keeps its immutable id.
    assert f"application-{applications['王六'].pk}" in texts(
        root, "o:student-mobility/o:omobility-id", O
    )
    first = objects[0]
    assert texts(first, "o:student/o:family-name", O) == ["王"]
    # No period is recorded for a nomination before its stay: EWP's non-standard period.
    assert len(first.xpath("o:non-standard-mobility-period", namespaces=O)) == 1
    assert texts(first, "o:eqf-level-studied-at-nomination|o:nominee-isced-f-code", O) == [
        "6",
        "0215",
    ]
    assert texts(first, "o:sending-hei/o:iia-id", O) == [
        f"amur-{_agreement.pk}-{harbin.pk}-{petersburg.pk}"
    ]


def test_a_stay_is_exported_with_its_term_dates_names_and_language(memorandum):
    _agreement, harbin, petersburg, _heihe = memorandum
    MobilityFactory(
        person=PersonFactory(
            name="陈思远",
            name_latin="Chen Siyuan",
            name_ru="Чэнь Сыюань",
            nationality="cn",
            email="chen@example.org",
        ),
        sending=harbin,
        receiving=petersburg,
        start=date(2027, 2, 1),
        end=date(2027, 6, 30),
        eqf_level=6,
        isced_code="021",
        language="ru",
        language_level="B1",
    )
    MobilityFactory(sending=harbin, receiving=petersburg, kind="teacher_training")
    MobilityFactory(sending=harbin, receiving=petersburg, kind="summer")

    root = assert_valid("omobilities", ewp.omobilities_get_response(harbin))
    (stay,) = root.xpath("o:student-mobility", namespaces=O)

    assert texts(stay, "o:status|o:planned-arrival-date|o:planned-departure-date", O) == [
        "live",
        "2027-02-01",
        "2027-06-30",
    ]
    assert texts(stay, "o:sending-academic-term-ewp-id|o:receiving-academic-year-id", O) == [
        "2026/2027-2/2",
        "2026/2027",
    ]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    names = [(e.text, e.get(lang)) for e in stay.xpath("o:student/*", namespaces=O)[:6]]
    assert names == [
        ("Siyuan", "zh-Latn"),
        ("思远", "zh"),
        ("Сыюань", "ru"),
        ("Chen", "zh-Latn"),
        ("陈", "zh"),
        ("Чэнь", "ru"),
    ]
    assert texts(stay, "o:student/o:citizenship|o:student/o:email", O) == [
        "CN",
        "chen@example.org",
    ]
    assert texts(stay, "o:student/o:global-id", O)[0].startswith(
        "urn:schac:personalUniqueCode:int:esi:hrbcu.edu.cn:"
    )
    assert texts(stay, "o:eqf-level-studied-at-departure|o:nominee-isced-f-code", O) == [
        "6",
        "0210",
    ]
    assert texts(stay, "o:nominee-language-skill/*", O) == ["ru", "B1"]
    assert texts(stay, "o:activity-type|o:activity-attributes", O) == [
        "student-studies",
        "long-term",
    ]


# Every kind of mobility Amur records, as EWP receives it (None: not in the Outgoing
# Mobilities API, see ewp.py's table): (kind, days, EQF level, blended) -> activity.
EVERY_KIND = [
    ("semester", 150, 6, False, ("student-studies", "long-term")),
    ("graduate", 300, 7, False, ("student-studies", "long-term")),
    ("graduate", 20, 8, False, ("student-studies", "short-term-doctoral")),
    ("internship", 90, 6, False, ("student-traineeships", "long-term")),
    ("short", 14, 6, True, ("student-studies", "short-term-blended")),
    ("summer", 20, 8, False, ("student-studies", "short-term-doctoral")),
    ("study_tour", 10, 7, True, ("student-studies", "short-term-blended")),
    ("summer", 20, 6, False, None),  # physical only, undergraduate: no EWP activity
    ("staff_teaching", 10, None, False, None),  # EWP has no staff mobility object
    ("teacher_training", 14, None, False, None),
]


def test_every_kind_of_mobility_is_sent_as_ewp_can_express_it(memorandum):
    from datetime import timedelta

    from amur.mobility.enums import CallKind

    _agreement, harbin, petersburg, _heihe = memorandum
    expected = {}
    for number, (kind, days, eqf, blended, activity) in enumerate(EVERY_KIND):
        stay = MobilityFactory(
            person=PersonFactory(name=f"学生{number}", name_latin="", name_ru=""),
            sending=harbin,
            receiving=petersburg,
            kind=kind,
            start=date(2027, 3, 1),
            end=date(2027, 3, 1) + timedelta(days=days),
            eqf_level=eqf,
            blended=blended,
        )
        if activity:
            expected[ewp.omobility_id(stay)] = activity

    root = assert_valid("omobilities", ewp.omobilities_get_response(harbin))

    sent = {
        texts(o, "o:omobility-id", O)[0]: tuple(
            texts(o, "o:activity-type|o:activity-attributes", O)
        )
        for o in root.xpath("o:student-mobility", namespaces=O)
    }
    assert sent == expected
    assert {row[0] for row in EVERY_KIND} == set(CallKind.values)


def test_a_short_call_is_nominated_in_ewp_when_it_is_for_doctoral_students(memorandum):
    agreement, harbin, petersburg, _heihe = memorandum
    office = UserFactory(username="office")
    give_role(office, harbin, "editor")
    for name, kind, eqf in [
        ("李一", "summer", 8),
        ("李二", "summer", 6),
        ("李三", "short", None),
        ("李四", "staff_teaching", None),
        ("李五", "internship", 6),
    ]:
        application = ApplicationFactory(
            call__agreement=agreement,
            call__sending=harbin,
            call__host=petersburg,
            call__kind=kind,
            call__eqf_level=eqf,
            status="ranked",
            name=name,
        )
        services.application_transition(application=application, to="nominated", by=office)

    root = assert_valid("omobilities", ewp.omobilities_get_response(harbin))

    assert [
        tuple(texts(o, "o:student/o:given-names|o:activity-type|o:activity-attributes", O))
        for o in root.xpath("o:student-mobility", namespaces=O)
    ] == [
        ("一", "student-studies", "short-term-doctoral"),
        ("五", "student-traineeships", "long-term"),
    ]


def test_a_blended_summer_school_has_a_valid_learning_agreement_a_staff_visit_none(la_scene):
    stay, student, office, host = la_scene
    stay.kind, stay.blended = "summer", True
    stay.end = stay.start.replace(day=20)
    stay.save()
    _version(stay, student, office, host, [LINE], approve=True)
    staff = _ewp_ready(
        MobilityFactory(
            sending=stay.sending,
            receiving=stay.receiving,
            kind="staff_teaching",
            person=stay.person,
        )
    )
    _version(staff, student, office, host, [LINE], approve=True)

    root = assert_valid("las", ewp.las_get_response([stay, staff]))

    assert texts(root, "l:la/l:omobility-id", L) == [ewp.omobility_id(stay)]


def test_the_stay_page_says_when_partners_systems_do_not_receive_it(client, la_scene):
    stay, _student, office, _host = la_scene
    staff = MobilityFactory(sending=stay.sending, receiving=stay.receiving, kind="staff_teaching")
    client.force_login(office)

    sent = client.get(f"/mobility/mobilities/{stay.pk}/").content.decode()
    not_sent = client.get(f"/mobility/mobilities/{staff.pk}/").content.decode()

    assert "ewp-not-sent" not in sent
    assert "ewp-not-sent" in not_sent


def test_terms_names_and_activities_in_ewp_form():
    assert [
        ewp.academic_term(date(*a), date(*b))
        for a, b in [
            ((2026, 9, 1), (2027, 1, 20)),
            ((2027, 2, 1), (2027, 6, 30)),
            ((2026, 9, 1), (2027, 6, 30)),
            ((2027, 7, 1), (2027, 7, 28)),
            ((2026, 3, 1), (2026, 10, 1)),
        ]
    ] == ["2026/2027-1/2", "2026/2027-2/2", "2026/2027-1/1", "2026/2027-2/2", None]
    assert ewp.name_parts("欧阳修") == ("修", "欧阳")
    assert ewp.name_parts("Иванова Елена Сергеевна") == ("Елена Сергеевна", "Иванова")
    assert ewp.activity_of("graduate", date(2027, 3, 1), date(2027, 3, 20)) == (
        "student-studies",
        "short-term-doctoral",
    )
    assert ewp.activity_of("internship") == ("student-traineeships", "long-term")
    assert ewp.activity_of("summer") is None


CALL_KINDS = [
    "semester",
    "short",
    "summer",
    "study_tour",
    "internship",
    "teacher_training",
    "graduate",
    "staff_teaching",
]
# Any character a person can type; NUL excepted, which PostgreSQL cannot store in text and
# the API refuses before it reaches a service.
TYPED = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00")
NAMES = st.text(alphabet=TYPED, min_size=1, max_size=30)


@hsettings(max_examples=20, deadline=None, suppress_health_check=SLOW_OK)
@given(
    name=NAMES,
    latin=st.one_of(st.just(""), NAMES),
    script=st.sampled_from(["han", "cyrillic", "latin"]),
    kind=st.sampled_from(CALL_KINDS),
    blended=st.booleans(),
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)),
    days=st.integers(0, 400),
    eqf=st.sampled_from([None, 5, 6, 7, 8]),
    isced=st.sampled_from(["", "02", "021", "0215"]),
    language=st.sampled_from(["", "ru", "zh-Hans"]),
    level=st.sampled_from(["", "A1", "C2"]),
    nationality=st.sampled_from(["", "CN", "RU", "ru"]),
)
def test_any_stay_exports_a_valid_mobility(
    memorandum,
    name,
    latin,
    script,
    kind,
    blended,
    start,
    days,
    eqf,
    isced,
    language,
    level,
    nationality,
):
    from datetime import timedelta

    _agreement, harbin, petersburg, _heihe = memorandum
    with transaction.atomic():
        person = PersonFactory(
            name=name, name_latin=latin, script=script, name_ru="", nationality=nationality
        )
        MobilityFactory(
            person=person,
            sending=harbin,
            receiving=petersburg,
            kind=kind,
            start=start,
            end=start + timedelta(days=days),
            eqf_level=eqf,
            isced_code=isced,
            language=language,
            language_level=level,
            blended=blended,
        )

        root = assert_valid("omobilities", ewp.omobilities_get_response(harbin))

        # Staff stays never; short stays when blended or doctoral; other student stays always.
        if kind in ("staff_teaching", "teacher_training"):
            expected = []
        elif kind in ("short", "summer", "study_tour"):
            expected = ["short-term-blended"] if blended else ["short-term-doctoral"] * (eqf == 8)
        elif kind == "graduate" and days < 60:
            expected = ["short-term-doctoral"]
        else:
            expected = ["long-term"]
        assert texts(root, "o:student-mobility/o:activity-attributes", O) == expected
        transaction.set_rollback(True)


def _ewp_ready(stay):
    """Record what EWP needs of the stay, as the sending office does."""
    contacts = [
        PersonFactory(
            name=native, name_latin=latin, email=f"{latin.split()[0].lower()}@example.org"
        )
        for native, latin in (("王晓梅", "Wang Xiaomei"), ("Орлова Наталья", "Orlova Natalia"))
    ]
    for field, value in {
        "eqf_level": 6,
        "isced_code": "0215",
        "language": "ru",
        "language_level": "B1",
        "sending_contact": contacts[0],
        "receiving_contact": contacts[1],
    }.items():
        setattr(stay, field, value)
    stay.save()
    return stay


@pytest.fixture
def la_scene(memorandum):
    _agreement, harbin, petersburg, _heihe = memorandum
    student, office, host = (UserFactory(username=n) for n in ("s", "office", "host"))
    give_role(office, harbin, "editor")
    give_role(host, petersburg, "editor")
    stay = MobilityFactory(
        person=PersonFactory(user=student, email="li@example.org"),
        sending=harbin,
        receiving=petersburg,
    )
    return _ewp_ready(stay), student, office, host


def _version(stay, student, office, host, components, *, sign=("student", "sending"), approve=None):
    version = services.la_propose(mobility=stay, components=components, by=student)
    for side in sign:
        services.la_sign(version=version, by=student if side == "student" else office, side=side)
    if approve is not None:
        comment = "" if approve else "Курс не читается весной"
        services.la_receiving_answer(version=version, by=host, approve=approve, comment=comment)
    return version


def _la_parts(stay):
    root = assert_valid("las", ewp.las_get_response([stay]))
    las = root.xpath("l:la", namespaces=L)
    if not las:
        return None, []
    parts = [etree.QName(c).localname for c in las[0]]
    return las[0], [p for p in parts if p.endswith(("version", "changes", "proposal"))]


def test_learning_agreement_first_version_agreed_changes_and_one_open_proposal(la_scene):
    stay, student, office, host = la_scene
    second = {**LINE, "code": "ИСТ-210", "credits": "3"}
    _version(stay, student, office, host, [LINE], approve=True)
    _version(stay, student, office, host, [LINE, second], approve=True)
    _version(stay, student, office, host, [LINE])

    la, parts = _la_parts(stay)

    assert parts == ["first-version", "approved-changes", "changes-proposal"]
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
    assert la.xpath("l:changes-proposal/@id", namespaces=L) == [f"mobility-{stay.pk}-v3"]
    # The contact person of each side, the EQF level, ISCED-F and language after the dates.
    assert texts(la, "l:sending-hei/l:contact-person/*", L) == [
        "Xiaomei",
        "Wang",
        "wang@example.org",
    ]
    assert texts(la, "l:receiving-hei/l:contact-person/*", L) == [
        "Natalia",
        "Orlova",
        "orlova@example.org",
    ]
    assert texts(la, "l:end-date/following-sibling::*[position() <= 3]", L)[:2] == ["6", "0215"]
    assert texts(la, "l:student-language-skill/*", L) == ["ru", "B1"]


def test_every_learning_agreement_state_is_valid(la_scene):
    """First version proposed, first version agreed, changes proposed, changes agreed, and
    the versions EWP does not receive (unsigned, rejected)."""
    stay, student, office, host = la_scene
    other = {**LINE, "code": "КАМ-220", "credits": "2"}
    steps = [
        (lambda: _version(stay, student, office, host, [LINE], sign=("student",)), []),
        (
            lambda: services.la_sign(version=stay.la_versions.get(), by=office, side="sending"),
            ["changes-proposal"],
        ),
        (
            lambda: services.la_receiving_answer(
                version=stay.la_versions.get(), by=host, approve=True
            ),
            ["first-version"],
        ),
        (
            lambda: _version(stay, student, office, host, [LINE, other]),
            ["first-version", "changes-proposal"],
        ),
        (
            lambda: services.la_receiving_answer(
                version=stay.la_versions.get(number=2),
                by=host,
                approve=False,
                comment="Нет такого курса",
            ),
            ["first-version"],
        ),
        (
            lambda: _version(stay, student, office, host, [other], approve=True),
            ["first-version", "approved-changes"],
        ),
    ]
    for step, expected in steps:
        step()
        stay.refresh_from_db()
        assert _la_parts(stay)[1] == expected


def test_a_learning_agreement_waits_for_the_data_ewp_requires(la_scene):
    stay, student, office, host = la_scene
    _version(stay, student, office, host, [LINE], approve=True)
    stay.receiving_contact.email = ""
    stay.receiving_contact.save()
    stay.language_level = ""
    stay.save()

    assert _la_parts(stay) == (None, [])
    assert ewp.la_missing(stay) == ["language_level", "receiving_contact"]


COMPONENTS = st.lists(
    st.fixed_dictionaries(
        {
            "code": st.text(TYPED, max_size=12),
            "title": st.text(TYPED, min_size=1, max_size=40),
            "credits": st.decimals(min_value=Decimal("0.5"), max_value=Decimal(30), places=1).map(
                str
            ),
            "scheme": st.sampled_from(["ru", "cn", "ects"]),
            "recognised_as": st.sampled_from(["", "钢琴主科", "Piano"]),
        }
    ),
    min_size=1,
    max_size=5,
)


@hsettings(max_examples=10, deadline=None, suppress_health_check=SLOW_OK)
@given(
    versions=st.lists(
        st.tuples(COMPONENTS, st.sampled_from(["open", "signed", "agreed", "rejected"])),
        min_size=1,
        max_size=4,
    )
)
def test_any_learning_agreement_exports_valid(la_scene, versions):
    stay, student, office, host = la_scene
    with transaction.atomic():
        for components, state in versions:
            latest = stay.la_versions.order_by("-number").first()
            if latest is not None and latest.open:
                break
            clean = [{k: v for k, v in c.items() if v} for c in components]
            sign = () if state == "open" else ("student", "sending")
            approve = {"agreed": True, "rejected": False}.get(state)
            try:
                _version(stay, student, office, host, clean, sign=sign, approve=approve)
            except services.MobilityError:
                break  # the service refused these lines (e.g. blank title): nothing to send

        assert_valid("las", ewp.las_get_response([stay]))
        transaction.set_rollback(True)


def test_every_export_of_the_demo_is_valid():
    """IIAs, outgoing mobilities and learning agreements of every demo organisation."""
    from amur.directory.models import Organisation

    call_command("demo", only=["core", "directory", "accounts", "mobility"], verbosity=0)
    kinds = {"omobilities": 0, "las": 0, "iias": 0}
    for organisation in Organisation.objects.filter(outgoing__isnull=False).distinct():
        omobilities = assert_valid("omobilities", ewp.omobilities_get_response(organisation))
        las = assert_valid("las", ewp.las_get_response(ewp.stays_of(organisation)))
        iias = assert_valid("iias", ewp.iias_get_response(ewp.agreements_of(organisation)))
        kinds["omobilities"] += len(omobilities)
        kinds["las"] += len(las)
        kinds["iias"] += len(iias)

    assert all(kinds.values())
    # Every kind of cooperation condition and every activity EWP has, from the demo's data.
    everything = Organisation.objects.all()
    iias = assert_valid(
        "iias", ewp.iias_get_response(Agreement.objects.exclude(status="draft").order_by("id"))
    )
    assert {
        etree.QName(s).localname
        for s in iias.xpath("i:iia/i:cooperation-conditions/*", namespaces=I)
    } == set(ewp.SPEC_ORDER)
    activities = set()
    for organisation in everything:
        root = assert_valid("omobilities", ewp.omobilities_get_response(organisation))
        activities |= {
            tuple(texts(o, "o:activity-type|o:activity-attributes", O))
            for o in root.xpath("o:student-mobility", namespaces=O)
        }
    assert activities == {
        ("student-studies", "long-term"),
        ("student-studies", "short-term-blended"),
        ("student-studies", "short-term-doctoral"),
        ("student-traineeships", "long-term"),
    }
    hcm = Organisation.objects.get(slug="harbin-conservatory")
    la = assert_valid("las", ewp.las_get_response(ewp.stays_of(hcm)))
    parts = {etree.QName(c).localname for c in la.xpath("l:la/*", namespaces=L)}
    assert {"first-version", "changes-proposal"} <= parts


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
    # Harbin's two pairs of the three-partner memorandum, Harbin first in each (EWP: the
    # serving HEI's IIAs, itself as the first partner); the third pair is not Harbin's.
    served = assert_valid("iias", iias.content).xpath("i:iia", namespaces=I)
    assert [iia.xpath("string(i:partner[1]/i:hei-id)", namespaces=I) for iia in served] == [
        ewp.hei_id(harbin)
    ] * 2
    assert anonymous.status_code == 302
    assert (outsider.status_code, api_outsider.status_code) == (403, 403)
    assert assert_valid("las", mine.content).tag == f"{{{ewp.NS_LAS}}}omobility-las-get-response"


def test_the_same_terms_in_consecutive_years_become_one_span(memorandum):
    agreement, harbin, petersburg, _heihe = memorandum
    same = {
        "agreement": agreement,
        "sending": harbin,
        "receiving": petersburg,
        "students": 4,
        "student_months": 5,
        "staff": 2,
        "staff_days": 10,
        "language": "ru",
        "language_level": "b1",
        "isced_code": "0215",
        "eqf_level": 6,
    }
    Condition.objects.create(academic_year="2027/2028", **same)
    Condition.objects.create(academic_year="2029/2030", **same)  # a gap: a span of its own
    Condition.objects.create(academic_year="2028/2029", **{**same, "students": 3})

    root = assert_valid("iias", ewp.iias_get_response([agreement]))
    first = root.xpath("i:iia", namespaces=I)[0]
    specs = first.xpath("i:cooperation-conditions/i:student-studies-mobility-spec", namespaces=I)
    spans = [
        (
            *texts(s, "i:receiving-first-academic-year-id|i:receiving-last-academic-year-id", I),
            *texts(s, "i:sending-hei-id|i:mobilities-per-year", I),
        )
        for s in specs
    ]

    assert spans == [
        ("2026/2027", "2027/2028", "hrbcu.edu.cn", "4"),
        ("2026/2027", "2026/2027", "spb-x.amur.invalid", "2"),
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
    assert ewp.hei_id(unknown) == f"{unknown.slug}.amur.invalid"
    by_domain.schac_code = "Not A Code"
    with pytest.raises(ValidationError, match="SCHAC"):
        by_domain.full_clean()


def test_the_sending_office_records_the_ewp_data_on_the_page_and_through_the_api(client, la_scene):
    from amur.accounts.services import api_token_create
    from amur.directory.models import Affiliation

    stay, student, office, host = la_scene
    contact = PersonFactory(name="赵丽", name_latin="Zhao Li", email="zhao@example.org")
    Affiliation.objects.create(person=contact, organisation=stay.sending)
    # The form offers the people of each institution who have an e-mail address.
    Affiliation.objects.create(person=stay.receiving_contact, organisation=stay.receiving)
    page = f"/mobility/mobilities/{stay.pk}/ewp/"
    form = {
        "eqf_level": "7",
        "isced_code": "021",
        "language": "zh",
        "language_level": "A2",
        "sending_contact": contact.pk,
        "receiving_contact": stay.receiving_contact_id,
    }

    client.force_login(host)
    refused_page = client.post(page, form)
    client.force_login(student)
    refused_student = client.post(page, form)
    stay.refresh_from_db()
    assert (refused_page.status_code, refused_student.status_code) == (403, 403)
    assert stay.eqf_level == 6

    client.force_login(office)
    assert client.get(page).status_code == 200
    client.post(page, form)
    stay.refresh_from_db()
    assert (stay.eqf_level, stay.isced_code, stay.language, stay.language_level) == (
        7,
        "021",
        "zh",
        "A2",
    )
    assert stay.sending_contact == contact

    url = f"/api/v1/mobility/mobilities/{stay.pk}/ewp-data"
    body = {
        "eqf_level": 6,
        "isced_code": "0215",
        "language": "ru",
        "language_level": "C3",
        "sending_contact": contact.pk,
        "receiving_contact": None,
    }
    token = api_token_create(user=office, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    wrong = client.put(url, body, content_type="application/json", **auth)
    ok = client.put(url, {**body, "language_level": "C1"}, content_type="application/json", **auth)
    host_token = api_token_create(user=host, name="t")[1]
    by_host = client.put(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {host_token}"
    )

    assert wrong.status_code == 409
    assert ok.status_code == 200
    assert ok.json()["ewp_missing"] == ["receiving_contact"]
    assert by_host.status_code == 403
    detail = client.get(f"/mobility/mobilities/{stay.pk}/")
    assert "ewp-missing" in detail.content.decode()


def test_the_api_names_only_contacts_who_work_at_the_institution_as_the_page_offers(
    client, la_scene
):
    """The page offers each institution's own people; the service holds the API to the
    same rule rather than take any person's id."""
    from amur.accounts.services import api_token_create
    from amur.directory.models import Affiliation

    stay, _student, office, _host = la_scene
    elsewhere = PersonFactory(name="Ли Мин", email="li@example.org")
    Affiliation.objects.create(person=elsewhere, organisation=stay.receiving)
    token = api_token_create(user=office, name="t")[1]

    refused = client.put(
        f"/api/v1/mobility/mobilities/{stay.pk}/ewp-data",
        {"eqf_level": 6, "sending_contact": elsewhere.pk, "receiving_contact": None},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    stay.refresh_from_db()
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == (
        "A contact person works at the institution they speak for."
    )
    assert stay.sending_contact != elsewhere
