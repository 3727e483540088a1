# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The termbase: TBX-Basic and CSV exchange (round trips, malformed files), search."""

import pytest

from amur.resources import selectors, termbase
from amur.resources.models import Concept, Term
from amur.resources.services import ResourcesError
from tests.factories.core import FieldOfExchangeFactory
from tests.factories.directory import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

WELDING = [
    {
        "language": "zh",
        "text": "焊接",
        "part_of_speech": "noun",
        "administrative_status": "preferredTerm-admn-sts",
    },
    {"language": "ru", "text": "сварка", "part_of_speech": "noun"},
    {"language": "en", "text": "welding", "part_of_speech": "noun"},
    {"language": "en", "text": "weld joining", "administrative_status": "admittedTerm-admn-sts"},
]


@pytest.fixture
def base():
    org = OrganisationFactory()
    field = FieldOfExchangeFactory(key="vocational-training", name_en="Vocational training")
    expert = UserFactory(username="expert", first_name="Liu", last_name="Yang")
    welding = termbase.concept_save(
        organisation=org,
        by=None,
        terms=WELDING,
        field=field,
        definition_zh="用加热方法连接金属",
        definition_ru="Соединение металлов нагревом",
        definition_en="Joining metals by heat",
        source="GB/T 3375-1994",
    )
    termbase.concept_approve(concept=welding, by=expert)
    termbase.concept_save(
        organisation=org,
        by=None,
        terms=[
            {"language": "zh", "text": "钢琴", "part_of_speech": "noun"},
            {"language": "ru", "text": "фортепиано", "part_of_speech": "noun"},
        ],
    )
    return org


def _snapshot():
    return [
        (
            c.entry_id,
            c.field_id,
            c.status,
            c.expert,
            c.approved_on,
            c.source,
            c.definition_zh,
            c.definition_ru,
            c.definition_en,
            [
                (t.language, t.text, t.part_of_speech, t.administrative_status, t.position)
                for t in c.terms.order_by("language", "position")
            ],
        )
        for c in Concept.objects.order_by("entry_id")
    ]


def test_tbx_round_trip_gives_the_same_concepts(base):
    before = _snapshot()
    exported = termbase.termbase_export_tbx(selectors.concepts_search())
    Concept.objects.all().delete()

    result = termbase.termbase_import_tbx(
        organisation=base, data=exported, by=None, may_approve=True
    )

    assert result == {"created": 2, "updated": 0}
    assert _snapshot() == before
    assert termbase.termbase_export_tbx(selectors.concepts_search()) == exported


def test_tbx_export_is_tbx_basic_dca(base):
    exported = termbase.termbase_export_tbx(selectors.concepts_search()).decode()

    assert '<tbx xmlns="urn:iso:std:iso:30042:ed-2"' in exported
    assert 'type="TBX-Basic"' in exported
    assert 'style="dca"' in exported
    assert '<termNote type="partOfSpeech">noun</termNote>' in exported
    assert '<descrip type="subjectField">vocational-training</descrip>' in exported


def test_importing_the_same_file_again_updates_in_place(base):
    exported = termbase.termbase_export_tbx(selectors.concepts_search())

    result = termbase.termbase_import_tbx(
        organisation=base, data=exported, by=None, may_approve=True
    )

    assert result == {"created": 0, "updated": 2}
    assert Term.objects.count() == 6


MALFORMED = [
    (b"<tbx", "not well-formed"),
    (
        b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Min" style="dca" xml:lang="en"/>',
        "TBX-Basic",
    ),
    (b'<martif type="TBX-Basic"/>', "root element"),
]


def _doc(body: str) -> bytes:
    return (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>"
        f"<text><body>{body}</body></text></tbx>"
    ).encode()


