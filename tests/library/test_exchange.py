# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Book exchange: offer, request, confirm, ship, receive; every step dated, each by its side."""

import itertools

import pytest

from amur.library import services
from amur.library.enums import EXCHANGE_STEPS, ExchangeStatus
from amur.library.models import ExchangeRequest, Holding
from tests.factories.directory import UserFactory, give_role
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    """Heihe offers two copies; Khabarovsk and Blagoveshchensk may ask for them."""
    offering, receiving, third = (LibrarySettingsFactory() for _ in range(3))
    copies = [
        HoldingFactory(
            record=RecordFactory(library=offering.organisation, title=title),
            library=offering.organisation,
            barcode=barcode,
        )
        for title, barcode in (("Hong lou meng", "HH-1"), ("Xi you ji", "HH-2"))
    ]
    return offering.organisation, receiving.organisation, third.organisation, copies


def publish(offering, kind="donation", barcodes=("HH-1", "HH-2")):
    return services.exchange_offer_publish(
        library=offering,
        kind=kind,
        titles={"zh": "赠书", "ru": "Дар книг"},
        barcodes=list(barcodes),
    )


def step(request, to, by):
    return services.exchange_step(request=request, to=to, by_organisation=by)


def test_full_exchange_moves_the_copies_into_the_receiving_librarys_holdings(scene):
    offering, receiving, _third, copies = scene
    offer = publish(offering)
    items = list(offer.items.all())

    request = services.exchange_request_create(offer=offer, requester=receiving, items=items)
    request = step(request, "confirmed", offering)
    request = step(request, "shipped", offering)
    request = step(request, "received", receiving)

    received = Holding.objects.filter(library=receiving).order_by("barcode")
    assert request.status == "received"
    assert all(
        [request.requested_at, request.confirmed_at, request.shipped_at, request.received_at]
    )
    assert request.requested_at <= request.confirmed_at <= request.shipped_at <= request.received_at
    assert [h.record for h in received] == [c.record for c in copies]
    assert [h.status for h in received] == ["available", "available"]
    assert not Holding.objects.filter(library=offering).exists()
    assert [i.barcode for i in offer.items.all()] == ["HH-1", "HH-2"]


ALL = list(ExchangeStatus)
ILLEGAL = [(a, b) for a, b in itertools.product(ALL, ALL) if (a, b) not in EXCHANGE_STEPS]


@pytest.mark.parametrize(("before", "to"), ILLEGAL)
def test_every_move_outside_the_transition_table_is_refused(scene, before, to):
    offering, receiving, _third, _copies = scene
    offer = publish(offering)
    request = services.exchange_request_create(
        offer=offer, requester=receiving, items=list(offer.items.all())
    )
    ExchangeRequest.objects.filter(pk=request.pk).update(status=before)
    request.refresh_from_db()

    with pytest.raises(services.LibraryError, match="cannot go from"):
        step(request, to, offering)
    with pytest.raises(services.LibraryError, match="cannot go from"):
        step(request, to, receiving)

    request.refresh_from_db()
    assert request.status == before


@pytest.mark.parametrize(("move", "side"), list(EXCHANGE_STEPS.items()))
def test_each_step_is_taken_only_by_its_own_side(scene, move, side):
    offering, receiving, third, _copies = scene
    offer = publish(offering)
    request = services.exchange_request_create(
        offer=offer, requester=receiving, items=list(offer.items.all())
    )
    ExchangeRequest.objects.filter(pk=request.pk).update(status=move[0])
    wrong = [third, receiving if side == "offering" else offering]

    for organisation in wrong:
        with pytest.raises(services.LibraryError, match="other side"):
            step(request, move[1], organisation)

    request.refresh_from_db()
    assert request.status == move[0]


def test_a_copy_is_given_to_one_library_only(scene):
    offering, receiving, third, _copies = scene
    offer = publish(offering)
    first_item = offer.items.get(barcode="HH-1")
    first = services.exchange_request_create(offer=offer, requester=receiving, items=[first_item])
    second = services.exchange_request_create(offer=offer, requester=third, items=[first_item])

    step(first, "confirmed", offering)

    with pytest.raises(services.LibraryError, match="given to another library"):
        step(second, "confirmed", offering)
    second.refresh_from_db()
    assert second.status == "requested"
    assert offer.items.get(barcode="HH-1").taken_by == first


