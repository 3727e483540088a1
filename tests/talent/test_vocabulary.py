# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shared skills vocabulary: three labels per term and ESCO URIs as keys — each one
well-formed and naming one term only, in the vocabulary and in the database."""

import re

import pytest
from django.db import IntegrityError

from amur.talent import services
from amur.talent.models import Skill
from amur.talent.vocabulary import SKILLS

ESCO_URI = re.compile(
    r"^http://data\.europa\.eu/esco/skill/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


def test_every_term_is_labelled_in_three_languages_under_a_unique_key():
    keys = [key for key, *_ in SKILLS]

    assert len(keys) == len(set(keys))
    for key, _field, zh, ru, en, _uri in SKILLS:
        assert all((zh, ru, en)), key
        assert re.search(r"[\u4e00-\u9fff]", zh), key
        assert re.search(r"[а-яё]", ru.lower()), key


def test_esco_uris_are_well_formed_and_unique():
    uris = [uri for *_, uri in SKILLS if uri]

    assert [uri for uri in uris if not ESCO_URI.match(uri)] == []
    assert len(uris) == len(set(uris))
    # The terms the issue names that ESCO keys: welding and logistics at least.
    keyed = {key for key, *_, uri in SKILLS if uri}
    assert {"welding", "logistics", "piano-performance"} <= keyed


@pytest.mark.django_db
def test_sync_writes_labels_and_uris_and_is_repeatable():
    first = services.skills_sync()
    again = services.skills_sync()

    assert first == again
    stored = {s.key: s.esco_uri for s in Skill.objects.all()}
    assert stored == {key: uri for key, *_, uri in SKILLS}
    assert Skill.objects.get(key="welding").name_ru == "сварка"


@pytest.mark.django_db
def test_database_refuses_one_uri_for_two_terms():
    services.skills_sync()
    uri = Skill.objects.get(key="welding").esco_uri

    with pytest.raises(IntegrityError):
        Skill.objects.create(
            key="welding-again", name_zh="焊", name_ru="сварка", name_en="W", esco_uri=uri
        )
