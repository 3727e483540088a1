# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

from amur.accounts.models import ApiToken, OrganisationRole, Profile
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db
PASSWORD = "a long Amur river 2026"


def signup(client, language="ru", email="olga@example.org"):
    # The link is mailed by a task queued after the commit, which the test's transaction
    # never reaches: run what the request scheduled.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/accounts/signup/",
            {
                "username": "olga",
                "email": email,
                "language": language,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )


def test_sign_up_sends_a_confirmation_in_the_chosen_language_and_activates(client):
    response = signup(client, language="ru")

    user = get_user_model().objects.get(username="olga")
    assert response.status_code == 200
    assert user.is_active is False
    assert Profile.objects.get(user=user).language == "ru"
    assert mail.outbox[0].subject == "Подтвердите учётную запись в Амуре"
    link = re.search(r"http://testserver(/accounts/signup/confirm/\S+/)", mail.outbox[0].body)

    confirmed = client.get(link.group(1))

    user.refresh_from_db()
    assert confirmed.status_code == 200
    assert user.is_active is True
    assert client.login(username="olga", password=PASSWORD)


def test_inactive_account_cannot_log_in_before_confirmation(client):
    signup(client)

    assert not client.login(username="olga", password=PASSWORD)


def test_tampered_confirmation_link_is_refused(client):
    signup(client)

    response = client.get("/accounts/signup/confirm/not-a-token/")

    assert response.status_code == 400
    assert get_user_model().objects.get(username="olga").is_active is False


def test_sign_up_refuses_a_used_email(client):
    UserFactory(username="someone", email="olga@example.org")

    response = signup(client)

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not get_user_model().objects.filter(username="olga").exists()


def test_password_reset_mail_is_printed_by_console_backend_and_works(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ivan@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "ivan@example.org"})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another Amur river 77", "new_password2": "another Amur river 77"},
    )

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another Amur river 77")


def test_profile_saves_language_and_time_zone(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/accounts/profile/", {"language": "zh-hans", "timezone": "Asia/Shanghai"}
    )

    assert response.status_code == 302
    assert Profile.objects.get(user=user).timezone == "Asia/Shanghai"
    assert response.cookies["amur_language"].value == "zh-hans"


def _zone_seen(request) -> str:
    from django.http import HttpResponse
    from django.utils import timezone

    return HttpResponse(timezone.get_current_timezone_name())


def test_the_profile_zone_wins_over_the_browser_zone_from_login_on(client):
    """The page shell writes the browser's zone into a cookie on every page; a person who
    chose a zone in their profile must still see their choice, in any browser."""
    from amur.core.middleware import TimezoneMiddleware

    user = UserFactory(password=PASSWORD)
    Profile.objects.update_or_create(
        user=user, defaults={"language": "ru", "timezone": "Asia/Vladivostok"}
    )
    client.cookies["amur_tz"] = "Europe/Moscow"

    assert (
        client.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}
        ).status_code
        == 302
    )

    request = type("Request", (), {})()
    request.session = client.session
    request.COOKIES = {"amur_tz": "Europe/Moscow"}
    assert TimezoneMiddleware(_zone_seen)(request).content == b"Asia/Vladivostok"


def test_saving_the_profile_zone_applies_at_once_and_clearing_it_follows_the_browser(client):
    from amur.core.middleware import TimezoneMiddleware

    user = UserFactory()
    client.force_login(user)
    client.cookies["amur_tz"] = "Europe/Moscow"
    request = type("Request", (), {})()
    request.COOKIES = {"amur_tz": "Europe/Moscow"}

    client.post("/accounts/profile/", {"language": "en", "timezone": "Asia/Yakutsk"})
    request.session = client.session
    assert TimezoneMiddleware(_zone_seen)(request).content == b"Asia/Yakutsk"

    client.post("/accounts/profile/", {"language": "en", "timezone": ""})
    request.session = client.session
    assert TimezoneMiddleware(_zone_seen)(request).content == b"Europe/Moscow"


def test_token_created_on_the_page_is_shown_once_and_revocable(client):
    user = UserFactory()
    client.force_login(user)

    page = client.post("/accounts/tokens/", {"name": "laptop"})
    token = ApiToken.objects.get(user=user)
    raw = re.search(r"(amur_[\w-]+)", page.content.decode()).group(1)
    profile = client.get("/accounts/profile/").content.decode()
    client.post(f"/accounts/tokens/{token.pk}/revoke/")

    assert raw.startswith(token.prefix)
    assert raw not in profile
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_org_admin_gives_and_removes_roles(client):
    admin, colleague = UserFactory(), UserFactory(username="colleague")
    org = OrganisationFactory()
    give_role(admin, org, "admin")
    client.force_login(admin)

    client.post(
        f"/accounts/organisations/{org.pk}/roles/", {"username": "colleague", "role": "editor"}
    )
    granted = OrganisationRole.objects.get(user=colleague, organisation=org).role
    client.post(f"/accounts/organisations/{org.pk}/roles/", {"username": "colleague", "role": ""})

    assert granted == "editor"
    assert not OrganisationRole.objects.filter(user=colleague, organisation=org).exists()
