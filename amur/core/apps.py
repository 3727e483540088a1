# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "amur.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from amur.core import checks  # noqa: F401 - registers the system checks
        from amur.core.versions import watch_connection

        connection_created.connect(watch_connection)
        for connection in connections.all(initialized_only=True):
            watch_connection(None, connection)
