# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads from the replica (amur/core/db_router.py): which queries go where, and which
clients are pinned to the primary. The "replica" alias is a test mirror of the test
database (tests/conftest.py), so each test asks where a query went, not what it found."""

import time

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from amur.core.db_router import (
    PIN_COOKIE,
    PIN_SECONDS,
    REPLICA,
    PrimaryReplicaRouter,
    ReplicaReadsMiddleware,
    replica_reads,
)
from amur.core.models import DataVersion
from amur.events.models import Event
from tests.factories.directory import UserFactory
from tests.factories.events import EventFactory

BOTH = ["default", REPLICA]
router = PrimaryReplicaRouter()


@pytest.fixture
def routed(settings):
    """Settings as AMUR_DATABASE_REPLICA_URL makes them (amur/settings.py)."""
    settings.DATABASE_ROUTERS = ["amur.core.db_router.PrimaryReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "amur.core.db_router.ReplicaReadsMiddleware",
    )
    settings.MIDDLEWARE = middleware


def selects(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]


def test_reads_outside_a_request_go_to_the_primary():
    assert router.db_for_read(Event) == "default"


def test_reads_a_request_allowed_go_to_the_replica_until_its_first_write():
    with replica_reads() as state:
        before = router.db_for_read(Event)
        written = router.db_for_write(Event)
        after = router.db_for_read(Event)

    assert (before, written, after, state.wrote) == (REPLICA, "default", "default", True)


def test_reads_of_a_request_not_allowed_the_replica_go_to_the_primary():
    with replica_reads(allowed=False) as state:
        read = router.db_for_read(Event)

    assert (read, state.wrote) == ("default", False)


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary():
    with replica_reads():
        outside = router.db_for_read(Event)
        with transaction.atomic():
            inside = router.db_for_read(Event)

    assert (outside, inside) == (REPLICA, "default")


def test_select_for_update_goes_to_the_primary(routed):
    with replica_reads():
        plain = Event.objects.all().db
        locking = Event.objects.select_for_update().db

    assert (plain, locking) == (REPLICA, "default")


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "events") is True
    assert router.allow_migrate(REPLICA, "events") is False


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_anonymous_public_page_reads_from_the_replica(routed, client):
    EventFactory()

    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get("/events/")

    assert response.status_code == 200
    assert selects(replica.captured_queries) != []
    assert selects(primary.captured_queries) == []
    assert PIN_COOKIE not in response.cookies


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_post_pins_its_client_to_the_primary_for_the_next_pages(routed, client):
    UserFactory(username="olga")

    login = client.post(
        "/accounts/login/", {"username": "olga", "password": "correct horse battery staple"}
    )
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        page = client.get("/events/")

    assert login.status_code == 302
    assert int(login.cookies[PIN_COOKIE].value) >= int(time.time()) + PIN_SECONDS - 1
    assert login.cookies[PIN_COOKIE]["max-age"] == PIN_SECONDS
    assert page.context["user"].username == "olga"
    assert selects(primary.captured_queries) != []
    assert replica.captured_queries == []


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_expired_or_garbled_pin_lets_the_client_read_from_the_replica_again(routed, client):
    EventFactory()
    reads = []

    for value in [str(int(time.time()) - 1), "garbled"]:
        client.cookies[PIN_COOKIE] = value
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            client.get("/events/")
        reads.append(bool(selects(replica.captured_queries)))

    assert reads == [True, True]


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_api_client_with_a_token_reads_from_the_primary(routed, client):
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        client.get("/api/v1/events/", headers={"Authorization": "Bearer not-a-token"})

    assert replica.captured_queries == []


def _middleware(view):
    return ReplicaReadsMiddleware(view)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_get_that_writes_reads_its_own_write_from_the_primary_and_pins_its_client(routed):
    seen = {}

    def view(request):
        seen["before"] = DataVersion.objects.all().db
        DataVersion.objects.create(app="replica-test", version=1)
        seen["after"] = DataVersion.objects.all().db
        seen["found"] = DataVersion.objects.filter(app="replica-test").count()
        return HttpResponse("ok")

    response = _middleware(view)(RequestFactory().get("/"))

    assert seen == {"before": REPLICA, "after": "default", "found": 1}
    assert PIN_COOKIE in response.cookies


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_get_that_only_reads_sets_no_pin(routed):
    def view(request):
        DataVersion.objects.count()
        return HttpResponse("ok")

    response = _middleware(view)(RequestFactory().get("/"))

    assert PIN_COOKIE not in response.cookies
