# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Calls belong to the sending office; which side may take a step is decided in services
(the sending office cannot act for the host, an applicant only for themself)."""

import rules

from amur.core.permissions import (
    EDITOR,
    MEMBER,
    has_role,
    is_org_editor,
    is_org_member,
    is_staff,
)


@rules.predicate
def is_applicant(user, application) -> bool:
    # Services also ask with no user (by=None): nobody is then the applicant.
    pk = getattr(user, "pk", None)
    return application is not None and pk is not None and application.applicant_id == pk


@rules.predicate
def is_host_editor(user, application) -> bool:
    """The host's office reads the applications it is to accept or reject."""
    return application is not None and has_role(user, application.call.host_id, EDITOR)


@rules.predicate
def is_call_host_editor(user, call) -> bool:
    """The host's office of a call (the call itself is the sending office's)."""
    return call is not None and has_role(user, call.host_id, EDITOR)


rules.add_perm("mobility.manage_call", is_staff | is_org_editor)
rules.add_perm(
    "mobility.view_application", is_staff | is_org_editor | is_applicant | is_host_editor
)
# A call's applications are read by both offices: the sending one runs the call, the host
# accepts or rejects.
rules.add_perm("mobility.view_call_applications", is_staff | is_org_editor | is_call_host_editor)

# The sides of an application (which decides who takes each step of the selection):
# the applicant, the sending office (which owns the call) and the host. Staff act for
# both offices.
acts_as_applicant = is_applicant
acts_for_application_sending = is_staff | is_org_editor
acts_for_application_host = is_staff | is_host_editor


@rules.predicate
def is_mobility_student(user, mobility) -> bool:
    pk = getattr(user, "pk", None)
    return mobility is not None and pk is not None and mobility.person.user_id == pk


def _side_predicate(side: str, minimum: str, name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def predicate(user, mobility=None) -> bool:
        return mobility is not None and has_role(user, getattr(mobility, f"{side}_id"), minimum)

    return predicate


is_sending_member = _side_predicate("sending", MEMBER, "is_sending_member")
is_receiving_member = _side_predicate("receiving", MEMBER, "is_receiving_member")
is_sending_editor = _side_predicate("sending", EDITOR, "is_sending_editor")
is_receiving_editor = _side_predicate("receiving", EDITOR, "is_receiving_editor")

# The learning agreement of a stay: the student and the sending office propose and sign, the
# receiving office approves or rejects; the services check again which side is acting.
rules.add_perm(
    "mobility.view_mobility",
    is_staff | is_mobility_student | is_sending_member | is_receiving_member,
)
# The sides of a learning agreement: the student, the sending and the receiving office
# (staff act for both offices).
acts_as_student = is_mobility_student
acts_for_sending = is_staff | is_sending_editor
acts_for_receiving = is_staff | is_receiving_editor
rules.add_perm("mobility.sign_la", is_staff | is_mobility_student | is_sending_editor)
rules.add_perm("mobility.answer_la", is_staff | is_receiving_editor)
# What EWP needs of a stay (EQF, ISCED-F, CEFR, contact persons): the sending office.
rules.add_perm("mobility.record_ewp_data", is_staff | is_sending_editor)
# The host issues the transcript of records; the home institution decides recognition.
rules.add_perm("mobility.issue_transcript", is_staff | is_receiving_editor)
rules.add_perm("mobility.decide_recognition", is_staff | is_sending_editor)


@rules.predicate
def is_programme_partner_member(user, programme) -> bool:
    return programme is not None and any(
        has_role(user, pk, MEMBER) for pk in programme.partners.values_list("pk", flat=True)
    )


@rules.predicate
def is_programme_partner_editor(user, programme) -> bool:
    return programme is not None and any(
        has_role(user, pk, EDITOR) for pk in programme.partners.values_list("pk", flat=True)
    )


# The managing partner edits the teaching plan; every partner enrols its own students and
# sees the names in the cohorts (the public sees the plan and the cohort sizes).
rules.add_perm("mobility.manage_programme", is_staff | is_org_editor)
# A partner (or the owner of a programme) acts through its editors; staff for any.
acts_as_editor = is_staff | is_org_editor
rules.add_perm("mobility.enrol_programme", is_staff | is_programme_partner_editor)
rules.add_perm("mobility.view_cohort_students", is_staff | is_programme_partner_member)

# An office's dashboard shows its people by name: members of the organisation only.
rules.add_perm("mobility.view_dashboard", is_staff | is_org_member)

# An agreement is changed by its owner's editors only; its partners read it like everyone.
rules.add_perm("mobility.change_agreement", is_staff | is_org_editor)
# A partner's EWP document is taken in for one of our institutions by its editors.
rules.add_perm("mobility.receive_ewp", is_staff | is_org_editor)


@rules.predicate
def is_agreement_partner_member(user, document) -> bool:
    return any(
        has_role(user, pk, MEMBER)
        for pk in document.agreement.partners.values_list("pk", flat=True)
    )


# The signed texts are read by the partners' people only, not by the public.
rules.add_perm("mobility.view_agreement_document", is_staff | is_agreement_partner_member)
# An editor creates agreements for an organisation it edits (the object is the organisation).
rules.add_perm("mobility.create_agreement", is_staff | is_org_editor)


# An agreement has partners as a programme has: the same predicate asks about either.
is_agreement_partner_editor = is_programme_partner_editor

# A partner's office opens calls under the agreement; the call is then its own
# (``mobility.manage_call``: editors of the sending organisation).
rules.add_perm("mobility.open_call", is_staff | is_agreement_partner_editor)
