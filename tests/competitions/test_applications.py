# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from amur.competitions import services
from amur.competitions.enums import TRANSITIONS, ApplicationStatus
from amur.competitions.models import Contestant
from tests.factories.competitions import ContestantFactory, DisciplineFactory
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def apply(discipline, user, born=date(2005, 1, 1)):
    return services.contestant_apply(
        discipline=discipline,
        user=user,
        name="Алиса Морозова",
        name_latin="Alisa Morozova",
        nationality="ru",
        birth_date=born,
        teachers=[],
        language="ru",
    )


def test_application_gets_the_next_number_and_a_mail_in_the_contestants_language(
    django_capture_on_commit_callbacks,
):
    discipline = DisciplineFactory(min_age=16, max_age=30, age_on=date(2027, 7, 1))
    user = UserFactory(email="alisa@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        contestant = apply(discipline, user)
        draft = contestant.status
        contestant = services.contestant_submit(contestant=contestant, by=user)

    assert (contestant.number, draft, contestant.nationality) == (1, "draft", "RU")
    assert contestant.status == "submitted"
    assert [m.subject for m in mail.outbox] == ["Ваша заявка: Подана"]


@pytest.mark.parametrize(
    ("born", "ok"),
    [
        (date(2011, 7, 1), True),
        (date(2011, 7, 2), False),
        (date(1996, 7, 2), True),
        (date(1996, 7, 1), False),
    ],
)
def test_age_limits_on_the_reference_date(born, ok):
    discipline = DisciplineFactory(min_age=16, max_age=30, age_on=date(2027, 7, 1))

    if ok:
        assert apply(discipline, UserFactory(), born).status == "draft"
    else:
        with pytest.raises(services.CompetitionsError, match="admits ages 16 to 30"):
            apply(discipline, UserFactory(), born)
        assert Contestant.objects.count() == 0


def test_deadline_is_enforced_on_the_server():
    discipline = DisciplineFactory()
    edition = discipline.edition
    edition.applications_close = timezone.now() - timedelta(minutes=1)
    edition.save()

    with pytest.raises(services.CompetitionsError, match="not open"):
        apply(discipline, UserFactory())


@pytest.mark.parametrize(("start", "to"), [(a, b) for a in S for b in S if b not in TRANSITIONS[a]])
def test_every_illegal_status_change_is_refused(start, to):
    contestant = ContestantFactory(status=start)

    with pytest.raises(services.CompetitionsError, match="cannot go from"):
        services.contestant_transition(contestant=contestant, to=to, by=None)


@pytest.mark.parametrize(("start", "to"), [(a, b) for a in S for b in S if b in TRANSITIONS[a]])
def test_every_legal_status_change_is_taken(start, to):
    contestant = ContestantFactory(status=start)

    services.contestant_transition(contestant=contestant, to=to, by=None, reason="r")

    contestant.refresh_from_db()
    assert contestant.status == to


def test_the_apply_page_starts_a_draft_and_opens_it(client):
    discipline = DisciplineFactory()
    user = UserFactory()
    client.force_login(user)
    form = {
        "name": "张雨涵",
        "name_latin": "Zhang Yuhan",
        "nationality": "cn",
        "birth_date": "2006-03-03",
        "teachers": "王建国\n",
    }

    response = client.post(f"/competitions/disciplines/{discipline.pk}/apply/", form)

    contestant = Contestant.objects.get(user=user)
    assert response["Location"] == f"/competitions/applications/{contestant.pk}/"
    assert (contestant.status, contestant.teachers) == ("draft", [{"name": "王建国"}])
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"birth_date": ""}, "Give the date of birth as YYYY-MM-DD."),
        ({"birth_date": "03.03.2006"}, "Give the date of birth as YYYY-MM-DD."),
        ({"name": "   "}, "Please give your name."),
    ],
)
def test_the_apply_page_shows_the_services_translatable_refusal(client, changed, message):
    from django.contrib.messages import get_messages

    discipline = DisciplineFactory()
    user = UserFactory()
    client.force_login(user)
    form = {"name": "张雨涵", "nationality": "cn", "birth_date": "2006-03-03", **changed}

    response = client.post(f"/competitions/disciplines/{discipline.pk}/apply/", form)

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message]
    assert not Contestant.objects.filter(user=user).exists()


def test_an_unknown_status_is_refused_as_the_users_error_and_nothing_changes():
    contestant = ContestantFactory(status="submitted")

    with pytest.raises(services.CompetitionsError) as refused:
        services.contestant_transition(contestant=contestant, to="bogus", by=None)

    contestant.refresh_from_db()
    assert str(refused.value) == "An application cannot go from “Submitted” to “bogus”."
    assert contestant.status == "submitted"
