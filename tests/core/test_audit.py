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
    client.post(
        f"/alliances/{alliance.slug}/apply/",
        {"organisation": organisation.pk, "category": "member", "text": "="},
        REMOTE_ADDR=address,
    )
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


def test_granting_and_removing_a_role_is_audited_with_who_did_it(client):
    from amur.accounts.services import organisation_role_set

    organisation = OrganisationFactory()
    admin, colleague = UserFactory(username="admin"), UserFactory(username="colleague")

    organisation_role_set(user=colleague, organisation=organisation, role="editor", by=admin)
    organisation_role_set(user=colleague, organisation=organisation, role="editor", by=admin)
    organisation_role_set(user=colleague, organisation=organisation, role=None, by=admin)

    entries = AuditEntry.objects.filter(action="role.set").order_by("id")
    assert [(e.old["role"], e.new["role"]) for e in entries] == [(None, "editor"), ("editor", None)]
    assert {e.actor for e in entries} == {admin}
    assert {e.organisation_id for e in entries} == {organisation.pk}


def test_a_loan_step_taken_on_the_loans_page_is_audited_with_its_librarian_and_address(client):
    from amur.library import services
    from amur.library.models import Record

    requester, supplier = (OrganisationFactory(kind="library") for _ in range(2))
    record = Record.objects.create(
        library=supplier,
        control_number="1",
        source_format="marc21",
        title="Евгений Онегин",
        marcxml="<record/>",
        cluster_key="k",
    )
    loan = services.loan_request_send(requester=requester, record=record, suppliers=[supplier])
    librarian = UserFactory(username="librarian")
    give_role(librarian, supplier, "editor")
    client.force_login(librarian)

    client.post(
        "/library/loans/", {"loan": loan.pk, "status": "WillSupply"}, REMOTE_ADDR="198.51.100.23"
    )

    sent, answered = AuditEntry.objects.filter(object_type="library.loanrequest").order_by("id")
    assert (sent.action, sent.actor, sent.address) == ("loan.request", None, None)
    assert (answered.action, answered.actor, answered.address) == (
        "loan.status",
        librarian,
        "198.51.100.23",
    )
    assert answered.new["value"] == "WillSupply"
