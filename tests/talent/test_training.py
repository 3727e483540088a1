# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Training offers: seats and the waiting list are the events module's (never overbooked,
a freed seat goes to the first waiting), enrolment is the person's own, and completion
adds the offer's credential to the person's languages."""

import json
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from amur.events.models import ParticipationMode, Registration
from amur.talent import services
from amur.talent.models import LanguageCredential, TrainingEnrolment
from amur.talent.services import TalentError
from tests.factories.directory import UserFactory
from tests.factories.talent import talent
from tests.permissions import cast

pytestmark = pytest.mark.django_db


def _offer(organisation, seats=1, **values):
    start = timezone.make_aware(datetime(2027, 3, 1, 9))
    values.setdefault("title_en", "Chinese language + welding")
    return services.training_create(
        organisation=organisation,
        by=None,
        language="zh",
        award_scheme="hsk3",
        award_level="4",
        start=start,
        end=start + timedelta(days=60),
        seats=seats,
        **values,
    )


def _learner(**kwargs):
    user = UserFactory()
    return talent(user=user, **kwargs), user


def test_offer_is_an_event_with_the_seats_of_the_events_module():
    people = cast()

    offer = _offer(people.org_a, seats=12)

    mode = ParticipationMode.objects.get(event=offer.event)
    assert (mode.attendance, mode.capacity, offer.event.status) == ("in_person", 12, "published")


def test_full_offer_waitlists_and_a_freed_seat_goes_to_the_first_waiting():
    people = cast()
    offer = _offer(people.org_a, seats=1)
    (first, first_user), (second, second_user), (third, third_user) = (
        _learner(),
        _learner(),
        _learner(),
    )

    a = services.training_enrol(offer=offer, profile=first, by=first_user)
    b = services.training_enrol(offer=offer, profile=second, by=second_user)
    c = services.training_enrol(offer=offer, profile=third, by=third_user)
    assert [e.registration.status for e in (a, b, c)] == ["confirmed", "waitlisted", "waitlisted"]

    services.training_withdraw(enrolment=a, by=first_user)

    ids = [a.registration_id, b.registration_id, c.registration_id]
    statuses = dict(Registration.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses[a.registration_id] == "cancelled"
    assert statuses[b.registration_id] == "confirmed"
    assert statuses[c.registration_id] == "waitlisted"
    assert ParticipationMode.objects.get(event=offer.event).seats_taken == 1


def test_only_the_person_enrols_themself_and_entry_level_is_checked():
    people = cast()
    offer = _offer(people.org_a, entry_level=3)
    learner, user = _learner(credentials=[("zh", "hsk2", "2")])

    with pytest.raises(TalentError):
        services.training_enrol(offer=offer, profile=learner, by=people.editor_a)
    with pytest.raises(TalentError, match="B1"):
        services.training_enrol(offer=offer, profile=learner, by=user)
    assert not TrainingEnrolment.objects.exists()


def test_completion_adds_the_credential_and_never_lowers_a_higher_one():
    people = cast()
    offer = _offer(people.org_a, seats=2)
    learner, user = _learner()
    expert, expert_user = _learner(credentials=[("zh", "hsk3", "9")])
    enrolment = services.training_enrol(offer=offer, profile=learner, by=user)
    expert_enrolment = services.training_enrol(offer=offer, profile=expert, by=expert_user)

    with pytest.raises(TalentError):
        services.training_complete(enrolment=enrolment, by=user)
    services.training_complete(enrolment=enrolment, by=people.editor_a)
    services.training_complete(enrolment=expert_enrolment, by=people.editor_a)

    gained = LanguageCredential.objects.get(person=learner.person, language="zh")
    assert (gained.scheme, gained.level, gained.level_official) == ("hsk3", "4", 3)
    assert gained.evidence == "Chinese language + welding"
    kept = LanguageCredential.objects.get(person=expert.person, language="zh")
    assert kept.level == "9"
    with pytest.raises(TalentError):
        services.training_complete(enrolment=enrolment, by=people.editor_a)


def test_waiting_participant_cannot_complete():
    people = cast()
    offer = _offer(people.org_a, seats=1)
    seated, seated_user = _learner()
    services.training_enrol(offer=offer, profile=seated, by=seated_user)
    waiting, waiting_user = _learner()
    enrolment = services.training_enrol(offer=offer, profile=waiting, by=waiting_user)

    with pytest.raises(TalentError):
        services.training_complete(enrolment=enrolment, by=people.editor_a)


def test_training_pages_and_api_by_role(client):
    people = cast()
    learner, user = _learner()
    data = {
        "organisation": people.org_a.pk,
        "title_en": "Russian for conservatory staff",
        "language": "ru",
        "entry_level": 0,
        "award_scheme": "torfl",
        "award_level": "TBU",
        "award_skill": "overall",
        "start": "2027-09-01T09:00",
        "end": "2027-12-20T17:00",
        "seats": 10,
    }
    client.force_login(people.editor_b)
    client.post("/talent/training/new/", data)
    client.force_login(people.editor_a)
    assert client.post("/talent/training/new/", data).status_code == 302
    from amur.talent.models import TrainingOffer

    [offer] = TrainingOffer.objects.all()
    assert client.get("/talent/training/").status_code == 200

    client.force_login(user)
    client.post(f"/talent/training/{offer.pk}/enrol/")
    enrolment = TrainingEnrolment.objects.get(offer=offer, profile=learner)
    assert client.post(f"/talent/enrolments/{enrolment.pk}/complete/").status_code == 403

    client.force_login(people.editor_a)
    assert str(learner.person) in client.get(f"/talent/training/{offer.pk}/").content.decode()
    client.post(f"/talent/enrolments/{enrolment.pk}/complete/")
    assert LanguageCredential.objects.filter(person=learner.person, level="TBU").exists()

    client.logout()
    answer = client.get("/api/v1/talent/training").json()["items"]
    assert [(o["title_en"], o["seats"], o["seats_taken"]) for o in answer] == [
        ("Russian for conservatory staff", 10, 1)
    ]
    assert client.post(
        "/api/v1/talent/training", json.dumps({}), content_type="application/json"
    ).status_code in (401, 422)


def test_page_and_api_let_the_person_and_the_offering_organisation_withdraw_and_no_one_else(
    client,
):
    from amur.accounts.services import api_token_create

    people = cast()
    offer = _offer(people.org_a, seats=5)
    (profile, learner), (_other, stranger) = _learner(), _learner()
    enrolment = services.training_enrol(offer=offer, profile=profile, by=learner)

    def page(user):
        client.force_login(user)
        return client.post(f"/talent/enrolments/{enrolment.pk}/withdraw/").status_code

    def api(user):
        token = api_token_create(user=user, name="t")[1]
        return client.post(
            f"/api/v1/talent/enrolments/{enrolment.pk}/withdraw",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ).status_code

    refused = [page(stranger), api(stranger), page(people.editor_b), api(people.editor_b)]
    enrolment.registration.refresh_from_db()
    assert refused == [403, 403, 403, 403]
    assert enrolment.registration.status == "confirmed"

    assert api(learner) == 200
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == "cancelled"
