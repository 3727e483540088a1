# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who may do what in the talent module.

A profile is seen as its person chose (``selectors.profiles_visible_to``) and kept only by
its person.  Needs and tasks belong to their organisation: its editors state them, see the
candidates and make the shortlist.  What only the person themself may do (confirm a
declaration, accept, deliver) the services check against the person, whoever asks.
"""

import rules

from amur.core.permissions import is_org_admin, is_org_editor, is_staff
from amur.talent import selectors


@rules.predicate
def can_see_profile(user, profile) -> bool:
    if profile is None:
        return False
    return selectors.profiles_visible_to(user).filter(pk=profile.pk).exists()


@rules.predicate
def is_own_profile(user, profile) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return profile is not None and person is not None and profile.person_id == person.pk


@rules.predicate
def is_the_person(user, person) -> bool:
    """``user`` is ``person`` (a directory person) themself."""
    own = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person is not None and own is not None and own.pk == person.pk


@rules.predicate
def is_event_organiser(user, event) -> bool:
    """An editor of an organisation that hosts or co-organises ``event``."""
    from amur.core.permissions import EDITOR, has_role
    from amur.talent.services import event_organisers

    if event is None or not user.is_authenticated:
        return False
    return any(has_role(user, org.pk, EDITOR) for org in event_organisers(event))


rules.add_perm("talent.view_profile", is_staff | can_see_profile)
rules.add_perm("talent.change_profile", is_staff | is_own_profile)
# obj: a directory person; who keeps that person's profile (``services.profile_save``).
keeps_profile_of = is_staff | is_the_person
# Merging two profiles of one person moves what each holds; platform staff decide it.
rules.add_perm("talent.merge_profiles", is_staff)
# obj: the organisation stating the need or task, or the need/task itself.
# The organisation that asks for a task or offers a course acts through its editors
# (staff for any): the requester's side of a rating, withdrawing or completing a course.
acts_for_organisation = is_staff | is_org_editor

rules.add_perm("talent.change_need", is_staff | is_org_editor)
# Which HSK equivalence table the organisation trusts: its administrators decide.
rules.add_perm("talent.set_preference", is_staff | is_org_admin)
rules.add_perm("talent.change_task", is_staff | is_org_editor)
rules.add_perm("talent.change_training", is_staff | is_org_editor)


@rules.predicate
def is_enrolled_person(user, enrolment) -> bool:
    return enrolment is not None and is_own_profile.test(user, enrolment.profile)


@rules.predicate
def edits_for_the_offer(user, enrolment) -> bool:
    return enrolment is not None and acts_for_organisation.test(user, enrolment.offer)


# obj: an enrolment in a course; the person or the offering organisation withdraws it.
withdraws_enrolment = is_enrolled_person | edits_for_the_offer
rules.add_perm("talent.withdraw_enrolment", withdraws_enrolment)
# obj: an event; its organisers turn its interpretation needs into tasks.
rules.add_perm("talent.request_interpreting", is_staff | is_event_organiser)
