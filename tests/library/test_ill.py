# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Inter-library loan following ISO 18626."""

import contextlib
import itertools
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from amur.library import ill, services
from amur.library.models import LoanRequest, Record
from tests.factories.directory import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def libraries():
    requester, first, second = (OrganisationFactory(kind="library") for _ in range(3))
    record = Record.objects.create(
        library=first,
        control_number="1",
        source_format="marc21",
        title="Евгений Онегин",
        marcxml="<record/>",
        cluster_key="k",
    )
    return requester, first, second, record


def send(libraries):
    requester, first, second, record = libraries
    return services.loan_request_send(requester=requester, record=record, suppliers=[first, second])


def supply(request, status, reason="", today=None):
    return services.loan_supplier_status(
        request=request, status=status, reason=reason, by_organisation=request.supplier, today=today
    )


def act(request, action):
    return services.loan_requester_action(
        request=request, action=action, by_organisation=request.requester
    )


def test_full_happy_path(libraries):
    request = send(libraries)

    request = supply(request, "ExpectToSupply")
    request = supply(request, "WillSupply")
    request = supply(request, "Loaned", today=date(2026, 11, 1))
    request = act(request, "Received")
    request = act(request, "ShippedReturn")
    request = supply(request, "LoanCompleted")

    assert request.status == "LoanCompleted"
    assert request.due == date(2026, 12, 1)
    assert list(request.messages.values_list("value", flat=True)) == [
        "Request",
        "ExpectToSupply",
        "WillSupply",
        "Loaned",
        "Received",
        "ShippedReturn",
        "LoanCompleted",
    ]


def test_unfilled_moves_the_request_to_the_next_library_in_the_rota(libraries):
    _requester, _first, second, _record = libraries
    request = send(libraries)

    request = supply(request, "Unfilled", reason="NotOnShelf")

    assert (request.supplier, request.status, request.rota) == (second, "RequestReceived", [])
    last = supply(request, "Unfilled", reason="NotHeld")
    assert last.status == "Unfilled"


def test_illegal_transition_is_refused(libraries):
    request = send(libraries)

    with pytest.raises(services.LibraryError, match="does not allow LoanCompleted"):
        supply(request, "LoanCompleted")
    with pytest.raises(services.LibraryError, match="does not allow Renew"):
        act(request, "Renew")

    request.refresh_from_db()
    assert request.status == "RequestReceived"


def test_unfilled_needs_a_reason_code(libraries):
    with pytest.raises(services.LibraryError, match="reason code"):
        supply(send(libraries), "Unfilled")


def test_only_the_parties_act(libraries):
    _requester, first, second, _record = libraries
    request = send(libraries)

    with pytest.raises(services.LibraryError, match="current supplier"):
        services.loan_supplier_status(request=request, status="WillSupply", by_organisation=second)
    with pytest.raises(services.LibraryError, match="requesting library"):
        services.loan_requester_action(request=request, action="Cancel", by_organisation=first)


def test_renewal_once_then_refused(libraries):
    request = supply(send(libraries), "Loaned", today=date.today())
    due = request.due

    request = act(request, "Renew")

    assert request.due == due + timedelta(days=30)
    with pytest.raises(services.LibraryError, match="cannot be renewed again"):
        act(request, "Renew")


def test_overdue_detection_as_a_scheduled_command(libraries):
    request = supply(send(libraries), "Loaned", today=date.today() - timedelta(days=40))

    call_command("library_overdue", verbosity=0)

    request.refresh_from_db()
    assert request.status == "Overdue"


class LoanMachine(RuleBasedStateMachine):
    """Random messages from both sides never leave the ISO 18626 transition table."""

    def __init__(self):
        super().__init__()
        requester, first, second = (OrganisationFactory(kind="library") for _ in range(3))
        record = Record.objects.create(
            library=first,
            control_number=str(id(self)),
            source_format="marc21",
            title="t",
            marcxml="<r/>",
            cluster_key="k",
        )
        self.request = services.loan_request_send(
            requester=requester, record=record, suppliers=[first, second]
        )
        self.seen = [(self.request.status, self.request.supplier_id)]

    @rule(
        status=st.sampled_from(list(ill.Status)), reason=st.sampled_from(["", "NotHeld", "OnLoan"])
    )
    def supplier(self, status, reason):
        request = LoanRequest.objects.get(pk=self.request.pk)
        with contextlib.suppress(services.LibraryError):
            services.loan_supplier_status(
                request=request, status=status, reason=reason, by_organisation=request.supplier
            )
        self._look()

    @rule(action=st.sampled_from(list(ill.Action)))
    def requester(self, action):
        request = LoanRequest.objects.get(pk=self.request.pk)
        with contextlib.suppress(services.LibraryError):
            services.loan_requester_action(
                request=request, action=action, by_organisation=request.requester
            )
        self._look()

    def _look(self):
        request = LoanRequest.objects.get(pk=self.request.pk)
        self.seen.append((request.status, request.supplier_id))

    @invariant()
    def every_step_is_in_the_table(self):
        for (before, supplier), (after, next_supplier) in itertools.pairwise(self.seen):
            rota = (
                after == "RequestReceived"
                and next_supplier != supplier
                and ill.Status.UNFILLED in ill.SUPPLIER[ill.Status(before)]
            )
            assert (
                after == before
                or after in ill.SUPPLIER[ill.Status(before)]
                or rota
                or (before, after) == ("Overdue", "Loaned")  # a renewal
                or (after == "Cancelled" and before in ill.REQUESTER[ill.Action.CANCEL])
            ), (before, after)


def test_random_message_sequences_stay_inside_the_table():
    run_state_machine_as_test(LoanMachine, settings=hsettings(max_examples=25, deadline=None))


def test_librarian_of_b_cannot_act_for_a_in_a_loan(client, libraries):
    from tests.factories.directory import UserFactory, give_role

    request = send(libraries)
    requester, first, _second, _record = libraries
    librarian_of_requester = UserFactory()
    give_role(librarian_of_requester, requester, "editor")
    client.force_login(librarian_of_requester)

    client.post("/library/loans/", {"loan": request.pk, "status": "WillSupply"})

    request.refresh_from_db()
    assert request.status == "RequestReceived"
    assert request.supplier == first


def test_reader_requests_through_their_library(client, libraries):
    from amur.library.models import LibrarySettings
    from tests.factories.directory import UserFactory, give_role

    requester, first, _second, record = libraries
    LibrarySettings.objects.create(organisation=requester, code="REQ")
    reader = UserFactory()
    give_role(reader, requester, "editor")
    client.force_login(reader)

    client.post(f"/library/records/{record.pk}/request/", {"library": requester.pk})

    loan = LoanRequest.objects.get()
    assert (loan.requester, loan.supplier, loan.status) == (requester, first, "RequestReceived")
