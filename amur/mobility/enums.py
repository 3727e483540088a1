# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AgreementKind(models.TextChoices):
    MEMORANDUM = "memorandum", _("Memorandum of cooperation")
    FRAMEWORK = "framework", _("Framework agreement")
    EXCHANGE = "exchange", _("Exchange agreement")
    JOINT_PROGRAMME = "joint_programme", _("Joint programme agreement")
    DUAL_DEGREE = "dual_degree", _("Dual-degree agreement")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", pgettext_lazy("agreement", "Active")
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
    DRAFT = "draft", pgettext_lazy("mobility application", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("mobility application", "Submitted")
    ELIGIBLE = "eligible", pgettext_lazy("mobility application", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("mobility application", "Ineligible")
    RANKED = "ranked", pgettext_lazy("mobility application", "Ranked")
    NOMINATED = "nominated", pgettext_lazy("mobility application", "Nominated")
    ACCEPTED = "accepted", pgettext_lazy("mobility application", "Accepted by the host")
    REJECTED = "rejected", pgettext_lazy("mobility application", "Rejected by the host")
    DEPARTED = "departed", pgettext_lazy("mobility application", "Departed")
    COMPLETED = "completed", pgettext_lazy("mobility application", "Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("mobility application", "Withdrawn")


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
    S.SUBMITTED: "applicant",
    S.WITHDRAWN: "applicant",
    S.ELIGIBLE: "sending",
    S.INELIGIBLE: "sending",
    S.RANKED: "sending",
    S.NOMINATED: "sending",
    S.ACCEPTED: "host",
    S.REJECTED: "host",
    S.DEPARTED: "sending",
    S.COMPLETED: "sending",
}


class CreditSystem(models.TextChoices):
    CN = "cn", _("Chinese credits (学分)")
    RU = "ru", _("Russian credit units (зачётные единицы)")
    ECTS = "ects", _("ECTS credits")


class GradeScale(models.TextChoices):
    CN = "cn", _("Chinese 0–100 (60 to pass)")
    RU = "ru", _("Russian five-point scale")
    PASS_FAIL = "passfail", _("Pass/fail (зачёт/незачёт)")
    ECTS = "ects", _("ECTS grades A–F")


class RecognitionDecision(models.TextChoices):
    FULL = "full", _("Fully recognised")
    PARTIAL = "partial", _("Partly recognised")
    REFUSED = "refused", _("Not recognised")


class ProgrammeKind(models.TextChoices):
    LANGUAGE_PROFESSION = "language_profession", _("Russian + profession")
    LANGUAGE_VOCATIONAL = "language_vocational", _("Chinese language + vocational skills")
    JOINT_GRADUATE = "joint_graduate", _("Joint graduate training")
    DUAL_DEGREE = "dual_degree", _("Dual-degree programme")
    JOINT_BACHELOR = "joint_bachelor", _("Joint undergraduate programme")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", pgettext_lazy("programme enrolment", "Enrolled")
    GRADUATED = "graduated", pgettext_lazy("programme enrolment", "Graduated")
    WITHDRAWN = "withdrawn", pgettext_lazy("programme enrolment", "Withdrawn")


class ApplicationDocumentKind(models.TextChoices):
    TRANSCRIPT = "transcript", _("Transcript of grades")
    LANGUAGE = "language", _("Language certificate (HSK, TORFL, CEFR)")
    CV = "cv", _("CV")
    OTHER = "other", _("Other document")


class MobilityLevel(models.TextChoices):
    """Who goes: read by the observatory to compare flows level by level."""

    STUDENT = "student", _("Student")
    STAFF = "staff", _("Staff")
    TEACHER = "teacher", _("Teacher")
    RESEARCHER = "researcher", _("Researcher")


class CefrLevel(models.TextChoices):
    """Common European Framework of Reference levels, as EWP writes them."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
