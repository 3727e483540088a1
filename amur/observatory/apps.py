# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoryConfig(AppConfig):
    name = "amur.observatory"
    label = "observatory"
    verbose_name = _("Observatory")

    def ready(self):
        # The observatory reads other apps' records and must not be imported by them, so
        # it learns of their changes by signal (STYLE.md's one use of signals) to retire
        # its cached boards.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from amur.observatory.summary import records_changed

        for label in (
            "events.Event",
            "events.EventOrganiser",
            "mobility.Mobility",
            "mobility.ExpertEngagement",
            "mobility.ExpertTarget",
            "library.LoanRequest",
            "library.LoanMessage",
            "library.OfferItem",
            "library.Record",
            "talent.Profile",
            "talent.Need",
            "alliances.Membership",
            "observatory.ExternalValue",
            "directory.Organisation",
            "forum.Edition",
            "forum.Track",
            "forum.Submission",
            "forum.Authorship",
            "resources.Resource",
            "resources.ResourceVersion",
            "resources.Adoption",
        ):
            post_save.connect(records_changed, sender=label, dispatch_uid=f"obs-save-{label}")
            post_delete.connect(records_changed, sender=label, dispatch_uid=f"obs-del-{label}")
        m2m_changed.connect(records_changed, dispatch_uid="obs-m2m")
