# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The resources demo (issue 20, part 9): the alliance's course packs with Russian versions
in three states, the conservatories' joint plan, case studies of seed events, adoptions
and ratings, and a termbase of a few hundred approved concepts in three languages; loaded
twice, it changes nothing."""

import pytest

from amur.core.demo import demo_load
from amur.resources import selectors
from amur.resources.models import (
    Adoption,
    Concept,
    Rating,
    Resource,
    ResourceVersion,
    Revision,
    Term,
    TranslationProposal,
)
from amur.talent.models import Task

pytestmark = pytest.mark.django_db

NEEDED = ["core", "directory", "accounts", "alliances", "events", "resources"]
MODELS = (
    Resource,
    ResourceVersion,
    Revision,
    Adoption,
    Rating,
    TranslationProposal,
    Concept,
    Term,
    Task,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _load() -> None:
    demo_load(only=NEEDED, log=lambda _line: None)


@pytest.fixture
def demo():
    _load()


def test_a_second_run_changes_nothing():
    _load()
    first = _counts()

    _load()

    assert _counts() == first
    assert first["Resource"] == 7


def _pack(topic: str) -> Resource:
    return Resource.objects.get(
        organisation__slug="harbin-vocational",
        title_en=f"Chinese language + vocational skills: {topic}",
    )


def _states(resource: Resource) -> dict[str, str]:
    return dict(resource.versions.values_list("language", "status"))


def test_course_packs_in_chinese_with_russian_versions_in_three_states(demo):
    welding, logistics, tourism = (_pack(t) for t in ("welding", "logistics", "tourism"))

    assert {
        (r.kind, r.original_language, r.audience, r.alliance.slug, r.status)
        for r in (welding, logistics, tourism)
    } == {("course_pack", "zh", "alliance", "srvea", "published")}
    # Published in Russian, translated from the Chinese version by a named person.
    assert _states(welding) == {"zh": "published", "ru": "published"}
    russian = welding.versions.get(language="ru")
    assert (russian.translated_from.language, russian.translator) == ("zh", "李明")
    assert list(
        welding.versions.get(language="zh")
        .revisions.order_by("number")
        .values_list("number", "content_type")
    ) == [(1, "application/pdf"), (2, "application/pdf")]
    assert welding.language_list == ["ru", "zh"]
    # Being translated: the proposal is a real talent task of the proposing institution.
    assert _states(logistics) == {"zh": "published"}
    proposal = logistics.proposals.get()
    task = proposal.task
    assert (proposal.language, proposal.status, proposal.organisation.slug) == (
        "ru",
        "in_translation",
        "khabarovsk-ied",
    )
    assert (task.kind, task.source_language, task.target_language, task.organisation.slug) == (
        "translation",
        "zh",
        "ru",
        "khabarovsk-ied",
    )
    assert task.field.key == "vocational-training"
    assert (task.title_zh, task.title_ru) == ("汉语＋职业技能课程包：物流 (zh→ru)", "")
    # Lacking Russian altogether.
    assert _states(tourism) == {"zh": "published"}
    assert not tourism.proposals.exists()
    # Every file is a small real PDF typeset by the loader.
    revisions = Revision.objects.exclude(file="")
    assert revisions.count() >= 10
    for revision in revisions:
        with revision.file.open("rb") as stored:
            assert stored.read(5) == b"%PDF-", revision


def test_the_joint_plan_case_studies_adoptions_and_ratings(demo):
    plan = Resource.objects.get(organisation__slug="harbin-conservatory", kind="teaching_plan")

    assert (plan.audience, [p.slug for p in plan.partners.all()]) == (
        "partners",
        ["spb-conservatory"],
    )
    assert _states(plan) == {"zh": "published", "ru": "published"}
    assert list(plan.adoptions.values_list("organisation__slug", flat=True)) == ["spb-conservatory"]
    # Case studies of seed events.
    studies = Resource.objects.filter(kind="case_study")
    assert {s.keywords for s in studies} == {
        "vocational-alliance-inauguration-2023",
        "wfimc-master-classes-2023",
        "jixi-culture-week-2004",
    }
    assert all(s.audience == "public" and s.status == "published" for s in studies)
    # Partner institutions adopt and rate.
    welding = _pack("welding")
    assert sorted(welding.adoptions.values_list("organisation__slug", flat=True)) == [
        "heihe-university",
        "khabarovsk-ied",
    ]
    assert selectors.rating_summary(welding) == {"average": 4.5, "count": 2}
    assert Adoption.objects.count() == 4


def test_the_termbase_has_hundreds_of_approved_concepts_in_three_languages(demo):
    approved = Concept.objects.filter(status="approved").prefetch_related("terms")

    assert approved.count() >= 200
    for concept in approved:
        assert {t.language for t in concept.terms.all()} == {"zh", "ru", "en"}, concept
        assert concept.expert
    fields = set(approved.values_list("field__key", flat=True))
    assert fields == {"vocational-training", "tourism", "music", "libraries-archives"}
    terms = {(c.entry_id, t.language): t.text for c in approved for t in c.terms.all()}
    assert (terms["weld-001", "zh"], terms["weld-001", "ru"], terms["weld-001", "en"]) == (
        "焊接",
        "сварка",
        "welding",
    )
    assert terms["lib-001", "ru"] == "каталогизация"
    # The logistics pack's translation task shows its field's approved terms.
    task = _pack("logistics").proposals.get().task
    glossary = selectors.task_glossary(task.field.key, "zh", "ru")
    assert {"source": "仓储", "target": "складирование"}.items() <= next(
        row for row in glossary if row["source"] == "仓储"
    ).items()
    assert len(glossary) >= 100
