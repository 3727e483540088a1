# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An event's interpretation needs become interpreting tasks from the event page: one per
day and direction, for one of the event's organisers, never twice; nobody else may."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from amur.events.models import EventOrganiser, Session
from amur.talent import services
from amur.talent.models import Task
from amur.talent.services import TalentError
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.events import EventFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db
HARBIN = ZoneInfo("Asia/Shanghai")


def _session(event, *, day, hour, hours, language, interpretation=True):
    start = datetime(2027, 8, day, hour, tzinfo=HARBIN)
    return Session.objects.create(
        event=event,
        title_en=f"Session {day}/{hour}",
        kind="concert",
        start=start,
        end=start + timedelta(hours=hours),
        language=language,
        interpretation=interpretation,
    )


@pytest.fixture
def festival():
    people = cast()
    event = EventFactory(host=people.org_a, title_en="Harbin Summer", interpretation=False)
    EventOrganiser.objects.create(event=event, organisation=people.org_b, role="co_organiser")
    _session(event, day=3, hour=9, hours=2, language="zh")
    _session(event, day=3, hour=14, hours=1, language="zh")  # same day, same direction
    _session(event, day=4, hour=10, hours=3, language="ru")
    _session(event, day=4, hour=15, hours=1, language="en")  # into both
    _session(event, day=5, hour=10, hours=2, language="zh", interpretation=False)
    return people, event


def _summary(tasks):
    return sorted(
        (t.start.isoformat(), t.source_language, t.target_language, t.volume, t.volume_unit)
        for t in tasks
    )


def test_sessions_needing_interpretation_become_one_task_per_day_and_direction(festival):
    people, event = festival

    tasks = services.event_interpreting_tasks(
        event=event, organisation=people.org_a, by=people.editor_a
    )

    assert _summary(tasks) == [
        ("2027-08-03", "zh", "ru", 3, "hours"),
        ("2027-08-04", "en", "ru", 1, "hours"),
        ("2027-08-04", "en", "zh", 1, "hours"),
        ("2027-08-04", "ru", "zh", 3, "hours"),
    ]
    assert {t.organisation for t in tasks} == {people.org_a}
    assert {t.kind for t in tasks} == {"simultaneous"}
    assert {t.status for t in tasks} == {"draft"}
    zh_ru = next(t for t in tasks if t.source_language == "zh")
    assert [(r.language, r.skill, r.min_level) for r in zh_ru.requirements.all()] == [
        ("ru", "overall", 5),
        ("zh", "interpreting", 5),
    ]


def test_needs_are_not_turned_into_tasks_twice(festival):
    people, event = festival
    first = services.event_interpreting_tasks(
        event=event, organisation=people.org_a, by=people.editor_a
    )
    services.task_cancel(task=first[0], by=people.editor_a)

    again = services.event_interpreting_tasks(
        event=event, organisation=people.org_a, by=people.editor_a
    )

    assert _summary(again) == _summary(first[:1])
    assert Task.objects.filter(event=event).exclude(status="cancelled").count() == 4


def test_an_event_marked_for_interpretation_without_sessions_needs_both_directions():
    people = cast()
    event = EventFactory(host=people.org_a, interpretation=True)

    tasks = services.event_interpreting_tasks(
        event=event, organisation=people.org_a, by=people.editor_a, kind="consecutive"
    )

    assert _summary(tasks) == [
        ("2027-08-03", "ru", "zh", None, ""),
        ("2027-08-03", "zh", "ru", None, ""),
    ]
    assert {t.kind for t in tasks} == {"consecutive"}


def test_refusals():
    people = cast()
    quiet = EventFactory(host=people.org_a, interpretation=False)
    event = EventFactory(host=people.org_a, interpretation=True)

    with pytest.raises(TalentError, match="no interpretation needs"):
        services.event_interpreting_tasks(event=quiet, organisation=people.org_a, by=None)
    with pytest.raises(TalentError, match="organiser"):
        services.event_interpreting_tasks(event=event, organisation=people.org_b, by=None)
    with pytest.raises(TalentError, match="simultaneous or consecutive"):
        services.event_interpreting_tasks(
            event=event, organisation=people.org_a, by=None, kind="translation"
        )
    assert not Task.objects.exists()


def test_event_page_button_for_organisers_only(client, festival):
    people, event = festival
    page_url = f"/events/{event.slug}/"
    action = f"/talent/events/{event.slug}/interpreting/"
    outsider = UserFactory(username="outsider")
    give_role(outsider, OrganisationFactory(), "editor")  # an editor outside the event

    for user in (None, people.member_a, outsider):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert action not in client.get(page_url).content.decode()
        before = Snapshot(Task)
        response = client.post(action, {"kind": "simultaneous"})
        assert asks_to_log_in(response) if user is None else denied(response)
        assert before.unchanged()

    client.force_login(people.editor_a)
    assert action in client.get(page_url).content.decode()
    response = client.post(action, {"kind": "consecutive"})

    assert response.status_code == 302
    assert response["Location"] == page_url
    tasks = Task.objects.filter(event=event)
    assert tasks.count() == 4
    assert {(t.organisation, t.kind) for t in tasks} == {(people.org_a, "consecutive")}
    page = client.get(page_url).content.decode()
    assert all(f"/talent/tasks/{t.pk}/" in page for t in tasks)


def test_a_co_organiser_states_tasks_for_its_own_organisation(client, festival):
    people, event = festival

    client.force_login(people.editor_b)
    client.post(f"/talent/events/{event.slug}/interpreting/")

    assert {t.organisation for t in Task.objects.filter(event=event)} == {people.org_b}


def test_bad_kind_is_refused_with_a_message_not_an_error(client, festival):
    people, event = festival
    client.force_login(people.staff)

    response = client.post(
        f"/talent/events/{event.slug}/interpreting/",
        {"kind": "telepathy"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "simultaneous or consecutive" in response.content.decode()
    assert not Task.objects.filter(event=event).exists()
