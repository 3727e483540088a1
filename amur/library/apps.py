# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "amur.library"
    label = "library"
    verbose_name = _("Library")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from amur.library import oai
        from amur.library.models import Record

        # However a record goes (a service, the admin, a library leaving), harvesters learn.
        post_delete.connect(oai.record_deleted, sender=Record, dispatch_uid="library-oai-deleted")
