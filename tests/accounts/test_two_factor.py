# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 12, part 3: two-factor login, required for platform staff, optional for others."""

import importlib
import re
import time
from types import SimpleNamespace

import pyotp
import pytest
from django.apps import apps
from django.core import serializers
from django.db import connection

from amur.accounts import services
from amur.accounts.models import TwoFactorDevice
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db
PASSWORD = "a long Amur river 2026"


@pytest.fixture(autouse=True)
def staff_two_factor(settings):
    # The suite runs with it off (pyproject.toml) so other apps' tests can sign staff in.
    settings.AMUR_STAFF_TWO_FACTOR = True


def code(secret, steps_ahead=0):
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def log_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def with_device(user) -> tuple[str, list[str]]:
    device = services.two_factor_start(user=user)
    return device.secret, services.two_factor_confirm(user=user, code=code(device.secret))


def test_staff_without_a_device_are_sent_to_enrol_and_can_then_work(client):
    UserFactory(username="admin", password=PASSWORD, is_staff=True)
    log_in(client, "admin")

    held = client.get("/accounts/profile/")
    page = client.get("/accounts/two-factor/enrol/?next=/accounts/profile/")
    secret = TwoFactorDevice.objects.get(user__username="admin").secret
    done = client.post(
        "/accounts/two-factor/enrol/", {"code": code(secret), "next": "/accounts/profile/"}
    )
    after = client.get("/accounts/profile/")

    assert held.status_code == 302
    assert held["Location"] == "/accounts/two-factor/enrol/?next=%2Faccounts%2Fprofile%2F"
    html = page.content.decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    assert 'src="data:image/svg+xml' in html
    assert (
        len(re.findall(r"<li><code>[0-9a-f]{6}-[0-9a-f]{6}</code></li>", done.content.decode()))
        == 10
    )
    assert after.status_code == 200


def test_a_wrong_code_does_not_enrol(client):
    user = UserFactory(username="admin", password=PASSWORD, is_staff=True)
    log_in(client, "admin")
    client.get("/accounts/two-factor/enrol/")

    response = client.post("/accounts/two-factor/enrol/", {"code": "000000"})

    assert "The code is not correct." in response.content.decode()
    assert services.two_factor_device(user) is None
    assert client.get("/accounts/profile/").status_code == 302


def test_a_user_with_a_device_enters_a_code_after_the_password(client):
    user = UserFactory(username="olga", password=PASSWORD)
    secret, _codes = with_device(user)
    log_in(client, "olga")

    held = client.get("/accounts/profile/")
    wrong = client.post("/accounts/two-factor/", {"code": "000000"})
    right = client.post(
        "/accounts/two-factor/", {"code": code(secret, 1), "next": "/accounts/profile/"}
    )

    assert held.status_code == 302
    assert held["Location"].startswith("/accounts/two-factor/?next=")
    assert "The code is not correct." in wrong.content.decode()
    assert right.status_code == 302
    assert right["Location"] == "/accounts/profile/"
    assert client.get("/accounts/profile/").status_code == 200


def test_a_code_works_only_once(client):
    user = UserFactory(username="olga", password=PASSWORD)
    secret, _codes = with_device(user)
    used = code(secret, 1)

    first = services.two_factor_verify(user=user, code=used)
    again = services.two_factor_verify(user=user, code=used)

    assert (first, again) == (True, False)


def test_a_recovery_code_logs_in_once(client):
    user = UserFactory(username="olga", password=PASSWORD)
    _secret, codes = with_device(user)

    first = services.two_factor_verify(user=user, code=codes[0])
    again = services.two_factor_verify(user=user, code=codes[0])
    other = services.two_factor_verify(user=user, code=codes[1].upper())

    assert (first, again, other) == (True, False, True)


