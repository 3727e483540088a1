# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what with a resource or a concept.

A resource belongs to its owner organisation: its editors change, publish and review
translations. Seeing and previewing follow the audience (``selectors.resources_visible_to``);
taking a copy also follows the licence (``selectors.may_take_copy``). Acting for another
organisation (adopting, proposing a translation, importing terms) asks for an editor's role
in that organisation, which is the object of the check.
"""

import rules

from amur.core.permissions import is_authenticated, is_org_admin, is_org_editor, is_staff
from amur.resources import selectors


@rules.predicate
def can_see(user, resource) -> bool:
    if resource is None:
        return False
    return selectors.resources_visible_to(user).filter(pk=resource.pk).exists()


@rules.predicate
def may_take_copy(user, resource) -> bool:
    return resource is not None and selectors.may_take_copy(user, resource)


@rules.predicate
def is_owner_side(user, resource) -> bool:
    return resource is not None and selectors.is_owner_side(user, resource)


rules.add_perm("resources.view_resource", is_staff | can_see)
rules.add_perm("resources.download_resource", is_staff | (can_see & may_take_copy))
rules.add_perm("resources.create_resource", is_staff | is_org_editor)  # obj: the owner
rules.add_perm("resources.change_resource", is_staff | is_org_editor)
rules.add_perm("resources.review_translation", is_staff | is_org_editor)
# Rating is for the audience, not for the owner's own people.
rules.add_perm("resources.rate_resource", is_authenticated & can_see & ~is_owner_side)
# obj: the organisation acting (adopting, proposing, importing terms).
rules.add_perm("resources.act_for", is_staff | is_org_editor)
rules.add_perm("resources.change_concept", is_staff | is_org_editor)
rules.add_perm("resources.approve_concept", is_staff | is_org_admin)
