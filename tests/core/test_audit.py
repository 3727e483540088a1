# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The audit trail (issue 12, part 9): each decision's row says from which address it came;
platform staff read, filter and export the trail; nobody changes it through the
application."""

import csv
import io

import pytest

from amur.core.models import AuditEntry
from tests.factories.alliances import AllianceFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(username="auditor", is_staff=True)


def _apply(client, user, address="203.0.113.9"):
    alliance = AllianceFactory()
    organisation = OrganisationFactory()
    give_role(user, organisation, "admin")
    client.force_login(user)
    client.post(f"/alliances/{alliance.slug}/apply/",
                {"organisation": organisation.pk, "category": "member", "text": "="},
                REMOTE_ADDR=address)  # fmt: skip
    return alliance


def test_a_decision_made_through_a_page_records_the_address_it_came_from(client):
    _apply(client, UserFactory(username="olga"))

    entry = AuditEntry.objects.get(action="membership.apply")

    assert entry.address == "203.0.113.9"
    assert entry.actor.username == "olga"


def test_a_decision_made_outside_a_request_records_no_address():
    from amur.core.audit import audit_record

    entry = audit_record(actor=None, action="test.command", obj=OrganisationFactory())

    assert entry.address is None


def test_staff_filter_the_trail_and_download_it(client, staff):
    _apply(client, UserFactory(username="olga"))
    client.force_login(staff)

    page = client.get("/audit/", {"action": "membership.", "actor": "olga"})
    other = client.get("/audit/", {"action": "vote."})
    export = client.get("/audit/", {"action": "membership.", "format": "csv"})
    book = client.get("/audit/", {"format": "xlsx"})

    assert page.status_code == 200
    assert [e.action for e in page.context["page"]] == ["membership.apply"]
    assert list(other.context["page"]) == []
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:4] == ["at", "actor", "address", "action"]
    assert [r[1:4] for r in rows[1:]] == [["olga", "203.0.113.9", "membership.apply"]]
    assert book["Content-Type"].startswith("application/vnd.openxmlformats")


def test_nobody_changes_or_deletes_an_entry_through_the_admin(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    entry = AuditEntry.objects.create(action="x.y", object_type="a.b", object_id="1")
    client.force_login(superuser)

    change = client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"action": "forged"})
    delete = client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"})

    entry.refresh_from_db()
    assert change.status_code == 403
    assert delete.status_code == 403
    assert entry.action == "x.y"
