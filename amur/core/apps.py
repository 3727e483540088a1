# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "amur.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from amur.core import checks  # noqa: F401 - registers the system checks