def test_five_wrong_codes_send_the_user_back_to_the_password(client):
    user = UserFactory(username="olga", password=PASSWORD)
    with_device(user)
    log_in(client, "olga")

    answers = [client.post("/accounts/two-factor/", {"code": "000000"}) for _ in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 302]
    assert answers[-1]["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_no_way_of_signing_in_skips_the_code(client):
    user = UserFactory(username="olga", password=PASSWORD, is_staff=True)
    with_device(user)
    client.force_login(user)

    page = client.get("/accounts/profile/")
    api = client.get("/api/v1/accounts/me")

    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/two-factor/")
    assert api.status_code == 401


def test_organisation_admins_may_but_need_not_use_two_factor(client):
    user = UserFactory(username="olga", password=PASSWORD)
    give_role(user, OrganisationFactory(), "admin")
    log_in(client, "olga")

    profile = client.get("/accounts/profile/")
    client.get("/accounts/two-factor/enrol/")
    secret = TwoFactorDevice.objects.get(user=user).secret
    client.post("/accounts/two-factor/enrol/", {"code": code(secret)})
    off = client.post("/accounts/two-factor/disable/", {"password": PASSWORD})

    assert profile.status_code == 200
    assert 'href="/accounts/two-factor/enrol/"' in profile.content.decode()
    assert off.status_code == 302
    assert not TwoFactorDevice.objects.filter(user=user).exists()


def test_staff_cannot_turn_two_factor_off(client):
    user = UserFactory(username="admin", password=PASSWORD, is_staff=True)
    secret, _codes = with_device(user)
    log_in(client, "admin")
    client.post("/accounts/two-factor/", {"code": code(secret, 1)})

    client.post("/accounts/two-factor/disable/", {"password": PASSWORD})

    assert services.two_factor_device(user) is not None


def test_wrong_codes_count_as_failed_logins_and_lock_the_account_out(client, settings):
    settings.AXES_ENABLED = True
    user = UserFactory(username="olga", password=PASSWORD)
    with_device(user)
    home = {"REMOTE_ADDR": "203.0.113.7"}
    client.post("/accounts/login/", {"username": "olga", "password": PASSWORD}, **home)

    answers = [client.post("/accounts/two-factor/", {"code": "000000"}, **home) for _ in range(5)]
    password_again = client.post(
        "/accounts/login/", {"username": "olga", "password": PASSWORD}, **home
    )

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session
    assert password_again.status_code == 429


def test_logging_in_again_with_the_password_does_not_reset_the_count_of_wrong_codes(
    client, settings
):
    settings.AXES_ENABLED = True
    user = UserFactory(username="olga", password=PASSWORD)
    _secret, _codes = with_device(user)
    home = {"REMOTE_ADDR": "203.0.113.7"}

    def round_of_guesses(times):
        client.post("/accounts/login/", {"username": "olga", "password": PASSWORD}, **home)
        return [
            client.post("/accounts/two-factor/", {"code": "000000"}, **home).status_code
            for _ in range(times)
        ]

    first = round_of_guesses(3)
    second = round_of_guesses(2)

    assert (first, second) == ([200, 200, 200], [200, 429])


def test_a_right_code_clears_the_wrong_ones(client, settings):
    settings.AXES_ENABLED = True
    user = UserFactory(username="olga", password=PASSWORD)
    secret, _codes = with_device(user)
    home = {"REMOTE_ADDR": "203.0.113.7"}
    client.post("/accounts/login/", {"username": "olga", "password": PASSWORD}, **home)
    for _ in range(4):
        client.post("/accounts/two-factor/", {"code": "000000"}, **home)

    client.post("/accounts/two-factor/", {"code": code(secret, 1)}, **home)
    client.post("/accounts/logout/", **home)
    client.post("/accounts/login/", {"username": "olga", "password": PASSWORD}, **home)
    wrong = client.post("/accounts/two-factor/", {"code": "000000"}, **home)

    assert wrong.status_code == 200


def _raw_secret(device) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_twofactordevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


def test_the_secret_is_stored_encrypted_and_still_gives_the_codes(client):
    user = UserFactory(username="olga", password=PASSWORD)
    secret, _codes = with_device(user)

    raw = _raw_secret(TwoFactorDevice.objects.get(user=user))
    log_in(client, "olga")
    answer = client.post(
        "/accounts/two-factor/", {"code": code(secret, 1), "next": "/accounts/profile/"}
    )

    assert secret not in raw
    assert len(secret) == 32
    assert raw.startswith("gAAAAA")
    assert TwoFactorDevice.objects.get(user=user).secret == secret
    assert answer["Location"] == "/accounts/profile/"


def test_a_dump_of_the_table_carries_the_secret_encrypted_and_loads_back():
    user = UserFactory()
    secret, _codes = with_device(user)
    device = TwoFactorDevice.objects.get(user=user)

    dumped = serializers.serialize("json", [device])
    [loaded] = serializers.deserialize("json", dumped)

    assert secret not in dumped
    assert loaded.object.secret == secret


def test_existing_plain_secrets_are_encrypted_by_the_migration():
    migration = importlib.import_module("amur.accounts.migrations.0004_two_factor_secret_encrypted")
    user = UserFactory()
    secret, _codes = with_device(user)
    device = TwoFactorDevice.objects.get(user=user)
    with connection.cursor() as cursor:  # as it was before the migration
        cursor.execute(
            "UPDATE accounts_twofactordevice SET secret = %s WHERE id = %s", [secret, device.pk]
        )

    # The migration uses only the editor's connection (a real editor cannot be opened inside
    # the test's transaction on SQLite).
    editor = SimpleNamespace(connection=connection)
    migration.encrypt_secrets(apps, editor)
    migration.encrypt_secrets(apps, editor)  # a second run changes nothing

    assert secret not in _raw_secret(device)
    assert TwoFactorDevice.objects.get(pk=device.pk).secret == secret
