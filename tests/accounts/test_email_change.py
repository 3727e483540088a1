# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 12, part 3: a new e-mail takes effect only once the new address confirms it."""

import re

import pytest
from django.core import mail, signing
from django.test import TestCase

from amur.accounts import services
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long Amur river 2026"


def ask_for_change(client, email="olga.new@example.org", password=PASSWORD):
    # The link is mailed by a task queued after the commit, which the test's transaction
    # never reaches: run what the request scheduled.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/accounts/email/", {"email": email, "password": password})


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/email/confirm/\S+/)", message.body).group(1)


@pytest.fixture
def olga(client):
    user = UserFactory(username="olga", email="olga@example.org", password=PASSWORD, language="ru")
    client.force_login(user)
    return user


def test_a_change_sends_a_link_to_the_new_address_and_changes_nothing_yet(client, olga):
    response = ask_for_change(client)

    olga.refresh_from_db()
    assert response.status_code == 200
    assert olga.email == "olga@example.org"
    assert [m.to for m in mail.outbox] == [["olga.new@example.org"]]
    assert mail.outbox[0].subject == "Подтвердите новый адрес электронной почты в Амуре"


def test_opening_the_link_changes_the_email_and_tells_the_old_address(
    client, olga, django_capture_on_commit_callbacks
):
    ask_for_change(client)
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link_in(mail.outbox[0]))

    olga.refresh_from_db()
    assert response.status_code == 200
    assert olga.email == "olga.new@example.org"
    assert [m.to for m in mail.outbox[1:]] == [["olga@example.org"]]
    assert "olga.new@example.org" in mail.outbox[1].body
    assert mail.outbox[1].subject == "Адрес электронной почты вашей учётной записи в Амуре изменён"


def test_the_link_works_once(client, olga, django_capture_on_commit_callbacks):
    ask_for_change(client)
    link = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link)

    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(link)

    assert again.status_code == 400
    assert len(mail.outbox) == 2


def test_a_tampered_or_expired_link_changes_nothing(client, olga, monkeypatch):
    ask_for_change(client)
    link = link_in(mail.outbox[0])
    token = link.rsplit("/", 2)[-2]
    forged = signing.dumps(
        {"user": olga.pk, "old": "olga@example.org", "new": "evil@example.org"}, salt="other"
    )

    tampered = client.get(f"/accounts/email/confirm/{forged}/")
    monkeypatch.setattr(services, "EMAIL_CHANGE_MAX_AGE", -1)
    expired = client.get(f"/accounts/email/confirm/{token}/")

    olga.refresh_from_db()
    assert [tampered.status_code, expired.status_code] == [400, 400]
    assert olga.email == "olga@example.org"


def test_a_change_needs_the_current_password(client, olga):
    response = ask_for_change(client, password="not my password")

    assert response.status_code == 200
    assert "The password is not correct." in response.content.decode()
    assert mail.outbox == []


def test_an_address_of_another_account_is_refused(client, olga):
    UserFactory(username="ivan", email="ivan@example.org")

    response = ask_for_change(client, email="IVAN@example.org")

    assert "An account with this e-mail already exists." in response.content.decode()
    assert mail.outbox == []


def test_an_address_taken_meanwhile_is_refused_at_confirmation(client, olga):
    ask_for_change(client)
    UserFactory(username="ivan", email="olga.new@example.org")

    response = client.get(link_in(mail.outbox[0]))

    olga.refresh_from_db()
    assert response.status_code == 400
    assert olga.email == "olga@example.org"


def test_the_profile_links_to_the_change_page_which_names_the_current_address(client, olga):
    profile = client.get("/accounts/profile/")
    page = client.get("/accounts/email/", HTTP_ACCEPT_LANGUAGE="ru")

    assert 'href="/accounts/email/"' in profile.content.decode()
    assert "Ваш адрес электронной почты — olga@example.org." in page.content.decode()
