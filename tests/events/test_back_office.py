# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.core import mail

from amur.events import services
from amur.events.models import Event
from tests.factories.core import PlaceFactory
from tests.factories.events import EventFactory, ModeFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

FORM = {
    "title_en": "Folk Song Evening",
    "title_ru": "Вечер народной песни",
    "kind": "concert",
    "status": "published",
    "start": "2027-09-01T19:00",
    "end": "2027-09-01T21:00",
    "timezone": "Asia/Shanghai",
    "languages": "zh,ru",
    "in_person_capacity": "80",
    "offer_online": "on",
}


def test_a_folk_association_publishes_its_event_with_capacities(client):
    c = cast()
    c.org_a.sector = "folk"
    c.org_a.save()
    client.force_login(c.editor_a)

    response = client.post("/events/new/", {**FORM, "host": c.org_a.pk, "place": PlaceFactory().pk})

    event = Event.objects.get(title_en="Folk Song Evening")
    assert response.status_code == 302
    assert services.event_sectors(event) == {"folk": 1}
    assert {m.attendance: m.capacity for m in event.modes.all()} == {
        "in_person": 80,
        "online": None,
    }


def test_platform_staff_create_an_event_for_an_organisation_they_hold_no_role_in(client):
    c = cast()
    client.force_login(c.staff)

    form = client.get("/events/new/")
    response = client.post("/events/new/", {**FORM, "host": c.org_b.pk, "place": PlaceFactory().pk})

    event = Event.objects.get(title_en="Folk Song Evening")
    assert c.org_b in form.context["hosts"]
    assert response.status_code == 302
    assert list(event.event_organisers.values_list("organisation", "role")) == [
        (c.org_b.pk, "host")
    ]


def test_capacity_cannot_drop_below_seats_taken(client):
    c = cast()
    event = EventFactory(host=c.org_a)
    mode = ModeFactory(event=event, capacity=5)
    for n in range(3):
        services.registration_create(mode=mode, name=f"p{n}", email=f"p{n}@x.org", send_mail=False)
    client.force_login(c.editor_a)
    data = {
        **FORM,
        "title_en": event.title_en,
        "place": event.place_id,
        "in_person_capacity": "2",
        "offer_online": "",
    }

    response = client.post(f"/events/{event.slug}/edit/", data)

    assert "3 seats are already taken" in response.content.decode()
    mode.refresh_from_db()
    assert mode.capacity == 5


def test_outsiders_cannot_edit_or_message(client):
    c = cast()
    event = EventFactory(host=c.org_a)
    client.force_login(c.editor_b)
    before = Snapshot(Event)

    edit = client.post(f"/events/{event.slug}/edit/", {**FORM, "place": event.place_id})
    message = client.post(
        f"/events/{event.slug}/message/",
        {"attendance": "in_person", "subject_en": "x", "body_en": "y"},
    )

    assert denied(edit)
    assert denied(message)
    assert before.unchanged()
    assert mail.outbox == []


def test_anonymous_cannot_publish(client):
    assert asks_to_log_in(client.post("/events/new/", FORM))


def test_message_reaches_each_registrant_in_their_language(
    client, django_capture_on_commit_callbacks
):
    c = cast()
    event = EventFactory(host=c.org_a)
    mode = ModeFactory(event=event, capacity=None)
    services.registration_create(
        mode=mode, name="Ольга", email="olga@x.org", language="ru", send_mail=False
    )
    services.registration_create(
        mode=mode, name="李娜", email="li@x.org", language="zh-hans", send_mail=False
    )
    services.registration_create(
        mode=mode, name="Anna", email="anna@x.org", language="en", send_mail=False
    )
    client.force_login(c.editor_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/events/{event.slug}/message/",
            {
                "attendance": "in_person",
                "subject_en": "Hall changed",
                "subject_ru": "Новый зал",
                "body_en": "Hall 2",
                "body_ru": "Зал 2",
                "subject_zh": "",
                "body_zh": "",
            },
        )

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("anna@x.org", "Hall changed"),
        ("li@x.org", "Hall changed"),
        ("olga@x.org", "Новый зал"),
    ]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_organiser_exports_registrations(client, export):
    import io

    from openpyxl import load_workbook

    c = cast()
    event = EventFactory(host=c.org_a)
    mode = ModeFactory(event=event, capacity=None)
    services.registration_create(mode=mode, name="Ольга", email="olga@x.org", send_mail=False)
    client.force_login(c.editor_a)

    response = client.get(f"/events/{event.slug}/registrations/", {"format": export})

    if export == "csv":
        rows = response.content.decode().splitlines()
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [",".join(str(c.value or "") for c in row) for row in sheet.iter_rows()]
    assert rows[0] == "name,email,organisation,mode,status,language,checked_in"
    assert rows[1].startswith("Ольга,olga@x.org,,in_person,confirmed,en")