def test_declining_or_cancelling_frees_the_copies(scene):
    offering, receiving, _third, _copies = scene
    offer = publish(offering)
    request = services.exchange_request_create(
        offer=offer, requester=receiving, items=list(offer.items.all())
    )
    step(request, "confirmed", offering)

    request = step(request, "cancelled", receiving)

    assert request.cancelled_at is not None
    assert list(offer.items.filter(taken_by__isnull=False)) == []


def test_a_swap_says_what_is_given_in_return(scene):
    offering, receiving, _third, _copies = scene
    offer = publish(offering, kind="swap")

    with pytest.raises(services.LibraryError, match="in return"):
        services.exchange_request_create(
            offer=offer, requester=receiving, items=list(offer.items.all())
        )
    request = services.exchange_request_create(
        offer=offer,
        requester=receiving,
        items=list(offer.items.all()),
        in_return="Пушкин, 10 томов",
    )

    assert request.in_return == "Пушкин, 10 томов"


def test_an_offer_lists_only_the_librarys_own_available_copies(scene):
    offering, receiving, _third, copies = scene
    HoldingFactory(library=receiving, barcode="KH-1")
    Holding.objects.filter(pk=copies[1].pk).update(status="on_loan")

    with pytest.raises(services.LibraryError, match="no copy with the barcode"):
        publish(offering, barcodes=["HH-1", "KH-1"])
    with pytest.raises(services.LibraryError, match="on loan or lost"):
        publish(offering, barcodes=["HH-2"])
    publish(offering, barcodes=["HH-1"])
    with pytest.raises(services.LibraryError, match="Already offered"):
        publish(offering, barcodes=["HH-1"])


def test_no_requests_for_a_closed_offer_or_ones_own(scene):
    offering, receiving, _third, _copies = scene
    offer = publish(offering)

    with pytest.raises(services.LibraryError, match="its own offer"):
        services.exchange_request_create(
            offer=offer, requester=offering, items=list(offer.items.all())
        )
    services.exchange_offer_close(offer=offer)
    with pytest.raises(services.LibraryError, match="closed"):
        services.exchange_request_create(
            offer=offer, requester=receiving, items=list(offer.items.all())
        )


def test_a_request_left_open_when_its_offer_closes_can_be_declined_but_not_confirmed(scene):
    offering, receiving, _third, _copies = scene
    offer = publish(offering)
    request = services.exchange_request_create(
        offer=offer, requester=receiving, items=list(offer.items.all())
    )
    services.exchange_offer_close(offer=offer)

    with pytest.raises(services.LibraryError, match="This offer is closed"):
        step(request, "confirmed", offering)
    assert not offer.items.filter(taken_by__isnull=False).exists()
    assert step(request, "declined", offering).status == "declined"
    assert publish(offering, barcodes=["HH-1"]).items.get().barcode == "HH-1"


def test_one_open_request_per_library_and_offer(scene):
    offering, receiving, _third, _copies = scene
    offer = publish(offering)
    services.exchange_request_create(offer=offer, requester=receiving, items=[offer.items.first()])

    with pytest.raises(services.LibraryError, match="already has an open request"):
        services.exchange_request_create(
            offer=offer, requester=receiving, items=[offer.items.last()]
        )


def _librarian(organisation):
    user = UserFactory()
    give_role(user, organisation, "editor")
    return user


