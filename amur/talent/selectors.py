# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the talent module and the visibility rules they share."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from amur.core.permissions import MEMBER, organisations_where
from amur.talent.enums import NeedStatus, Visibility
from amur.talent.models import Need, Profile, Task


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Profiles ``user`` may see: public ones, members-only ones when signed in, and
    their own.  A hidden profile appears in no list, search, match, API answer or export,
    for anyone but its person."""
    if not getattr(user, "is_authenticated", False):
        return Profile.objects.filter(visibility=Visibility.PUBLIC)
    return Profile.objects.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]) | Q(person__user=user)
    )


def profiles_listed_to(user) -> QuerySet[Profile]:
    """Profiles shown in lists, matches and exports: never a hidden one, not even one's own."""
    return profiles_visible_to(user).exclude(visibility=Visibility.HIDDEN)


def profile_get_for(user, *, pk: int) -> Profile:
    try:
        return profiles_visible_to(user).select_related("person", "place").get(pk=pk)
    except Profile.DoesNotExist:
        raise Http404 from None


def profile_of(user) -> Profile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Profile.objects.filter(person__user=user).select_related("person").first()


def needs_visible_to(user) -> QuerySet[Need]:
    """Open needs are public; closed ones only to their organisation's people and staff."""
    if getattr(user, "is_staff", False):
        return Need.objects.all()
    return Need.objects.filter(
        Q(status=NeedStatus.OPEN) | Q(organisation_id__in=organisations_where(user, MEMBER))
    )


def need_get_for(user, *, pk: int) -> Need:
    try:
        return needs_visible_to(user).select_related("organisation", "field", "place").get(pk=pk)
    except Need.DoesNotExist:
        raise Http404 from None


def tasks_visible_to(user) -> QuerySet[Task]:
    """A task is seen by its organisation's people, its translator and reviewer, and
    staff; unassigned non-confidential drafts are listed to signed-in people looking for
    work."""
    if getattr(user, "is_staff", False):
        return Task.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Task.objects.none()
    return Task.objects.filter(
        Q(organisation_id__in=organisations_where(user, MEMBER))
        | Q(assignee__person__user=user)
        | Q(reviewer__person__user=user)
        | Q(confidential=False, status="draft", assignee__isnull=True)
    )


def task_get_for(user, *, pk: int) -> Task:
    try:
        return tasks_visible_to(user).select_related("organisation", "assignee__person").get(pk=pk)
    except Task.DoesNotExist:
        raise Http404 from None
