# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The share of partner-language titles in the union catalogue: counted per country of the
holding library in one pass, and remembered until the catalogue changes."""

import pytest

from amur.library.models import Record
from amur.observatory import selectors as sel
from tests.factories.core import PlaceFactory
from tests.factories.directory import OrganisationFactory
from tests.factories.library import RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def libraries():
    chinese = OrganisationFactory(kind="library")
    russian = OrganisationFactory(
        kind="library", place=PlaceFactory(key="khabarovsk", country_code="RU")
    )
    for languages in ("rus", "rus chi", "chi"):
        RecordFactory(library=chinese, languages=languages)
    for languages in ("chi", "rus", "eng"):
        RecordFactory(library=russian, languages=languages)
    return chinese, russian


def test_records_and_partner_language_titles_per_country(libraries):
    assert sel.catalogue_languages() == {
        "CN": {"n": 3, "partner": 2},
        "RU": {"n": 3, "partner": 1},
    }


def test_no_records_counts_zero():
    assert sel.catalogue_languages() == {
        "CN": {"n": 0, "partner": 0},
        "RU": {"n": 0, "partner": 0},
    }


def test_remembered_until_the_catalogue_changes(libraries, django_assert_num_queries):
    chinese, _russian = libraries
    sel.catalogue_languages()

    with django_assert_num_queries(1):  # the data versions only
        sel.catalogue_languages()
    RecordFactory(library=chinese, languages="rus")
    Record.objects.filter(languages="chi", library=chinese).update(languages="rus")

    assert sel.catalogue_languages()["CN"] == {"n": 4, "partner": 4}
