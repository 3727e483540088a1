# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The book exchange and the answer to a reader's request, on the page and through the
API: publishing and closing an offer, requesting copies, the steps of an exchange and the
librarian's answer accept and refuse the same inputs, with the same message, because the
service is the only gate (issue 11, part 1). Each channel works with its own libraries."""

import pytest

from amur.accounts.services import api_token_create
from amur.library import services
from amur.library.models import ExchangeOffer, ExchangeRequest, PatronRequest
from tests.factories.directory import UserFactory, give_role
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def _api(client, user, url, data=None):
    return client.post(url, data or {}, content_type="application/json", **_auth(user))


def _refused_alike(page, api, message):
    assert api.status_code in (409, 422)
    assert message in page_messages(page)
    assert message in api_messages(api)


def _libraries(librarian, n=2):
    made = [LibrarySettingsFactory().organisation for _ in range(n)]
    for library in made:
        give_role(librarian, library, "editor")
        HoldingFactory(library=library, barcode="EX-1")
        HoldingFactory(library=library, barcode="EX-2")
    return made


OFFER_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("an unknown kind", {"kind": "sale"}, "Unknown kind of exchange: sale"),
    ("no title", {"title_ru": " "}, "An offer needs a title in at least one language."),
    (
        "a title too long",
        {"title_ru": "К" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
    ("no copies", {"barcodes": []}, "An offer lists at least one copy."),
    (
        "a copy it lacks",
        {"barcodes": ["EX-9"]},
        "This library has no copy with the barcode(s) EX-9.",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "message"), OFFER_CASES, ids=[c[0] for c in OFFER_CASES]
)
def test_page_and_api_accept_and_refuse_offers_alike(client, case, inputs, message):
    librarian = UserFactory()
    libraries = _libraries(librarian)
    data = {
        "kind": "donation",
        "title_ru": "Дублеты русской классики",
        "barcodes": ["EX-1", "EX-2"],
    }
    data |= inputs
    client.force_login(librarian)

    page = client.post(
        "/library/exchange/new/",
        data | {"library": libraries[0].pk, "barcodes": "\n".join(data["barcodes"])},
    )
    api = _api(
        client, librarian, "/api/v1/library/exchange/offers", data | {"library": libraries[1].pk}
    )

    offers = [list(ExchangeOffer.objects.filter(library=lib)) for lib in libraries]
    if message is None:
        assert api.status_code == 201
        assert [[(o.kind, o.title_ru, o.items.count()) for o in os] for os in offers] == 2 * [
            [("donation", data["title_ru"], 2)]
        ]
    else:
        _refused_alike(page, api, message)
        assert offers == [[], []]


def _offers(librarian, *, kind="donation"):
    """Per channel: an offer of two copies by a library of another librarian, and a
    library of ``librarian`` that may request them."""
    made = []
    for _channel in ("page", "api"):
        owner = UserFactory()
        (offering,) = _libraries(owner, 1)
        (asking,) = _libraries(librarian, 1)
        offer = services.exchange_offer_publish(
            library=offering, kind=kind, titles={"ru": "Дублеты"}, barcodes=["EX-1", "EX-2"]
        )
        made.append((offer, asking))
    return made


REQUEST_CASES = [
    # (case, kind of offer, which copies, in return, message expected; None: accepted)
    ("valid", "donation", "both", "", None),
    ("a swap", "swap", "first", "Сборник Пушкина", None),
    (
        "no copies",
        "donation",
        "none",
        "",
        "Choose copies of this offer that nobody has been given yet.",
    ),
    ("a swap for nothing", "swap", "first", " ", "A swap says what is given in return."),
]


@pytest.mark.parametrize(
    ("case", "kind", "which", "in_return", "message"),
    REQUEST_CASES,
    ids=[c[0] for c in REQUEST_CASES],
)
def test_page_and_api_accept_and_refuse_exchange_requests_alike(
    client, case, kind, which, in_return, message
):
    librarian = UserFactory()
    made = _offers(librarian, kind=kind)
    forms = []
    for offer, asking in made:
        items = list(offer.items.order_by("pk").values_list("pk", flat=True))
        items = {"both": items, "first": items[:1], "none": []}[which]
        forms.append({"library": asking.pk, "items": items, "in_return": in_return})
    client.force_login(librarian)

    page = client.post(f"/library/exchange/{made[0][0].pk}/request/", forms[0])
    api = _api(
        client, librarian, f"/api/v1/library/exchange/offers/{made[1][0].pk}/requests", forms[1]
    )

    requests = [list(ExchangeRequest.objects.filter(offer=offer)) for offer, _asking in made]
    if message is None:
        assert api.status_code == 201
        assert [[r.wanted.count() for r in rs] for rs in requests] == 2 * [[len(forms[0]["items"])]]
    else:
        _refused_alike(page, api, message)
        assert requests == [[], []]


@pytest.mark.parametrize(
    ("closed", "message"), [(False, None), (True, "This offer is already closed.")]
)
def test_page_and_api_close_offers_and_refuse_alike(client, closed, message):
    librarian = UserFactory()
    offers = []
    for library in _libraries(librarian):
        offer = services.exchange_offer_publish(
            library=library, kind="donation", titles={"ru": "Дублеты"}, barcodes=["EX-1"]
        )
        if closed:
            services.exchange_offer_close(offer=offer)
        offers.append(offer)
    client.force_login(librarian)

    page = client.post(f"/library/exchange/{offers[0].pk}/close/")
    api = _api(client, librarian, f"/api/v1/library/exchange/offers/{offers[1].pk}/close")

    if message is None:
        assert api.status_code == 200
        assert all(ExchangeOffer.objects.get(pk=o.pk).closed_at for o in offers)
    else:
        _refused_alike(page, api, message)


STEP_CASES = [
    # (case, step, status expected; else the message)
    ("confirm", "confirmed", "confirmed"),
    ("decline", "declined", "declined"),
    (
        "receive before shipping",
        "received",
        "A book exchange cannot go from Requested to received.",
    ),
    ("a status of no exchange", "lost", "A book exchange cannot go from Requested to lost."),
]


@pytest.mark.parametrize(("case", "to", "outcome"), STEP_CASES, ids=[c[0] for c in STEP_CASES])
def test_page_and_api_take_exchange_steps_and_refuse_alike(client, case, to, outcome):
    librarian = UserFactory()
    exchanges = []
    for offer, asking in _offers(librarian):
        give_role(librarian, offer.library, "editor")  # both sides: the step names its side
        exchanges.append(
            services.exchange_request_create(
                offer=offer, requester=asking, items=list(offer.items.all())
            )
        )
    client.force_login(librarian)

    page = client.post(f"/library/exchange/requests/{exchanges[0].pk}/step/", {"to": to})
    api = _api(
        client, librarian, f"/api/v1/library/exchange/requests/{exchanges[1].pk}/steps", {"to": to}
    )

    statuses = [ExchangeRequest.objects.get(pk=e.pk).status for e in exchanges]
    if outcome in ("confirmed", "declined"):
        assert api.status_code == 200
        assert statuses == [outcome, outcome]
    else:
        _refused_alike(page, api, outcome)
        assert statuses == ["requested", "requested"]


ANSWER_CASES = [
    # (case, decision, answer, answered before, status expected; else the message)
    ("order", "order", "", False, "ordered"),
    ("decline", "decline", "Книга есть в городской библиотеке.", False, "declined"),
    (
        "decline without a reason",
        "decline",
        " ",
        False,
        "Tell the reader why the library does not borrow it.",
    ),
    ("order again", "order", "", True, "This request has already been answered."),
]


@pytest.mark.parametrize(
    ("case", "decision", "answer", "answered", "outcome"),
    ANSWER_CASES,
    ids=[c[0] for c in ANSWER_CASES],
)
def test_page_and_api_answer_readers_and_refuse_alike(
    client, case, decision, answer, answered, outcome
):
    librarian, reader = UserFactory(), UserFactory()
    asked = []
    for _channel in ("page", "api"):
        home = LibrarySettingsFactory().organisation
        give_role(librarian, home, "editor")
        give_role(reader, home, "member")
        elsewhere = LibrarySettingsFactory().organisation
        record = RecordFactory(library=elsewhere)
        HoldingFactory(record=record, library=elsewhere)
        patron_request = services.patron_request_create(reader=reader, library=home, record=record)
        if answered:
            services.patron_request_decline(patron_request=patron_request, answer="Нет")
        asked.append(patron_request)
    before = asked[0].status if not answered else "declined"
    client.force_login(librarian)

    page = client.post(
        f"/library/readers/{asked[0].pk}/answer/", {"decision": decision, "answer": answer}
    )
    api = _api(
        client,
        librarian,
        f"/api/v1/library/patron-requests/{asked[1].pk}/{decision}",
        {"answer": answer},
    )

    statuses = [PatronRequest.objects.get(pk=p.pk).status for p in asked]
    if outcome in ("ordered", "declined"):
        assert api.status_code == 200
        assert statuses == [outcome, outcome]
    else:
        _refused_alike(page, api, outcome)
        assert statuses == [before, before]


@pytest.mark.parametrize(
    ("answered", "message"), [(False, None), (True, "This request has already been answered.")]
)
def test_page_and_api_withdraw_readers_requests_and_refuse_alike(client, answered, message):
    reader = UserFactory()
    asked = []
    for _channel in ("page", "api"):
        home = LibrarySettingsFactory().organisation
        give_role(reader, home, "member")
        record = RecordFactory(library=LibrarySettingsFactory().organisation)
        patron_request = services.patron_request_create(reader=reader, library=home, record=record)
        if answered:
            services.patron_request_decline(patron_request=patron_request, answer="Нет")
        asked.append(patron_request)
    client.force_login(reader)

    page = client.post(f"/library/my-requests/{asked[0].pk}/cancel/")
    api = _api(client, reader, f"/api/v1/library/patron-requests/{asked[1].pk}/cancel")

    statuses = [PatronRequest.objects.get(pk=p.pk).status for p in asked]
    if message is None:
        assert api.status_code == 200
        assert statuses == ["cancelled", "cancelled"]
    else:
        _refused_alike(page, api, message)
        assert statuses == ["declined", "declined"]
