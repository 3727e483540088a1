# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("competition application", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("competition application", "Submitted")
    ELIGIBLE = "eligible", pgettext_lazy("competition application", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("competition application", "Ineligible")
    ADMITTED = "admitted", pgettext_lazy("competition application", "Admitted")
    WAITLISTED = "waitlisted", pgettext_lazy("competition application", "Waiting list")
    REJECTED = "rejected", pgettext_lazy("competition application", "Rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("competition application", "Withdrawn")


S = ApplicationStatus
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ELIGIBLE, S.INELIGIBLE, S.WITHDRAWN},
    S.ELIGIBLE: {S.ADMITTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.WAITLISTED: {S.ADMITTED, S.REJECTED, S.WITHDRAWN},
    S.ADMITTED: {S.WITHDRAWN},
    S.INELIGIBLE: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}


class Method(models.TextChoices):
    CORRECTED_MEAN = "corrected-mean", _("Corrected mean (Chopin 2025)")
    TRIMMED_MEAN = "trimmed-mean", _("Trimmed mean")
    MEAN = "mean", _("Plain mean")


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SCORING = "scoring", _("Scoring")
    CLOSED = "closed", pgettext_lazy("round", "Closed")
    CONFIRMED = "confirmed", _("Results confirmed")


class DocumentKind(models.TextChoices):
    PHOTO = "photo", pgettext_lazy("application document", "Photo")
    CV = "cv", _("CV")
    IDENTITY = "identity", _("Identity document")


class PrizeStatus(models.TextChoices):
    OPEN = "open", _("Vote open")
    ACCEPTED = "accepted", _("Accepted by the jury")
    REJECTED = "rejected", _("Not accepted")
