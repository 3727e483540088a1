# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in the directory (see amur/core/permissions.py for the base)."""

import rules
from django.utils import timezone

from amur.core.permissions import EDITOR, has_role, is_org_admin, is_org_editor, is_staff


@rules.predicate
def is_the_person(user, person) -> bool:
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def edits_an_affiliated_organisation(user, person) -> bool:
    """Editors of an organisation the person currently belongs to may keep their entry."""
    if person is None or not user.is_authenticated:
        return False
    today = timezone.localdate()
    org_ids = person.affiliations.exclude(end__lt=today).values_list("organisation_id", flat=True)
    return any(has_role(user, org_id, EDITOR) for org_id in org_ids)


rules.add_perm("directory.add_organisation", rules.is_authenticated)
rules.add_perm("directory.change_organisation", is_staff | is_org_editor)
rules.add_perm("directory.manage_roles", is_staff | is_org_admin)
rules.add_perm("directory.add_person", rules.is_authenticated)
rules.add_perm(
    "directory.change_person", is_staff | is_the_person | edits_an_affiliated_organisation
)
