# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Where the platform's own translations are read: an event's description, an
organisation's profile, an alliance's constitution and a competition's rules.  Before
publication the Chinese page shows the text in another language with the fallback marker;
once the reviewed translation is published it shows the Chinese text, credits its
translator and reviewer, and the marker is gone."""

import pytest
from django.urls import reverse

from amur.alliances.models import ConstitutionVersion
from amur.talent import services
from tests.factories.alliances import AllianceFactory
from tests.factories.competitions import EditionFactory
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory
from tests.factories.talent import talent

pytestmark = pytest.mark.django_db
RU_ZH = [("ru", "catti", "2", "translation"), ("zh", "native", "native")]
RUSSIAN = "Фестиваль откроет симфонический оркестр."
CHINESE = "交响乐团将为艺术节开幕。"


def _event():
    event = EventFactory(summary_ru=RUSSIAN, summary_en="", summary_zh="")
    return event, reverse("events:detail", args=[event.slug])


def _organisation():
    org = OrganisationFactory(description_ru=RUSSIAN, description_en="", description_zh="")
    return org, reverse("directory:organisation", args=[org.pk])


def _constitution():
    alliance = AllianceFactory()
    version = ConstitutionVersion.objects.create(alliance=alliance, number=1, text_ru=RUSSIAN)
    return version, reverse("alliances:constitution", args=[alliance.slug])


def _rules():
    edition = EditionFactory(rules_ru=RUSSIAN)
    return edition, reverse("competitions:edition", args=[edition.pk])


def _publish(obj):
    """A qualified person translates, a second one reviews and publishes."""
    translator_user, reviewer_user = UserFactory(), UserFactory()
    translator = talent(user=translator_user, credentials=RU_ZH, name="Translator Tan")
    reviewer = talent(user=reviewer_user, credentials=RU_ZH, name="Reviewer Rong")
    task = next(
        t
        for t in services.translation_tasks_for_missing(obj=obj, by=None)
        if t.target_language == "zh"
    )
    services.task_offer(task=task, profile=translator, by=None)
    services.task_accept(task=task, by=translator_user)
    services.task_deliver(task=task, by=translator_user, text=CHINESE)
    services.review_assign(task=task, reviewer=reviewer, by=None)
    services.translation_review(task=task, by=reviewer_user, approve=True)


@pytest.mark.parametrize("scene", [_event, _organisation, _constitution, _rules])
def test_published_translation_is_shown_credited_and_unmarked(client, scene):
    obj, url = scene()
    before = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert RUSSIAN in before
    assert "fallback-tag" in before
    assert "Translator Tan" not in before

    _publish(obj)

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert CHINESE in page
    assert RUSSIAN not in page
    assert "fallback-tag" not in page
    assert "Translator Tan" in page
    assert "Reviewer Rong" in page
