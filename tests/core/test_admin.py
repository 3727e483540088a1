# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.contrib import admin
from django.core.management import call_command

from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db


def test_every_admin_changelist_opens_for_staff(client):
    call_command("demo", only=["core", "directory"], verbosity=0)
    user = UserFactory(username="root")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)

    failures = []
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))

    assert failures == []
