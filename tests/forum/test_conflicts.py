# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Conflicts of interest from the directory, names matched across scripts."""

from datetime import date

import pytest

from amur.core.names import name_forms, same_person
from amur.forum import services
from amur.forum.conflicts import conflicts_refresh, detect
from amur.forum.models import Supervision
from tests.factories import forum as f
from tests.factories.directory import OrganisationFactory
from tests.factories.library import RecordFactory

pytestmark = pytest.mark.django_db


def test_names_agree_across_scripts():
    assert name_forms("李长妮") & name_forms("Li Changni")
    assert name_forms("Иванов Иван Петрович") & name_forms("Ivan Ivanov")
    assert name_forms("Смирнова Ольга") & name_forms("Olga Smirnova")
    assert name_forms("张长") & name_forms("Zhang Chang")
    assert not name_forms("Иванов Иван") & name_forms("Petrov Ivan")


@pytest.fixture
def scene():
    return f.scene()


def _sources(found):
    return sorted({c.source for c in found})


def test_the_same_person_entered_in_another_script_is_an_author(scene):
    s = f.submission(scene.edition, scene.tracks[0])
    latin_twin = f.person("Ivan Ivanov", nationality="RU")

    assert same_person(latin_twin, s.authors.get().person)
    assert _sources(detect(s, latin_twin)) == ["author"]


def test_same_organisation_and_supervision(scene):
    org = OrganisationFactory()
    s = f.submission(scene.edition, scene.tracks[0], organisation=org)
    colleague = f.person("Петров Пётр", organisation=org)
    supervisor = f.person("Сидоров Сидор")
    Supervision.objects.create(supervisor=supervisor, student=s.authors.get().person, start=2015)

    assert _sources(detect(s, colleague)) == ["same_organisation"]
    assert _sources(detect(s, supervisor)) == ["supervision"]


def test_coauthorship_in_a_catalogue_record_in_another_script(scene):
    s = f.submission(scene.edition, scene.tracks[0])
    reviewer = f.person("王伟", latin="Wang Wei")
    RecordFactory(
        year=date.today().year - 1,
        authors=[
            {"name": "Ivanov, Ivan", "original": "Иванов Иван", "role": "author"},
            {"name": "Wang, Wei", "original": "王伟", "role": "author"},
        ],
    )
    old = f.person("赵老", latin="Zhao Lao")
    RecordFactory(
        year=date.today().year - 10,
        authors=[
            {"name": "Ivanov, Ivan", "original": "", "role": "author"},
            {"name": "Zhao, Lao", "original": "赵老", "role": "author"},
        ],
    )

    assert _sources(detect(s, reviewer)) == ["coauthorship"]
    assert detect(s, old) == []


def test_coauthors_of_an_earlier_forum_submission(scene):
    coauthor = f.person("Ли Вэй", latin="Li Wei")
    earlier = f.submission(scene.edition, scene.tracks[1], coauthors=[(coauthor, None)])
    author = earlier.author
    later = f.submission(scene.edition, scene.tracks[0], author=author)
    twin = f.person("李伟")  # the co-author again, entered in Chinese

    assert _sources(detect(later, twin)) == ["coauthorship"]


def test_translators_and_declared_conflicts_are_stored(scene):
    s = f.submission(scene.edition, scene.tracks[0], both=False)
    translator = f.person("刘译", latin="Liu Yi")
    services.version_set(
        submission=s,
        language="zh",
        texts={"title": "标题", "abstract": "摘要"},
        origin="translated",
        person=translator,
        by=s.author,
    )
    r1 = f.reviewer(scene.tracks[0], "t1", "刘译2", side="cn", languages=f.ZH_ONLY)
    r1.person = translator
    r1.save()
    friend = f.reviewer(scene.tracks[0], "t2", "Друг Друг", side="ru", languages=f.RU_ONLY)
    services.conflict_declare(
        submission=s, person=friend.person, detail="друзья", by=friend.person.user
    )

    found = conflicts_refresh(scene.edition)

    assert _sources(found[(s.pk, translator.pk)]) == ["translator"]
    assert _sources(found[(s.pk, friend.person.pk)]) == ["declared"]
    assert sorted(s.conflicts.values_list("source", flat=True)) == ["declared", "translator"]
