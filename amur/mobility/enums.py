# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of cooperation")
    FRAMEWORK = "framework", _("Framework agreement")
    EXCHANGE = "exchange", _("Exchange agreement")
    JOINT_PROGRAMME = "joint_programme", _("Joint programme agreement")
    DUAL_DEGREE = "dual_degree", _("Dual-degree agreement")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class CallKind(models.TextChoices):
    SEMESTER = "semester", _("Semester exchange")
    SHORT = "short", _("Short-term programme")
    SUMMER = "summer", _("Summer school")
    STUDY_TOUR = "study_tour", _("Study tour")
    INTERNSHIP = "internship", _("Internship")
    TEACHER_TRAINING = "teacher_training", _("Teacher training")
    GRADUATE = "graduate", _("Joint graduate place")
    STAFF_TEACHING = "staff_teaching", _("Staff teaching visit")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    RANKED = "ranked", _("Ranked")
    NOMINATED = "nominated", _("Nominated")
    ACCEPTED = "accepted", _("Accepted by the host")
    REJECTED = "rejected", _("Rejected by the host")
    DEPARTED = "departed", _("Departed")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationStatus
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ELIGIBLE, S.INELIGIBLE, S.WITHDRAWN},
    S.ELIGIBLE: {S.RANKED, S.WITHDRAWN},
    S.INELIGIBLE: set(),
    S.RANKED: {S.NOMINATED, S.WITHDRAWN},
    S.NOMINATED: {S.ACCEPTED, S.REJECTED, S.WITHDRAWN},
    S.ACCEPTED: {S.DEPARTED, S.WITHDRAWN},
    S.REJECTED: set(),
    S.DEPARTED: {S.COMPLETED, S.WITHDRAWN},
    S.COMPLETED: set(),
    S.WITHDRAWN: set(),
}
# Which side decides each step: the applicant, the sending office or the host.
DECIDED_BY = {
    S.SUBMITTED: "applicant", S.WITHDRAWN: "applicant", S.ELIGIBLE: "sending",
    S.INELIGIBLE: "sending", S.RANKED: "sending", S.NOMINATED: "sending", S.ACCEPTED: "host",
    S.REJECTED: "host", S.DEPARTED: "sending", S.COMPLETED: "sending",
}  # fmt: skip
