# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The library's pages and endpoints in the permission matrix: a librarian of library A
cannot change library B's holdings, by page or by API. Import and loan cases are in
test_pages.py and test_ill.py."""

import pytest

from amur.library.models import Holding
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "library:import_upload",
    "library:import_job",
    "library:ill_queue",
    "library:ill_request",
    "library:holding_add",
    "library:holding_edit",
    "library:holding_status",
    "library:exchange_offer_new",
    "library:exchange_offer_close",
    "library:exchange_request_new",
    "library:exchange_step",
    "library:ill_iso18626_export",
    "library:ill_iso18626_import",
    # Readers' requests: tests/library/test_readers.py.
    "library:patron_request_new",
    "library:patron_requests",
    "library:patron_request_cancel",
    "library:patron_request_answer",
}
VIEWS_READ_ONLY = {
    "library:index",
    "library:record",
    "library:record_marcxml",
    "library:oai",
    "library:exchange_index",
    "library:exchange_offer",
}
API_COVERED = {
    "POST /api/v1/library/records/{pk}/holdings",
    "PATCH /api/v1/library/holdings/{pk}",
    "POST /api/v1/library/exchange/offers",
    "POST /api/v1/library/exchange/offers/{pk}/close",
    "POST /api/v1/library/exchange/offers/{pk}/requests",
    "POST /api/v1/library/exchange/requests/{pk}/steps",
    # ISO 18626 import: the sending library only (tests in test_iso18626.py).
    "POST /api/v1/library/ill/iso18626",
    # Readers' requests: the reader asks and withdraws, the reader's librarians answer
    # (tests in test_readers.py).
    "POST /api/v1/library/records/{pk}/patron-requests",
    "POST /api/v1/library/patron-requests/{pk}/order",
    "POST /api/v1/library/patron-requests/{pk}/decline",
    "POST /api/v1/library/patron-requests/{pk}/cancel",
}


@pytest.fixture
def scene():
    c = cast()
    LibrarySettingsFactory(organisation=c.org_a)
    LibrarySettingsFactory(organisation=c.org_b)
    holding = HoldingFactory(record=RecordFactory(library=c.org_a), library=c.org_a)
    return c, holding


def _token(user):
    from amur.accounts.services import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


HOLDING_POST = {"barcode": "NEW", "call_number": "x", "status": "lost"}


@pytest.mark.parametrize("who", ["editor_b", "member_a"])
def test_only_the_owning_librarys_librarians_change_its_holdings_on_the_pages(client, scene, who):
    c, holding = scene
    client.force_login(getattr(c, who))
    before = Snapshot(Holding)

    add = client.post(
        f"/library/records/{holding.record_id}/holdings/new/",
        {"library": c.org_a.pk, **HOLDING_POST},
    )
    edit = client.post(f"/library/holdings/{holding.pk}/edit/", HOLDING_POST)
    status = client.post(f"/library/holdings/{holding.pk}/status/", {"status": "lost"})

    assert denied(add)
    assert denied(edit)
    assert denied(status)
    assert before.unchanged()


@pytest.mark.parametrize("who", ["editor_b", "member_a"])
def test_only_the_owning_librarys_librarians_change_its_holdings_by_api(client, scene, who):
    c, holding = scene
    auth = _token(getattr(c, who))
    before = Snapshot(Holding)

    add = client.post(
        f"/api/v1/library/records/{holding.record_id}/holdings",
        {"library": c.org_a.pk, "barcode": "NEW"},
        content_type="application/json",
        **auth,
    )
    patch = client.patch(
        f"/api/v1/library/holdings/{holding.pk}",
        {"status": "lost"},
        content_type="application/json",
        **auth,
    )

    assert (add.status_code, patch.status_code) == (403, 403)
    assert before.unchanged()


@pytest.mark.parametrize("who", ["editor_a", "admin_a", "staff"])
def test_the_owning_librarys_librarians_and_staff_change_its_holdings(client, scene, who):
    c, holding = scene
    client.force_login(getattr(c, who))

    response = client.post(f"/library/holdings/{holding.pk}/status/", {"status": "lost"})

    holding.refresh_from_db()
    assert response.status_code == 302
    assert holding.status == "lost"


def test_librarian_of_b_may_record_bs_own_copy_of_as_record(client, scene):
    c, holding = scene
    client.force_login(c.editor_b)

    client.post(
        f"/library/records/{holding.record_id}/holdings/new/",
        {"library": c.org_b.pk, **HOLDING_POST},
    )

    assert Holding.objects.get(library=c.org_b).record == holding.record


def test_the_add_page_offers_only_my_libraries(client, scene):
    c, holding = scene
    client.force_login(c.editor_b)

    page = client.get(f"/library/records/{holding.record_id}/holdings/new/")

    assert list(page.context["form"].fields["library"].queryset) == [c.org_b]


def test_a_user_without_a_library_cannot_open_the_add_page(client, scene):
    c, holding = scene
    client.force_login(c.member_a)

    assert client.get(f"/library/records/{holding.record_id}/holdings/new/").status_code == 403


def test_anonymous_is_asked_to_log_in_for_holdings(client, scene):
    _c, holding = scene

    assert asks_to_log_in(client.post(f"/library/holdings/{holding.pk}/status/", {"status": "x"}))
    assert asks_to_log_in(client.get(f"/library/holdings/{holding.pk}/edit/"))
    assert asks_to_log_in(
        client.patch(f"/api/v1/library/holdings/{holding.pk}", {}, content_type="application/json")
    )


# Book exchange: only the two libraries involved act, each only for its own side. --------


@pytest.fixture
def exchange(scene):
    """A offers its copy; B has asked for it; C (a third library) looks on."""
    from amur.library import services
    from tests.factories.directory import UserFactory, give_role

    c, holding = scene
    third = LibrarySettingsFactory().organisation
    editor_c = UserFactory(username="editor_c")
    give_role(editor_c, third, "editor")
    offer = services.exchange_offer_publish(
        library=c.org_a, kind="donation", titles={"en": "Gift"}, barcodes=[holding.barcode]
    )
    request = services.exchange_request_create(
        offer=offer, requester=c.org_b, items=list(offer.items.all())
    )
    return c, offer, request, editor_c


def _exchange_rows():
    from amur.library.models import ExchangeOffer, ExchangeRequest, OfferItem

    return [
        Snapshot(ExchangeOffer),
        Snapshot(ExchangeRequest),
        Snapshot(OfferItem),
        Snapshot(Holding),
    ]


def test_the_requesting_library_cannot_confirm_or_ship_for_the_offering_one(client, exchange):
    c, _offer, request, _editor_c = exchange
    client.force_login(c.editor_b)
    before = _exchange_rows()

    confirm = client.post(f"/library/exchange/requests/{request.pk}/step/", {"to": "confirmed"})
    api = client.post(
        f"/api/v1/library/exchange/requests/{request.pk}/steps",
        {"to": "declined"},
        content_type="application/json",
        **_token(c.editor_b),
    )

    assert denied(confirm)
    assert api.status_code == 403
    assert all(rows.unchanged() for rows in before)


def test_the_offering_library_cannot_cancel_or_receive_for_the_requesting_one(client, exchange):
    c, _offer, request, _editor_c = exchange
    client.force_login(c.editor_a)
    before = _exchange_rows()

    cancel = client.post(f"/library/exchange/requests/{request.pk}/step/", {"to": "cancelled"})
    api = client.post(
        f"/api/v1/library/exchange/requests/{request.pk}/steps",
        {"to": "cancelled"},
        content_type="application/json",
        **_token(c.editor_a),
    )

    assert denied(cancel)
    assert api.status_code == 403
    assert all(rows.unchanged() for rows in before)


@pytest.mark.parametrize("who", ["editor_c", "member_a"])
def test_libraries_not_involved_cannot_act_in_the_exchange(client, exchange, who):
    c, offer, request, editor_c = exchange
    user = editor_c if who == "editor_c" else c.member_a
    client.force_login(user)
    before = _exchange_rows()

    step = client.post(f"/library/exchange/requests/{request.pk}/step/", {"to": "confirmed"})
    close = client.post(f"/library/exchange/{offer.pk}/close/")
    api_step = client.post(
        f"/api/v1/library/exchange/requests/{request.pk}/steps",
        {"to": "confirmed"},
        content_type="application/json",
        **_token(user),
    )
    api_close = client.post(
        f"/api/v1/library/exchange/offers/{offer.pk}/close",
        content_type="application/json",
        **_token(user),
    )
    queue = client.get("/library/exchange/")

    assert denied(step)
    assert denied(close)
    assert api_step.status_code == 404
    assert api_close.status_code == 403
    assert queue.context["exchanges"] == []
    assert all(rows.unchanged() for rows in before)


def test_nobody_publishes_or_requests_in_another_librarys_name(client, exchange):
    c, offer, _request, editor_c = exchange
    client.force_login(editor_c)
    before = _exchange_rows()

    publish = client.post(
        "/library/exchange/new/",
        {"library": c.org_a.pk, "kind": "donation", "title_en": "x", "barcodes": "B000001"},
    )
    ask = client.post(
        f"/library/exchange/{offer.pk}/request/",
        {"library": c.org_b.pk, "items": [offer.items.get().pk]},
    )
    api_publish = client.post(
        "/api/v1/library/exchange/offers",
        {"library": c.org_a.pk, "kind": "donation", "title_en": "x", "barcodes": ["B000001"]},
        content_type="application/json",
        **_token(editor_c),
    )
    api_ask = client.post(
        f"/api/v1/library/exchange/offers/{offer.pk}/requests",
        {"library": c.org_b.pk, "items": [offer.items.get().pk]},
        content_type="application/json",
        **_token(editor_c),
    )

    assert denied(publish)
    assert denied(ask)
    assert (api_publish.status_code, api_ask.status_code) == (403, 403)
    assert all(rows.unchanged() for rows in before)


def test_anonymous_is_asked_to_log_in_for_the_exchange(client, exchange):
    c, offer, request, _editor_c = exchange

    assert asks_to_log_in(client.post(f"/library/exchange/requests/{request.pk}/step/"))
    assert asks_to_log_in(client.post(f"/library/exchange/{offer.pk}/request/"))
    assert asks_to_log_in(client.get("/library/exchange/new/"))
    assert asks_to_log_in(
        client.post(
            "/api/v1/library/exchange/offers",
            {"library": c.org_a.pk, "kind": "donation", "barcodes": ["B000001"]},
            content_type="application/json",
        )
    )