GOOD = '<conceptEntry id="c1"><langSec xml:lang="ru"><termSec><term>сварка</term></termSec></langSec></conceptEntry>'  # noqa: E501


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        *MALFORMED,
        (_doc(""), "no <conceptEntry>"),
        (
            _doc(
                "<conceptEntry><langSec xml:lang='ru'><termSec><term>a</term></termSec>"
                "</langSec></conceptEntry>"
            ),
            "has no id",
        ),
        (_doc(GOOD + GOOD), "repeats"),
        (
            _doc(
                "<conceptEntry id='c'><langSec xml:lang='ru'><termSec><term>a</term>"
                "<termNote type='partOfSpeech'>noon</termNote></termSec></langSec></conceptEntry>"
            ),
            "part of speech 'noon'",
        ),
        (
            _doc(
                "<conceptEntry id='c'><langSec xml:lang='ru'><termSec><term>a</term><term>b</term>"
                "</termSec></langSec></conceptEntry>"
            ),
            "exactly one <term>",
        ),
        (
            _doc(
                "<conceptEntry id='c'><langSec xml:lang='de'><termSec><term>a</term></termSec>"
                "</langSec></conceptEntry>"
            ),
            "'de'",
        ),
        (
            _doc(
                "<conceptEntry id='c'><descrip type='colour'>red</descrip><langSec xml:lang='ru'>"
                "<termSec><term>a</term></termSec></langSec></conceptEntry>"
            ),
            "data category",
        ),
        (
            _doc(
                "<conceptEntry id='c'><langSec xml:lang='ru'><term>a</term></langSec>"
                "</conceptEntry>"
            ),
            "<term> is not allowed in <langSec>",
        ),
        (b'<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _doc(GOOD), "DOCTYPE"),
    ],
)
def test_malformed_tbx_is_refused_with_the_reason_and_nothing_is_written(base, data, reason):
    before = _snapshot()

    with pytest.raises(ResourcesError, match="Not a valid TBX-Basic file") as refused:
        termbase.termbase_import_tbx(organisation=base, data=data, by=None, may_approve=True)

    assert reason in str(refused.value)
    assert _snapshot() == before


def test_a_fault_in_the_last_entry_refuses_the_whole_file(base):
    data = _doc(
        GOOD.replace("c1", "new-1") + "<conceptEntry id='new-2'><descrip "
        "type='subjectField'>astrology</descrip><langSec xml:lang='ru'><termSec>"
        "<term>b</term></termSec></langSec></conceptEntry>"
    )

    with pytest.raises(ResourcesError, match="astrology"):
        termbase.termbase_import_tbx(organisation=base, data=data, by=None, may_approve=True)

    assert not Concept.objects.filter(entry_id__startswith="new-").exists()


def test_approvals_are_imported_only_by_someone_who_may_approve(base):
    exported = termbase.termbase_export_tbx(selectors.concepts_search())
    Concept.objects.all().delete()

    with pytest.raises(ResourcesError, match="expert"):
        termbase.termbase_import_tbx(organisation=base, data=exported, by=None, may_approve=False)

    assert Concept.objects.count() == 0


def test_another_organisations_entries_are_not_overwritten(base):
    exported = termbase.termbase_export_tbx(selectors.concepts_search())

    with pytest.raises(ResourcesError, match="another organisation"):
        termbase.termbase_import_tbx(
            organisation=OrganisationFactory(), data=exported, by=None, may_approve=True
        )


def test_csv_round_trip_and_all_or_nothing(base):
    import csv
    import io

    before = _snapshot()
    rows = termbase.termbase_export_csv_rows(selectors.concepts_search())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(termbase.CSV_COLUMNS)
    writer.writerows(rows)
    Concept.objects.all().delete()

    termbase.termbase_import_csv(
        organisation=base, data=out.getvalue().encode(), by=None, may_approve=True
    )
    assert _snapshot() == before

    bad = out.getvalue() + "x9,,proposed,,,,,de,Schweißen,noun,,\n"
    with pytest.raises(ResourcesError, match=r"Line \d+: the language"):
        termbase.termbase_import_csv(
            organisation=base, data=bad.replace("amur-", "n-").encode(), by=None, may_approve=True
        )
    assert not Concept.objects.filter(entry_id__startswith="n-").exists()


def test_changing_the_words_of_an_approved_concept_sends_it_back_to_proposed(base):
    welding = Concept.objects.get(status="approved")

    termbase.concept_save(
        concept=welding,
        organisation=base,
        by=None,
        terms=[*WELDING, {"language": "ru", "text": "сваривание"}],
        definition_en="Joining metals by heat",
    )

    welding.refresh_from_db()
    assert (welding.status, welding.expert) == ("proposed", "")


@pytest.mark.parametrize("query", ["焊接", "hanjie", "han jie", "сварка", "svarka", "Welding"])
def test_terms_are_found_in_any_script(base, query):
    found = [
        [t.text for t in c.terms.all() if t.language == "zh"]
        for c in selectors.concepts_search(query)
    ]

    assert found == [["焊接"]]


def test_approved_terms_of_a_field_for_translators(base):
    rows = selectors.approved_terms("vocational-training")

    assert [(r["zh"], r["ru"], r["en"]) for r in rows] == [
        (["焊接"], ["сварка"], ["welding", "weld joining"])
    ]
