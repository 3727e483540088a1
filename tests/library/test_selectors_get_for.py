# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of the library: a reader's request and a loan are found by the people of
their libraries only, on the page and in the API alike; public records 404 only when
unknown."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.library import selectors, services
from tests.factories.directory import UserFactory
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.permissions import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    """A reader (member of A) asks library A for a book that B holds."""
    c = cast()
    for organisation in (c.org_a, c.org_b):
        LibrarySettingsFactory(organisation=organisation)
    record = RecordFactory(library=c.org_b, cluster_key="t:master i margarita")
    HoldingFactory(record=record, library=c.org_b)
    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    return c, record, asked


def _visible(lookup) -> bool:
    try:
        lookup()
    except Http404:
        return False
    return True


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("member_a", True),  # the reader
        ("editor_a", True),  # the reader's librarian
        ("staff", True),
        ("editor_b", False),  # another library
        ("other_reader", False),
        ("anonymous", False),
    ],
)
def test_patron_request_get_for(scene, who, sees):
    c, _record, asked = scene
    users = {"other_reader": UserFactory(), "anonymous": AnonymousUser()}
    user = users.get(who) or getattr(c, who)

    seen = _visible(lambda: selectors.patron_request_get_for(user, pk=asked.pk))

    assert seen is sees


@pytest.mark.parametrize(
    ("who", "sees"),
    [("editor_a", True), ("editor_b", True), ("member_a", False), ("anonymous", False)],
)
def test_loan_get_for_is_for_the_librarians_of_both_sides(scene, who, sees):
    c, _record, asked = scene
    loan = services.patron_request_order(patron_request=asked).loan
    user = AnonymousUser() if who == "anonymous" else getattr(c, who)

    seen = _visible(lambda: selectors.loan_get_for(user, pk=loan.pk))

    assert seen is sees


def test_another_librarian_answering_a_reader_request_gets_404_on_page_and_api(client, scene):
    from amur.accounts.services import api_token_create

    c, _record, asked = scene
    token = api_token_create(user=c.editor_b, name="t")[1]
    client.force_login(c.editor_b)

    page = client.post(f"/library/readers/{asked.pk}/answer/", {"decision": "order"})
    api = client.post(
        f"/api/v1/library/patron-requests/{asked.pk}/order",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert page.status_code == 404
    assert api.status_code == 404


def test_public_library_objects_are_404_only_when_unknown(scene):
    _c, record, _asked = scene
    anonymous = AnonymousUser()
    holding = record.holdings.get()

    assert selectors.record_get_for(anonymous, pk=record.pk) == record
    assert selectors.holding_get_for(anonymous, pk=holding.pk) == holding
    for lookup in (
        selectors.record_get_for,
        selectors.holding_get_for,
        selectors.exchange_offer_get_for,
        selectors.exchange_request_get_for,
    ):
        with pytest.raises(Http404):
            lookup(anonymous, pk=999_999)
