# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _

from amur.core import permissions


class Role(models.TextChoices):
    ADMIN = permissions.ADMIN, _("Administrator")
    EDITOR = permissions.EDITOR, _("Editor")
    MEMBER = permissions.MEMBER, _("Member")
