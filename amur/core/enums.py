# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGION = "region", _("Region")
    CITY = "city", _("City")
    PORT = "port", _("Border port")


class Language(models.TextChoices):
    """Languages of user content: the suffixes of per-language columns."""

    ZH = "zh", _("Chinese")
    RU = "ru", _("Russian")
    EN = "en", _("English")


class MailStatus(models.TextChoices):
    """Where a queued e-mail stands: waiting for its (next) try, or given up on."""

    PENDING = "pending", _("Waiting to be sent")
    FAILED = "failed", _("Failed")
