# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Side(models.TextChoices):
    """The two sides of the cooperation; every submission wants a reviewer from each."""

    CN = "cn", _("Chinese side")
    RU = "ru", _("Russian side")


class Phase(models.TextChoices):
    """Where an edition stands; the review phases carry the switches of what reviewers see."""

    PREPARATION = "preparation", _("Preparation")
    CALL = "call", _("Call for papers")
    REVIEW = "review", _("Review")
    DECISION = "decision", _("Decisions")
    PROGRAMME = "programme", _("Programme")
    CLOSED = "closed", pgettext_lazy("forum phase", "Closed")


REVIEW_PHASES = (Phase.REVIEW, Phase.DECISION)


class SubmissionKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    PANEL = "panel", _("Panel")
    POSTER = "poster", _("Poster")
    ROUND_TABLE = "round_table", _("Round table")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another")
    DUPLICATE = "duplicate", _("Duplicate")


class Origin(models.TextChoices):
    """Who wrote a language version of a submission."""

    AUTHOR = "author", _("Written by the author")
    TRANSLATED = "translated", _("Translated by a named person")
    MACHINE_CHECKED = "machine_checked", _("Machine draft checked by a named person")
    MISSING = "missing", _("Missing")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    REJECT = "reject", _("Reject")
    MOVE = "move", _("Move to another track")
    MERGE = "merge", _("Merge with another submission")
    DUPLICATE = "duplicate", _("Mark as duplicate")


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Declared")
    SAME_ORGANISATION = "same_organisation", _("Same organisation")
    GOVERNING_BODY = "governing_body", _("Same governing body")
    COAUTHORSHIP = "coauthorship", _("Co-authorship")
    SUPERVISION = "supervision", _("Supervisor and student")
    TRANSLATOR = "translator", _("Translated the submission")
    AUTHOR = "author", _("Is an author")


class LanguageQuality(models.TextChoices):
    GOOD = "good", _("Good")
    WEAK = "weak", _("Weak translation")
    UNUSABLE = "unusable", _("Unusable translation")


class Interpretation(models.TextChoices):
    NONE = "none", _("No interpretation")
    CONSECUTIVE = "consecutive", _("Consecutive")
    SIMULTANEOUS = "simultaneous", _("Simultaneous")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    CONVENER = "convener", _("Convener")
    MEMBER = "member", _("Committee member")
