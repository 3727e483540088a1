# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Readers ask their member library for a book it does not hold; the library orders it as
an inter-library loan or says why not; the reader follows it in words and is told by
e-mail, in their language, when it is ready."""

import pytest

from amur.accounts.models import Profile
from amur.library import services
from amur.library.models import LoanRequest, PatronRequest
from tests.factories.directory import UserFactory, give_role
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    """Reader (member of A) wants a book only B catalogued and holds; C holds it too."""
    c = cast()
    for organisation in (c.org_a, c.org_b):
        LibrarySettingsFactory(organisation=organisation)
    third = LibrarySettingsFactory().organisation
    record = RecordFactory(library=c.org_b, cluster_key="t:master i margarita")
    RecordFactory(library=third, cluster_key="t:master i margarita")
    HoldingFactory(record=record, library=c.org_b)
    c.member_a.email = "reader@example.org"
    c.member_a.save()
    Profile.objects.update_or_create(user=c.member_a, defaults={"language": "ru"})
    return c, record, third


def _token(user):
    from amur.accounts.services import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_the_whole_flow_in_the_pages(client, scene, mailoutbox, django_capture_on_commit_callbacks):
    c, record, third = scene
    client.force_login(c.member_a)
    page = client.get(f"/library/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Попросить мою библиотеку" in page.content.decode()

    client.post(f"/library/records/{record.pk}/ask/", {"library": c.org_a.pk, "note": "К семинару"})
    asked = PatronRequest.objects.get()
    client.force_login(c.editor_a)
    queue = client.get("/library/loans/").content.decode()
    assert f"/library/readers/{asked.pk}/answer/" in queue
    client.post(f"/library/readers/{asked.pk}/answer/", {"decision": "order"})
    asked.refresh_from_db()
    loan = asked.loan
    assert (loan.requester, loan.supplier, loan.rota) == (c.org_a, c.org_b, [third.pk])
    services.loan_supplier_status(request=loan, status="Loaned", by_organisation=c.org_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/library/loans/", {"loan": loan.pk, "action": "Received"})

    client.force_login(c.member_a)
    mine = client.get("/library/my-requests/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Ждёт вас в вашей библиотеке" in mine
    assert f'href="/library/records/{record.pk}/"' in mine
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["reader@example.org"]
    assert "готова" in mailoutbox[0].subject
    assert record.title in mailoutbox[0].body


def test_the_reader_follows_each_stage_in_words(scene):
    c, record, _third = scene
    from amur.library.selectors import reader_stage

    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    stages = [reader_stage(asked)]
    asked = services.patron_request_order(patron_request=asked)
    stages.append(reader_stage(asked))
    loan = services.loan_supplier_status(
        request=asked.loan, status="Loaned", by_organisation=c.org_b
    )
    asked.loan = loan
    stages.append(reader_stage(asked))
    asked.loan = services.loan_requester_action(
        request=loan, action="Received", by_organisation=c.org_a
    )
    stages.append(reader_stage(asked))
    asked.loan = services.loan_supplier_status(
        request=loan, status="LoanCompleted", by_organisation=c.org_b
    )
    stages.append(reader_stage(asked))

    assert stages == ["waiting", "requested", "on_its_way", "ready", "returned"]


def test_the_reader_is_told_once_and_in_their_language(
    scene, mailoutbox, django_capture_on_commit_callbacks
):
    c, record, _third = scene
    Profile.objects.filter(user=c.member_a).update(language="zh-hans")
    asked = services.patron_request_order(
        patron_request=services.patron_request_create(
            reader=c.member_a, library=c.org_a, record=record
        )
    )
    services.loan_supplier_status(request=asked.loan, status="Loaned", by_organisation=c.org_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.loan_requester_action(
            request=asked.loan, action="Received", by_organisation=c.org_a
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.loan_requester_action(
            request=asked.loan, action="Received", by_organisation=c.org_a
        )

    assert len(mailoutbox) == 1
    assert "图书" in mailoutbox[0].subject


def test_a_library_that_holds_the_book_is_not_asked_to_borrow_it(scene):
    c, record, _third = scene
    HoldingFactory(record=record, library=c.org_a, barcode="A-COPY")

    with pytest.raises(services.LibraryError):
        services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    assert not PatronRequest.objects.exists()


def test_the_record_page_offers_only_libraries_that_lack_the_book(client, scene):
    c, record, _third = scene
    client.force_login(c.editor_b)  # B catalogued it

    assert client.get(f"/library/records/{record.pk}/").context["reader_libraries"] == []


def test_declining_needs_a_reason_and_the_reader_reads_it(client, scene):
    c, record, _third = scene
    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    client.force_login(c.editor_a)

    client.post(f"/library/readers/{asked.pk}/answer/", {"decision": "decline", "answer": " "})
    asked.refresh_from_db()
    assert asked.status == "submitted"
    client.post(
        f"/library/readers/{asked.pk}/answer/",
        {"decision": "decline", "answer": "Редкая книга, только в читальном зале"},
    )
    client.force_login(c.member_a)
    mine = client.get("/library/my-requests/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "Ваша библиотека не может" in mine
    assert "Редкая книга, только в читальном зале" in mine
    assert not LoanRequest.objects.exists()


def test_a_request_is_answered_once(scene):
    c, record, _third = scene
    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    services.patron_request_order(patron_request=asked)

    with pytest.raises(services.LibraryError):
        services.patron_request_decline(patron_request=asked, answer="no")
    with pytest.raises(services.LibraryError):
        services.patron_request_order(patron_request=asked)
    assert LoanRequest.objects.count() == 1


# Permissions, pages and API ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor_b", "member_a"])
def test_only_the_readers_librarians_answer_on_the_pages(client, scene, who):
    c, record, _third = scene
    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    client.force_login(getattr(c, who))
    before = Snapshot(PatronRequest)

    response = client.post(f"/library/readers/{asked.pk}/answer/", {"decision": "order"})

    assert denied(response)
    assert before.unchanged()


@pytest.mark.parametrize("who", ["editor_b", "member_a"])
def test_only_the_readers_librarians_answer_by_api(client, scene, who):
    c, record, _third = scene
    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    auth = _token(getattr(c, who))
    before = Snapshot(PatronRequest)

    order = client.post(f"/api/v1/library/patron-requests/{asked.pk}/order", **auth)
    decline = client.post(
        f"/api/v1/library/patron-requests/{asked.pk}/decline",
        {"answer": "no"},
        content_type="application/json",
        **auth,
    )

    assert denied(order)
    assert denied(decline)
    assert before.unchanged()


def test_the_whole_flow_by_api(client, scene):
    c, record, _third = scene
    reader, librarian = _token(c.member_a), _token(c.editor_a)

    created = client.post(
        f"/api/v1/library/records/{record.pk}/patron-requests",
        {"library": c.org_a.pk},
        content_type="application/json",
        **reader,
    )
    pk = created.json()["id"]
    ordered = client.post(f"/api/v1/library/patron-requests/{pk}/order", **librarian)
    loan = LoanRequest.objects.get()
    services.loan_supplier_status(request=loan, status="Loaned", by_organisation=c.org_b)
    listed = client.get("/api/v1/library/patron-requests", HTTP_ACCEPT_LANGUAGE="zh-hans", **reader)
    loans = client.get("/api/v1/library/ill/loans", HTTP_ACCEPT_LANGUAGE="ru", **librarian)

    assert created.status_code == 201
    assert ordered.json()["stage"] == "requested"
    item = listed.json()["items"][0]
    assert (item["stage"], item["stage_label"]) == ("on_its_way", "正在送往您的图书馆")
    assert [(x["status"], x["status_label"]) for x in loans.json()["items"]] == [
        ("Loaned", "Выдано")
    ]


def test_a_reader_asks_only_through_a_library_they_belong_to(client, scene):
    c, record, third = scene
    response = client.post(
        f"/api/v1/library/records/{record.pk}/patron-requests",
        {"library": third.pk},
        content_type="application/json",
        **_token(c.member_a),
    )
    page = client.post(f"/library/records/{record.pk}/ask/", {"library": third.pk})

    assert response.status_code == 403
    assert asks_to_log_in(page)
    assert not PatronRequest.objects.exists()


def test_only_the_reader_withdraws_their_request(client, scene):
    c, record, _third = scene
    asked = services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    other = UserFactory()
    give_role(other, c.org_a, "member")

    client.force_login(other)
    refused = client.post(f"/library/my-requests/{asked.pk}/cancel/")
    api = client.post(f"/api/v1/library/patron-requests/{asked.pk}/cancel", **_token(other))
    client.force_login(c.member_a)
    client.post(f"/library/my-requests/{asked.pk}/cancel/")

    assert denied(refused)
    assert denied(api)
    asked.refresh_from_db()
    assert asked.status == "cancelled"


def test_readers_see_only_their_own_requests(client, scene):
    c, record, _third = scene
    services.patron_request_create(reader=c.member_a, library=c.org_a, record=record)
    other = UserFactory()
    give_role(other, c.org_a, "member")

    listed = client.get("/api/v1/library/patron-requests", **_token(other))
    client.force_login(other)
    page = client.get("/library/my-requests/")

    assert listed.json()["items"] == []
    assert list(page.context["patron_requests"]) == []


# Loan pages: statuses in words, titles linked, staff see every library's loans ----------


def test_loan_pages_show_statuses_in_words_and_link_titles(client, scene):
    c, record, _third = scene
    loan = services.loan_request_send(requester=c.org_a, record=record, suppliers=[c.org_b])
    services.loan_supplier_status(
        request=loan, status="RetryPossible", reason="AtBindery", by_organisation=c.org_b
    )
    client.force_login(c.editor_a)

    page = client.get("/library/loans/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert f'<a href="/library/records/{record.pk}/">' in page
    assert "RetryPossible" not in page.replace('value="RetryPossible"', "")
    assert "AtBindery" not in page.replace('value="AtBindery"', "")


def test_staff_see_every_librarys_loans_without_a_role(client, scene):
    c, record, third = scene
    loan = services.loan_request_send(requester=third, record=record, suppliers=[c.org_b])
    client.force_login(c.staff)

    page = client.get("/library/loans/")
    listed = client.get("/api/v1/library/ill/loans", **_token(c.staff))
    client.force_login(c.editor_a)
    outsider = client.get("/library/loans/")

    assert list(page.context["every"]) == [loan]
    assert [x["id"] for x in listed.json()["items"]] == [loan.pk]
    assert list(outsider.context["every"]) == []
    assert list(outsider.context["requesting"]) == []
