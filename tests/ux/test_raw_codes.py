# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""No raw codes in pages: statuses, state changes, language lists, countries and MARC
language codes shown as words in the reader's language."""

import pymarc
import pytest
from django.utils import translation

from amur.core import codes
from amur.library.marc import language_codes, marc21_fields
from tests.factories.core import PlaceFactory
from tests.factories.directory import PersonFactory
from tests.factories.events import EventFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("rus", ["rus"]),
        ("engrus", ["eng", "rus"]),
        ("belrus", ["bel", "rus"]),
        ("chiengrus", ["chi", "eng", "rus"]),
        ("RUS", ["rus"]),
        ("", []),
        ("ru", ["ru"]),  # not a MARC code: kept as it is
    ],
)
def test_041_codes_run_together_are_split(value, expected):
    assert language_codes(value) == expected


def test_a_record_with_041_run_together_has_each_language_once():
    record = pymarc.Record()
    record.add_field(pymarc.Field(tag="001", data="x1"))
    record.add_field(pymarc.Field(tag="008", data="0" * 35 + "rus" + "  "))
    record.add_field(
        pymarc.Field(
            tag="041",
            indicators=pymarc.Indicators("1", " "),
            subfields=[pymarc.Subfield("a", "engrus"), pymarc.Subfield("h", "bel")],
        )
    )
    record.add_field(
        pymarc.Field(
            tag="245", indicators=pymarc.Indicators("0", "0"), subfields=[pymarc.Subfield("a", "T")]
        )
    )

    assert marc21_fields(record)["languages"] == "rus,eng"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Chinese, Russian"), ("ru", "Китайский, Русский"), ("zh-hans", "中文, 俄文")],
)
def test_language_lists_as_names(language, expected):
    with translation.override(language):
        assert codes.language_list("zh,ru") == expected
        assert codes.language_list("chi,rus") == expected


@pytest.mark.django_db
def test_countries_as_names_in_the_readers_language():
    PlaceFactory(
        key="cn",
        kind="country",
        country_code="CN",
        name_zh="中国",
        name_ru="Китай",
        name_en="China",
    )
    codes._COUNTRIES.clear()

    with translation.override("ru"):
        assert codes.country_name("CN") == "Китай"
    with translation.override("zh-hans"):
        assert codes.country_name("cn") == "中国"
    assert codes.country_name("XX") == "XX"


@pytest.mark.django_db
def test_pages_show_words_not_codes(client):
    PlaceFactory(
        key="cn",
        kind="country",
        country_code="CN",
        name_zh="中国",
        name_ru="Китай",
        name_en="China",
    )
    codes._COUNTRIES.clear()
    event = EventFactory(languages="zh,ru")
    person = PersonFactory(nationality="CN")
    client.cookies["amur_language"] = "ru"

    event_html = client.get(f"/events/{event.slug}/").content.decode()
    person_html = client.get(f"/directory/people/{person.pk}/").content.decode()

    assert "Китайский, Русский" in event_html
    assert "zh,ru" not in event_html
    assert "Китай" in person_html
    assert ": CN<" not in person_html


def test_state_changes_as_words():
    from amur.core.templatetags.amur import label_of

    with translation.override("en"):
        first = f"{label_of('', 'alliances.MembershipStatus')} → "
        first += label_of("applied", "alliances.MembershipStatus")
        assert first == "— → Applied"
        assert label_of("under_review", "alliances.MembershipStatus") == "Under review"
        assert label_of("submitted", "mobility.ApplicationStatus") == "Submitted"
