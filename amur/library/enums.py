# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceFormat(models.TextChoices):
    MARC21 = "marc21", _("MARC 21 (ISO 2709)")
    MARCXML = "marcxml", _("MARC 21 XML")
    UNIMARC = "unimarc", _("UNIMARC / RUSMARC / CNMARC")
    CSV = "csv", _("CSV")


class HoldingStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    ON_LOAN = "on_loan", _("On loan")
    NOT_FOR_LOAN = "not_for_loan", _("Not for loan")
    LOST = "lost", _("Lost")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
