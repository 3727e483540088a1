# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Holdings: a library records, edits and sets the availability of its own copies."""

import pytest

from amur.core.models import AuditEntry
from amur.library import services
from amur.library.models import Holding
from tests.factories.directory import UserFactory, give_role
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory

pytestmark = pytest.mark.django_db


def test_holding_create_records_a_copy_and_audits_it():
    record = RecordFactory()
    other = LibrarySettingsFactory().organisation

    holding = services.holding_create(
        record=record, library=other, barcode=" X-1 ", call_number="PG3343", status="not_for_loan"
    )

    assert (holding.library, holding.barcode, holding.status) == (other, "X-1", "not_for_loan")
    assert AuditEntry.objects.get().action == "library.holding_create"


def test_a_barcode_is_used_once_per_library():
    holding = HoldingFactory(barcode="B1")

    with pytest.raises(services.LibraryError, match="B1 is already used"):
        services.holding_create(record=holding.record, library=holding.library, barcode="B1")
    other = LibrarySettingsFactory().organisation
    services.holding_create(record=holding.record, library=other, barcode="B1")

    assert Holding.objects.filter(barcode="B1").count() == 2


def test_holding_update_changes_status_and_keeps_the_old_values_in_the_audit():
    holding = HoldingFactory(status="available")

    services.holding_update(holding=holding, status="lost")

    holding.refresh_from_db()
    entry = AuditEntry.objects.get(action="library.holding_update")
    assert holding.status == "lost"
    assert (entry.old["status"], entry.new["status"]) == ("available", "lost")


def test_holding_update_refuses_unknown_status_and_the_library_field():
    holding = HoldingFactory()

    with pytest.raises(services.LibraryError, match="Unknown holding status"):
        services.holding_update(holding=holding, status="stolen")
    with pytest.raises(services.LibraryError, match="cannot be changed: library"):
        services.holding_update(holding=holding, library=None)


def test_record_page_shows_every_librarys_copies_of_the_work(client):
    mine = HoldingFactory(status="on_loan")
    twin = RecordFactory(cluster_key=mine.record.cluster_key)
    theirs = HoldingFactory(record=twin, status="available")

    page = client.get(f"/library/records/{mine.record.pk}/")

    assert page.context["holdings"] == sorted(
        [mine, theirs], key=lambda h: (h.library.name_en, h.barcode)
    )
    assert "On loan" in page.content.decode()


def test_librarian_adds_edits_and_sets_availability_through_the_pages(client):
    settings = LibrarySettingsFactory()
    record = RecordFactory()
    librarian = UserFactory()
    give_role(librarian, settings.organisation, "editor")
    client.force_login(librarian)

    client.post(
        f"/library/records/{record.pk}/holdings/new/",
        {
            "library": settings.organisation.pk,
            "barcode": "N-7",
            "call_number": "PG",
            "status": "available",
        },
    )
    holding = Holding.objects.get()
    client.post(
        f"/library/holdings/{holding.pk}/edit/",
        {"barcode": "N-8", "call_number": "PG 2", "status": "not_for_loan"},
    )
    client.post(f"/library/holdings/{holding.pk}/status/", {"status": "lost"})

    holding.refresh_from_db()
    assert (holding.library, holding.record) == (settings.organisation, record)
    assert (holding.barcode, holding.call_number, holding.status) == ("N-8", "PG 2", "lost")


def test_duplicate_barcode_on_the_page_is_shown_as_a_form_error(client):
    holding = HoldingFactory(barcode="D-1")
    LibrarySettingsFactory(organisation=holding.library)
    librarian = UserFactory()
    give_role(librarian, holding.library, "editor")
    client.force_login(librarian)

    response = client.post(
        f"/library/records/{holding.record.pk}/holdings/new/",
        {"library": holding.library.pk, "barcode": "D-1", "status": "available"},
    )

    assert response.status_code == 200
    assert "D-1 is already used" in response.content.decode()
    assert Holding.objects.count() == 1


def test_api_creates_lists_and_patches_holdings(client):
    from amur.accounts.services import api_token_create

    settings = LibrarySettingsFactory()
    record = RecordFactory()
    librarian = UserFactory()
    give_role(librarian, settings.organisation, "editor")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=librarian, name='t')[1]}"}

    created = client.post(
        f"/api/v1/library/records/{record.pk}/holdings",
        {"library": settings.organisation.pk, "barcode": "A-1"},
        content_type="application/json",
        **auth,
    )
    patched = client.patch(
        f"/api/v1/library/holdings/{created.json()['id']}",
        {"status": "on_loan"},
        content_type="application/json",
        **auth,
    )
    listed = client.get(f"/api/v1/library/records/{record.pk}/holdings")

    assert created.status_code == 201
    assert patched.json()["status"] == "on_loan"
    assert [(h["barcode"], h["status"]) for h in listed.json()] == [("A-1", "on_loan")]


def test_api_refuses_a_duplicate_barcode_with_409(client):
    from amur.accounts.services import api_token_create

    holding = HoldingFactory(barcode="D-2")
    LibrarySettingsFactory(organisation=holding.library)
    librarian = UserFactory()
    give_role(librarian, holding.library, "editor")
    token = api_token_create(user=librarian, name="t")[1]

    response = client.post(
        f"/api/v1/library/records/{holding.record.pk}/holdings",
        {"library": holding.library.pk, "barcode": "D-2"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "refused"