def test_the_whole_exchange_through_the_pages(client, scene):
    offering, receiving, _third, _copies = scene
    giver, taker = _librarian(offering), _librarian(receiving)

    client.force_login(giver)
    client.post(
        "/library/exchange/new/",
        {
            "library": offering.pk,
            "kind": "donation",
            "title_ru": "Дар книг",
            "barcodes": "HH-1\nHH-2\n",
        },
    )
    offer = offering.exchange_offers.get()
    client.force_login(taker)
    page = client.get(f"/library/exchange/{offer.pk}/")
    client.post(
        f"/library/exchange/{offer.pk}/request/",
        {"library": receiving.pk, "items": [i.pk for i in offer.items.all()]},
    )
    request = ExchangeRequest.objects.get()
    for user, to in ((giver, "confirmed"), (giver, "shipped"), (taker, "received")):
        client.force_login(user)
        client.post(f"/library/exchange/requests/{request.pk}/step/", {"to": to})
    queue = client.get("/library/exchange/")

    request.refresh_from_db()
    assert page.context["form"] is not None
    assert request.status == "received"
    assert Holding.objects.filter(library=receiving).count() == 2
    assert queue.context["exchanges"] == [request]
    assert queue.context["exchanges"][0].steps == []


def test_the_queue_offers_each_side_its_own_next_steps(client, scene):
    offering, receiving, _third, _copies = scene
    offer = publish(offering)
    services.exchange_request_create(
        offer=offer, requester=receiving, items=list(offer.items.all())
    )

    client.force_login(_librarian(offering))
    giver = client.get("/library/exchange/").context["exchanges"][0].steps
    client.force_login(_librarian(receiving))
    taker = client.get("/library/exchange/").context["exchanges"][0].steps

    assert [to for to, _label in giver] == ["confirmed", "declined"]
    assert [to for to, _label in taker] == ["cancelled"]


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_exchange_pages_in_three_languages(client, scene, language):
    offering, _receiving, _third, _copies = scene
    offer = publish(offering)
    client.cookies["django_language"] = language
    expected = {"en": "Book exchange", "ru": "Книгообмен", "zh-hans": "图书交换"}[language]

    index = client.get("/library/exchange/", HTTP_ACCEPT_LANGUAGE=language)
    detail = client.get(f"/library/exchange/{offer.pk}/", HTTP_ACCEPT_LANGUAGE=language)

    assert expected in index.content.decode()
    assert expected in detail.content.decode()


def test_the_exchange_through_the_api(client, scene):
    from amur.accounts.services import api_token_create

    offering, receiving, _third, _copies = scene

    def bearer(organisation):
        token = api_token_create(user=_librarian(organisation), name="t")[1]
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(url, data, auth):
        return client.post(url, data, content_type="application/json", **auth)

    giver, taker = bearer(offering), bearer(receiving)

    offer = post(
        "/api/v1/library/exchange/offers",
        {"library": offering.pk, "kind": "donation", "title_en": "Gift", "barcodes": ["HH-1"]},
        giver,
    )
    item = offer.json()["items"][0]["id"]
    request = post(
        f"/api/v1/library/exchange/offers/{offer.json()['id']}/requests",
        {"library": receiving.pk, "items": [item]},
        taker,
    )
    url = f"/api/v1/library/exchange/requests/{request.json()['id']}/steps"
    refused = post(url, {"to": "received"}, taker)
    steps = [
        post(url, {"to": to}, auth)
        for to, auth in (("confirmed", giver), ("shipped", giver), ("received", taker))
    ]
    listed = client.get("/api/v1/library/exchange/requests", **taker)

    assert (offer.status_code, request.status_code, refused.status_code) == (201, 201, 409)
    assert [s.json()["status"] for s in steps] == ["confirmed", "shipped", "received"]
    assert steps[-1].json()["received_at"] is not None
    assert [r["status"] for r in listed.json()["items"]] == ["received"]


def test_the_exchange_queue_costs_the_same_queries_for_one_and_three_exchanges(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    offering = LibrarySettingsFactory().organisation
    librarian = _librarian(offering)
    client.force_login(librarian)

    def queries_with(count):
        for _n in range(count - ExchangeRequest.objects.count()):
            holding = HoldingFactory(library=offering, record=RecordFactory(library=offering))
            offer = publish(offering, barcodes=[holding.barcode])
            requester = LibrarySettingsFactory().organisation
            services.exchange_request_create(
                offer=offer, requester=requester, items=list(offer.items.all())
            )
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get("/library/exchange/").context["exchanges"]) == count
        return len(queries)

    assert queries_with(1) == queries_with(3)
