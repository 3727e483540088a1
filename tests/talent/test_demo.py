# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The talent demo tells the research's story: the conservatory's 8 of about 20 Russian
experts, the alliance's teaching needs, event interpreting tasks, translation tasks for
content that lacks a language, and a scaled pool with plausible credentials."""

import pytest
from django.core.management import call_command

from amur.core.i18n import missing_languages
from amur.talent import matching, selectors, services
from amur.talent.models import LanguageCredential, Need, Profile, Task, TrainingOffer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command(
        "demo",
        verbosity=0,
        only=["core", "directory", "accounts", "alliances", "events", "mobility", "talent"],
    )


def test_conservatory_need_is_8_of_about_20_with_explained_candidates(demo):
    need = Need.objects.get(organisation__slug="harbin-conservatory", kind="expert")

    assert (services.need_filled(need), need.headcount) == (8, 20)
    matches = matching.candidates_for(need, selectors.profiles_listed_to(None))
    names = [m.profile.person.name for m in matches]
    assert "Соколова Анна Викторовна" in names
    assert all(m.met[0].label.startswith("ru Overall ≥ C2") for m in matches)


def test_teaching_needs_event_tasks_and_training(demo):
    assert Need.objects.filter(kind="teaching", organisation__slug="harbin-vocational").count() == 2
    interpreting = Task.objects.filter(event__isnull=False)
    assert interpreting.exists()
    assert {t.kind for t in interpreting} == {"simultaneous", "consecutive"}
    assert TrainingOffer.objects.count() == 2


def test_content_lacking_a_language_has_translation_tasks(demo):
    tasks = Task.objects.exclude(content_type="")

    assert tasks.exists()
    for task in tasks:
        obj = services.content_object(task)
        assert task.target_language in missing_languages(obj, task.content_field)


def test_hidden_demo_profile_is_never_listed(demo):
    hidden = Profile.objects.get(person__name="Петрова Светлана Олеговна")

    assert hidden.visibility == "hidden"
    assert not selectors.profiles_listed_to(None).filter(pk=hidden.pk).exists()


def test_scaled_pool_has_plausible_credentials():
    call_command("demo", scale=1, verbosity=0, only=["core", "directory", "talent"])

    synthetic = Profile.objects.filter(person__email__startswith="talent-1-")
    assert synthetic.count() == 200
    natives = LanguageCredential.objects.filter(
        person__email__startswith="talent-1-", scheme="native"
    ).count()
    assert natives == 200
    foreign = LanguageCredential.objects.filter(person__email__startswith="talent-1-").exclude(
        scheme__in=["native", "cefr"]
    )
    assert {c.language for c in foreign} == {"ru", "zh"}


def test_scaled_pool_marks_duplicates_as_profile_save_would():
    # The synthetic pool is written in bulk; each profile still points at the earliest
    # earlier profile whose person shares a name form, as profile_save finds it.
    call_command("demo", scale=1, verbosity=0, only=["core", "directory", "talent"])

    synthetic = Profile.objects.filter(person__email__startswith="talent-1-")
    marked = 0
    for profile in synthetic.select_related("person"):
        earlier = services.profile_duplicates(profile).filter(pk__lt=profile.pk).first()
        assert profile.duplicate_of_id == (earlier.pk if earlier else None), profile.person
        marked += profile.duplicate_of_id is not None
    assert marked > 0  # common names recur among 200 people
