# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Recording and changing a copy on the page and through the API: the same inputs are
accepted or refused, and refused with the same message, because the service is the only
gate (issue 11, part 1). Each channel works in its own library."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.library import services
from amur.library.models import Holding, PatronRequest
from tests.factories.directory import UserFactory, give_role
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("barcode blank", {"barcode": "  "}, "A holding needs a barcode."),
    (
        "barcode too long",
        {"barcode": "B" * 65},
        "Ensure this value has at most 64 characters (it has 65).",
    ),
    (
        "call number too long",
        {"call_number": "PG" * 51},
        "Ensure this value has at most 100 characters (it has 102).",
    ),
    (
        "barcode in use",
        {"barcode": "USED-1"},
        "The barcode USED-1 is already used in this library.",
    ),
]


@pytest.fixture
def scene():
    """A librarian of two libraries, one for each channel; each has a copy USED-1."""
    librarian = UserFactory()
    libraries = [LibrarySettingsFactory().organisation for _ in range(2)]
    for library in libraries:
        give_role(librarian, library, "editor")
        HoldingFactory(library=library, barcode="USED-1")
    return librarian, libraries


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


@pytest.mark.parametrize(("case", "inputs", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_new_copies_alike(client, scene, case, inputs, message):
    librarian, (page_library, api_library) = scene
    record = RecordFactory()
    data = {"barcode": "N-1", "call_number": "PG 3476", "status": "available", **inputs}
    client.force_login(librarian)
    before = Holding.objects.count()

    page = client.post(
        f"/library/records/{record.pk}/holdings/new/", {**data, "library": page_library.pk}
    )
    api = client.post(
        f"/api/v1/library/records/{record.pk}/holdings",
        {**data, "library": api_library.pk},
        content_type="application/json",
        **_auth(librarian),
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        made = Holding.objects.filter(record=record).order_by("library_id")
        assert [(h.library, h.barcode) for h in made] == [
            (page_library, "N-1"),
            (api_library, "N-1"),
        ]
    else:
        assert page.status_code == 200  # the form again, with the refusal
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert Holding.objects.count() == before


@pytest.mark.parametrize(("case", "inputs", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_changed_copies_alike(client, scene, case, inputs, message):
    librarian, libraries = scene
    copies = [HoldingFactory(library=library, barcode="OLD-1") for library in libraries]
    data = {"barcode": "N-1", "call_number": "PG 3476", "status": "available", **inputs}
    client.force_login(librarian)

    page = client.post(f"/library/holdings/{copies[0].pk}/edit/", data)
    api = client.patch(
        f"/api/v1/library/holdings/{copies[1].pk}",
        data,
        content_type="application/json",
        **_auth(librarian),
    )

    for copy in copies:
        copy.refresh_from_db()
    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert [c.barcode for c in copies] == ["N-1", "N-1"]
    else:
        assert page.status_code == 200
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert [c.barcode for c in copies] == ["OLD-1", "OLD-1"]


READER_CASES = [
    # (case, the reader's library holds the work, asked before, message; None: accepted)
    ("valid", False, False, None),
    ("the library holds it", True, False, "Your library holds this book: ask for it at its desk."),
    ("asked before", False, True, "You have already asked for this book."),
]


@pytest.mark.parametrize(
    ("case", "holds", "asked", "message"), READER_CASES, ids=[c[0] for c in READER_CASES]
)
def test_page_and_api_accept_and_refuse_readers_requests_alike(client, case, holds, asked, message):
    reader = UserFactory()
    home = LibrarySettingsFactory().organisation
    give_role(reader, home, "member")
    records = []
    for _channel in ("page", "api"):
        elsewhere = LibrarySettingsFactory().organisation
        record = RecordFactory(library=elsewhere)
        HoldingFactory(record=record, library=elsewhere)
        if holds:
            HoldingFactory(record=record, library=home)
        if asked:
            services.patron_request_create(reader=reader, library=home, record=record)
        records.append(record)
    before = PatronRequest.objects.count()

    client.force_login(reader)
    page = client.post(f"/library/records/{records[0].pk}/ask/", {"library": home.pk})
    page_messages = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        f"/api/v1/library/records/{records[1].pk}/patron-requests",
        {"library": home.pk, "note": ""},
        content_type="application/json",
        **_auth(reader),
    )

    if message is None:
        assert api.status_code == 201
        assert page_messages == ["Your library has your request."]
        assert PatronRequest.objects.count() == before + 2
    else:
        assert api.status_code == 409
        assert message in page_messages
        assert message in api_messages(api)
        assert PatronRequest.objects.count() == before
