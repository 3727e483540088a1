# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    MEMBER = "member", _("Member unit")
    EXECUTIVE = "executive", _("Executive member unit")
    OBSERVER = "observer", _("Observer")
    PROSPECTIVE = "prospective", _("Prospective / interested")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    UNDER_REVIEW = "under_review", _("Under review")
    VOTING = "voting", _("Put to a vote")
    ACTIVE = "active", _("Active")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPELLED = "expelled", _("Expelled")


# The membership workflow: every legal step; anything else is refused.
TRANSITIONS = {
    MembershipStatus.APPLIED: {MembershipStatus.UNDER_REVIEW, MembershipStatus.WITHDRAWN},
    MembershipStatus.UNDER_REVIEW: {
        MembershipStatus.ACTIVE,
        MembershipStatus.REJECTED,
        MembershipStatus.VOTING,
        MembershipStatus.WITHDRAWN,
    },
    MembershipStatus.VOTING: {MembershipStatus.ACTIVE, MembershipStatus.REJECTED},
    MembershipStatus.ACTIVE: {
        MembershipStatus.SUSPENDED,
        MembershipStatus.WITHDRAWN,
        MembershipStatus.EXPELLED,
    },
    MembershipStatus.SUSPENDED: {
        MembershipStatus.ACTIVE,
        MembershipStatus.WITHDRAWN,
        MembershipStatus.EXPELLED,
    },
    MembershipStatus.REJECTED: set(),
    MembershipStatus.WITHDRAWN: set(),
    MembershipStatus.EXPELLED: set(),
}
ENDED = (MembershipStatus.REJECTED, MembershipStatus.WITHDRAWN, MembershipStatus.EXPELLED)


class Admission(models.TextChoices):
    SECRETARIAT = "secretariat", _("Decided by the secretariat")
    VOTE = "vote", _("Decided by a vote of a body")


class BodyKind(models.TextChoices):
    GENERAL_ASSEMBLY = "general_assembly", _("General assembly")
    COUNCIL = "council", _("Council")
    STANDING_COUNCIL = "standing_council", _("Standing council")
    EXPERT_COMMITTEE = "expert_committee", _("Expert committee")
    SECRETARIAT = "secretariat", _("Secretariat")


class VoteKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Adopt or amend the constitution")
    ELECTION = "election", _("Election to positions")
    ADMISSION = "admission", _("Admit a member")
    MOTION = "motion", _("Motion")


class Electorate(models.TextChoices):
    BODY = "body", _("Members of a body")
    UNITS = "units", _("Member units (one vote per unit, cast by its delegate)")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Simple majority")
    ABSOLUTE = "absolute", _("Absolute majority")
    TWO_THIRDS = "two_thirds", _("Two-thirds majority")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
