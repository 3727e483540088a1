# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public pages are served from the cache to anonymous visitors (amur.core.pagecache),
never with stale data, another visitor's language, zone, CSRF token or messages, and never
to a signed-in person."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory

from amur.accounts.services import api_token_create
from amur.alliances.models import Membership
from amur.events.models import Event
from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.directory import UserFactory
from tests.factories.events import EventFactory, ModeFactory
from tests.factories.library import RecordFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def test_a_second_anonymous_visit_is_served_from_the_cache(client, django_assert_max_num_queries):
    event = EventFactory()
    client.get(f"/events/{event.slug}/")

    with django_assert_max_num_queries(1):  # the data versions
        response = client.get(f"/events/{event.slug}/")

    assert response.status_code == 200
    assert "Sino-Russian Culture and Art Exchange Week" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/", "/events/", "/events/?kind=culture_week", "/events/calendar/?month=2027-08", "EVENT"],
)
def test_a_changed_event_shows_at_once_on_every_cached_page(client, path):
    event = EventFactory()
    path = f"/events/{event.slug}/" if path == "EVENT" else path
    before = client.get(path).content.decode()

    Event.objects.filter(pk=event.pk).update(title_en="Harbin Ice Festival")
    after = client.get(path).content.decode()

    assert "Sino-Russian Culture and Art Exchange Week" in before
    assert "Harbin Ice Festival" in after
    assert "Sino-Russian Culture and Art Exchange Week" not in after


def test_an_alliance_page_follows_its_members(client):
    alliance = AllianceFactory()
    MembershipFactory(alliance=alliance, organisation__name_en="Heihe Polytechnic")
    before = client.get(f"/alliances/{alliance.slug}/").content.decode()

    Membership.objects.filter(alliance=alliance).update(status="suspended")
    after = client.get(f"/alliances/{alliance.slug}/").content.decode()

    assert "Heihe Polytechnic" in before
    assert "Heihe Polytechnic" not in after


def test_seats_taken_show_at_once_on_a_cached_event_page(client):
    mode = ModeFactory(attendance="online", capacity=10)
    url = f"/events/{mode.event.slug}/"
    before = client.get(url).content.decode()

    Client().post(
        f"{url}register/",
        {"mode": mode.pk, "name": "Ольга", "email": "olga@example.org", "language": "ru"},
    )
    after = client.get(url).content.decode()

    assert "0 of 10 seats taken" in before
    assert "1 of 10 seats taken" in after


def test_each_language_gets_its_own_page(client):
    event = EventFactory()
    client.cookies["amur_language"] = "ru"
    russian = client.get(f"/events/{event.slug}/").content.decode()
    client.cookies["amur_language"] = "zh-hans"
    chinese = client.get(f"/events/{event.slug}/").content.decode()

    assert "Неделя российско-китайского культурного обмена" in russian
    assert "中俄文化艺术交流周" in chinese
    assert "Неделя российско-китайского культурного обмена</h1>" not in chinese


def test_each_time_zone_gets_its_own_page(client):
    event = EventFactory()  # 2027-08-03 09:00 in Harbin
    client.cookies["amur_tz"] = "Europe/Moscow"
    moscow = client.get(f"/events/{event.slug}/").content.decode()
    client.cookies["amur_tz"] = "Asia/Shanghai"
    harbin = client.get(f"/events/{event.slug}/").content.decode()

    assert "2027-08-03 04:00" in moscow
    assert "2027-08-03 04:00" not in harbin


def test_a_signed_in_person_is_never_served_the_cached_page(client):
    event = EventFactory()
    client.get(f"/events/{event.slug}/")
    client.force_login(UserFactory(username="olga"))

    html = client.get(f"/events/{event.slug}/").content.decode()

    assert "olga" in html
    assert "Log out" in html


def test_each_visitor_gets_their_own_csrf_token_and_can_post_with_it():
    mode = ModeFactory(attendance="online", capacity=None)
    url = f"/events/{mode.event.slug}/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_tokens = set(TOKEN.findall(first.get(url).content.decode()))

    page = second.get(url)
    second_tokens = set(TOKEN.findall(page.content.decode()))
    response = second.post(
        f"{url}register/",
        {
            "csrfmiddlewaretoken": next(iter(second_tokens)),
            "mode": mode.pk,
            "name": "Ольга",
            "email": "olga@example.org",
            "language": "ru",
        },
    )

    assert second_tokens
    assert not second_tokens & first_tokens
    assert "csrftoken" in page.cookies
    assert response.status_code == 200
    assert mode.registrations.count() == 1


def test_a_message_is_shown_to_its_visitor_only(client):
    event = EventFactory()
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your seat is held, Ольга")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value

    own = client.get(f"/events/{event.slug}/").content.decode()
    other = Client().get(f"/events/{event.slug}/").content.decode()

    assert "Your seat is held, Ольга" in own
    assert "Your seat is held" not in other


def test_an_api_list_is_served_from_the_cache_and_follows_changes(
    client, django_assert_max_num_queries
):
    event = EventFactory()
    first = client.get("/api/v1/events/events").json()

    with django_assert_max_num_queries(1):  # the data versions
        again = client.get("/api/v1/events/events")
    Event.objects.filter(pk=event.pk).update(title_en="Harbin Ice Festival")
    after = client.get("/api/v1/events/events").json()

    assert again.json() == first
    assert again["Content-Type"] == "application/json; charset=utf-8"
    assert after["items"][0]["title_en"] == "Harbin Ice Festival"


def test_a_token_caller_is_never_served_the_anonymous_list(client):
    EventFactory(slug="draft-week", status="draft")
    staff = UserFactory(is_staff=True)
    token = api_token_create(user=staff, name="t")[1]
    anonymous = client.get("/api/v1/events/events").json()

    with_token = client.get("/api/v1/events/events", HTTP_AUTHORIZATION=f"Bearer {token}")
    anonymous_again = client.get("/api/v1/events/events").json()

    assert [e["slug"] for e in anonymous["items"]] == []
    assert [e["slug"] for e in with_token.json()["items"]] == ["draft-week"]
    assert anonymous_again == anonymous


def test_a_wrong_token_is_refused_even_when_the_list_is_cached(client):
    client.get("/api/v1/events/events")

    response = client.get("/api/v1/events/events", HTTP_AUTHORIZATION="Bearer amur_wrong")

    assert response.status_code == 401


def test_a_catalogue_search_follows_a_new_record(client, django_assert_max_num_queries):
    RecordFactory()
    client.get("/library/?q=Onegin")

    with django_assert_max_num_queries(1):
        client.get("/library/?q=Onegin")
    RecordFactory(title="Onegin i ego vremia", title_original="Онегин и его время")
    after = client.get("/library/?q=Onegin").content.decode()

    assert "Онегин и его время" in after


def test_the_observatory_board_is_served_from_the_cache(client, django_assert_max_num_queries):
    EventFactory()
    client.get("/observatory/")

    with django_assert_max_num_queries(1):
        response = client.get("/observatory/")

    assert response.status_code == 200


def test_the_calendar_feed_is_kept_and_follows_changes(client, django_assert_max_num_queries):
    event = EventFactory()
    first = client.get("/events/feed.ics")

    with django_assert_max_num_queries(1):
        again = client.get("/events/feed.ics")
    Event.objects.filter(pk=event.pk).update(title_en="Harbin Ice Festival")
    after = client.get("/events/feed.ics").content.decode()

    assert again["Content-Type"] == "text/calendar; charset=utf-8"
    assert again.content == first.content
    assert "Harbin Ice Festival" in after
