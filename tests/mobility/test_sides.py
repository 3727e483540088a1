# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which side a user acts for, on a learning agreement and on an application: composed from
the predicates of mobility/rules.py, so that the services, the pages and the API agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from amur.mobility import services
from amur.mobility.services.selection import _side_of
from tests.factories.directory import UserFactory, give_role
from tests.factories.mobility import ApplicationFactory, MobilityFactory

pytestmark = pytest.mark.django_db


def _user(who: str, sending, other_side, own):
    if who == "anonymous":
        return AnonymousUser()
    if who == "nobody":
        return None
    if who == "own":
        return own
    user = UserFactory()
    if who == "staff":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    elif who == "sending_editor":
        give_role(user, sending, "editor")
    elif who == "sending_member":
        give_role(user, sending, "member")
    elif who == "other_side_admin":
        give_role(user, other_side, "admin")
    return user


@pytest.mark.parametrize(
    ("who", "sides"),
    [
        ("own", {"student"}),
        ("sending_editor", {"sending"}),
        ("sending_member", set()),
        ("other_side_admin", {"receiving"}),
        ("staff", {"sending", "receiving"}),
        ("outsider", set()),
        ("anonymous", set()),
        ("nobody", set()),
    ],
)
def test_la_sides(who, sides):
    student = UserFactory()
    mobility = MobilityFactory(person__user=student)
    user = _user(who, mobility.sending, mobility.receiving, student)

    assert services.la_sides(user, mobility) == sides


@pytest.mark.parametrize(
    ("who", "sides"),
    [
        ("own", {"applicant"}),
        ("sending_editor", {"sending"}),
        ("sending_member", set()),
        ("other_side_admin", {"host"}),
        ("staff", {"sending", "host"}),
        ("outsider", set()),
        ("anonymous", set()),
        ("nobody", set()),
    ],
)
def test_application_sides(who, sides):
    application = ApplicationFactory()
    call = application.call
    user = _user(who, call.sending, call.host, application.applicant)

    assert _side_of(user, application) == sides


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("own", True),
        ("sending_member", True),
        ("other_side_admin", True),
        ("staff", True),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_la_version_get_for_follows_the_stays_visibility(who, sees):
    from django.http import Http404

    from amur.mobility import selectors

    student = UserFactory()
    mobility = MobilityFactory(person__user=student)
    line = {"code": "ФОРТ-301", "title": "Специальное фортепиано", "credits": "6", "scheme": "ru"}
    version = services.la_propose(mobility=mobility, components=[line], by=student)
    user = _user(who, mobility.sending, mobility.receiving, student)

    try:
        found = selectors.la_version_get_for(user, pk=version.pk)
    except Http404:
        found = None

    assert (found == version) is sees
