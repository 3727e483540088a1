# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The platform's own translation: a text lacking a language becomes a task for qualified
people by language pair; a second qualified person (never the translator) reviews it; the
published text credits the translator and the fallback marker disappears."""

import pytest
from django.template import Context, Template
from django.utils import translation

from amur.talent import matching, selectors, services
from amur.talent.services import TalentError
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.factories.talent import talent
from tests.permissions import cast

pytestmark = pytest.mark.django_db
RU_ZH = [("ru", "catti", "2", "translation"), ("zh", "native", "native")]


def _org_without_chinese(org=None):
    org = org or OrganisationFactory()
    org.description_ru = "Колледж готовит сварщиков."
    org.description_en = "The college trains welders."
    org.description_zh = ""
    org.save()
    return org


def _tag(obj) -> str:
    with translation.override("zh-hans"):
        return Template('{% tr org "description" %}').render(Context({"org": obj}))


@pytest.fixture
def scene():
    people = cast()
    org = _org_without_chinese(people.org_a)
    translator_user, reviewer_user = UserFactory(), UserFactory()
    translator = talent(user=translator_user, credentials=RU_ZH, name="Translator Tan")
    reviewer = talent(user=reviewer_user, credentials=RU_ZH, name="Reviewer Rong")
    [task] = services.translation_tasks_for_missing(obj=org, by=people.editor_a)
    return people, org, task, translator, translator_user, reviewer, reviewer_user


def test_missing_language_becomes_a_task_from_the_preferred_source(scene):
    _people, org, task, *_ = scene

    assert (task.source_language, task.target_language) == ("ru", "zh")
    assert (task.content_type, task.content_id, task.content_field) == (
        "directory.organisation",
        org.pk,
        "description",
    )
    assert task.source_text == "Колледж готовит сварщиков."
    assert (task.volume, task.volume_unit) == (3, "ru_words")
    # one open task per text and language
    assert services.translation_tasks_for_missing(obj=org, by=None) == [task]


def test_qualified_people_by_language_pair_are_matched(scene):
    people, _org, task, translator, _tu, reviewer, _ru = scene
    talent(credentials=[("ru", "torfl", "TORFL-4", "translation")])  # no Chinese

    found = matching.candidates_for(task, selectors.profiles_listed_to(people.editor_a))
    matched = {m.profile for m in found}

    assert matched == {translator, reviewer}


def _deliver(scene, text="学院培养焊工。"):
    people, _org, task, translator, translator_user, _reviewer, _reviewer_user = scene
    services.task_offer(task=task, profile=translator, by=people.editor_a)
    services.task_accept(task=task, by=translator_user)
    services.task_deliver(task=task, by=translator_user, text=text)
    return task


def test_translator_is_never_the_reviewer(scene):
    people, _org, task, translator, _translator_user, _reviewer, _ru = scene
    _deliver(scene)

    with pytest.raises(TalentError, match="cannot review their own"):
        services.review_assign(task=task, reviewer=translator, by=people.editor_a)


def test_only_the_named_reviewer_reviews_and_publication_credits_and_clears_the_marker(scene):
    people, org, task, _translator, translator_user, reviewer, reviewer_user = scene
    _deliver(scene)
    assert "fallback-tag" in _tag(org)
    services.review_assign(task=task, reviewer=reviewer, by=people.editor_a)

    for other in (translator_user, people.editor_a, people.staff):
        with pytest.raises(TalentError):
            services.translation_review(task=task, by=other, approve=True)
    org.refresh_from_db()
    assert org.description_zh == ""

    services.translation_review(task=task, by=reviewer_user, approve=True)

    org.refresh_from_db()
    task.refresh_from_db()
    assert org.description_zh == "学院培养焊工。"
    assert task.status == "reviewed"
    assert task.published_at is not None
    assert "fallback-tag" not in _tag(org)
    credits = Template("{% load talent %}{% translation_credits org %}").render(
        Context({"org": org})
    )
    assert "Translator Tan" in credits
    assert "Reviewer Rong" in credits


def test_returned_translation_goes_back_to_the_translator_unpublished(scene):
    people, org, task, _t, translator_user, reviewer, reviewer_user = scene
    _deliver(scene)
    services.review_assign(task=task, reviewer=reviewer, by=people.editor_a)

    services.translation_review(task=task, by=reviewer_user, approve=False, note="terms")

    task.refresh_from_db()
    org.refresh_from_db()
    assert task.status == "accepted"
    assert org.description_zh == ""
    services.task_deliver(task=task, by=translator_user, text="学院培养焊工和电工。")
    services.translation_review(task=task, by=reviewer_user, approve=True)
    org.refresh_from_db()
    assert org.description_zh == "学院培养焊工和电工。"


def test_requesters_rating_does_not_publish_a_platform_translation(scene):
    people, org, task, *_ = scene
    _deliver(scene)

    services.task_rate(task=task, by=people.editor_a, score=5)

    task.refresh_from_db()
    org.refresh_from_db()
    assert task.status == "delivered"
    assert org.description_zh == ""


def test_sweep_covers_the_platforms_texts(scene):
    _people, org, task, *_ = scene
    other = _org_without_chinese()

    created = services.translation_sweep()

    assert created >= 1
    assert services.translation_tasks_for_missing(obj=other, by=None)[0].target_language == "zh"
    assert services.translation_tasks_for_missing(obj=org, by=None) == [task]


def test_review_pages(client, scene):
    people, org, task, _t, _tu, reviewer, reviewer_user = scene
    _deliver(scene)
    base = f"/talent/tasks/{task.pk}/"

    client.force_login(people.editor_b)
    assert client.post(f"{base}reviewer/", {"profile": reviewer.pk}).status_code in (403, 404)
    client.force_login(people.editor_a)
    assert "Reviewer Rong" in client.get(base).content.decode()
    client.post(f"{base}reviewer/", {"profile": reviewer.pk})
    task.refresh_from_db()
    assert task.reviewer == reviewer
    assert client.post(f"{base}review/", {"approve": "1"}).status_code == 403

    client.force_login(reviewer_user)
    client.post(f"{base}review/", {"approve": "1", "text": "学院培养焊工。"})
    org.refresh_from_db()
    assert org.description_zh == "学院培养焊工。"
    assert client.get("/talent/translations/").status_code == 200


def test_the_daily_command_turns_texts_lacking_a_language_into_tasks_once(scene):
    from io import StringIO

    from django.core.management import call_command

    from amur.talent.models import Task

    other = _org_without_chinese()
    first, second = StringIO(), StringIO()

    call_command("talent_translations", stdout=first)
    tasks = set(Task.objects.values_list("pk", flat=True))
    call_command("talent_translations", stdout=second)

    assert Task.objects.filter(
        content_type="directory.organisation", content_id=other.pk, target_language="zh"
    ).exists()
    assert int(first.getvalue().split()[0]) >= 1
    assert second.getvalue().split()[0] == "0"
    assert set(Task.objects.values_list("pk", flat=True)) == tasks
