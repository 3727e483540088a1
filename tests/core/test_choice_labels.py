# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Choice labels built once per field and language (amur.core.codes.display) say what
``get_FOO_display`` says, in the reader's language, and follow a change of language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from amur.core.codes import display, field_labels
from amur.events.models import Event
from tests.factories.events import EventFactory

KIND_IN = {"en": "Culture week", "zh-hans": "文化周", "ru": "Неделя культуры"}


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_display_is_the_label_in_each_language(language):
    event = Event(kind="culture_week", status="cancelled")

    with translation.override(language):
        kind = display(event, "kind")
        status = display(event, "status")
        expected_status = event.get_status_display()

    assert kind == KIND_IN[language]
    assert status == expected_status


def test_display_switches_with_the_language_in_one_process():
    event = Event(kind="culture_week")

    with translation.override("ru"):
        russian = display(event, "kind")
    with translation.override("zh-hans"):
        chinese = display(event, "kind")
    with translation.override("en"):
        english = display(event, "kind")

    assert [russian, chinese, english] == ["Неделя культуры", "文化周", "Culture week"]


def test_every_label_matches_django_in_every_language():
    for language in ("en", "zh-hans", "ru"):
        with translation.override(language):
            labels = field_labels(Event, "kind")
            for value in labels:
                expected = Event(kind=value).get_kind_display()
                assert labels[value] == expected, (language, value)


def test_a_value_that_is_no_choice_is_shown_as_stored():
    event = Event(kind="no-such-kind")

    assert display(event, "kind") == "no-such-kind"


def test_the_template_filter_reads_the_active_language():
    template = Template('{{ event|display:"kind" }}')
    event = Event(kind="culture_week")

    with translation.override("ru"):
        rendered = template.render(Context({"event": event}))

    assert rendered == "Неделя культуры"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans", "ru"])
def test_events_list_shows_kinds_in_the_readers_language(client, language):
    EventFactory(kind="culture_week")
    client.cookies["amur_language"] = language

    response = client.get("/events/")

    assert KIND_IN[language] in response.content.decode()
