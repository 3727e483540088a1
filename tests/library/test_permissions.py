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

VIEWS_COVERED = {"library:import_upload", "library:import_job", "library:ill_queue",
                 "library:ill_request", "library:holding_add", "library:holding_edit",
                 "library:holding_status"}  # fmt: skip
VIEWS_READ_ONLY = {"library:index", "library:record", "library:record_marcxml"}
API_COVERED = {
    "POST /api/v1/library/records/{pk}/holdings",
    "PATCH /api/v1/library/holdings/{pk}",
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

    add = client.post(f"/library/records/{holding.record_id}/holdings/new/",
                      {"library": c.org_a.pk, **HOLDING_POST})  # fmt: skip
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

    add = client.post(f"/api/v1/library/records/{holding.record_id}/holdings",
                      {"library": c.org_a.pk, "barcode": "NEW"},
                      content_type="application/json", **auth)  # fmt: skip
    patch = client.patch(f"/api/v1/library/holdings/{holding.pk}", {"status": "lost"},
                         content_type="application/json", **auth)  # fmt: skip

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

    client.post(f"/library/records/{holding.record_id}/holdings/new/",
                {"library": c.org_b.pk, **HOLDING_POST})  # fmt: skip

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
