# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    CONSERVATORY = "conservatory", _("Conservatory")
    VOCATIONAL_COLLEGE = "vocational_college", _("Vocational college")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school")
    ENTERPRISE = "enterprise", _("Enterprise")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    GOVERNMENT_BODY = "government_body", _("Government body")
    CULTURAL_INSTITUTION = "cultural_institution", _("Cultural institution")
    LIBRARY = "library", _("Library")
    MUSEUM = "museum", _("Museum")
    ASSOCIATION = "association", _("Association / NGO")
    MEDIA = "media", _("Media")


class Sector(models.TextChoices):
    """The axis of the research's first complaint: official versus folk exchange."""

    GOVERNMENT = "government", _("Government")
    PUBLIC = "public", _("Public institution")
    ENTERPRISE = "enterprise", _("Enterprise")
    FOLK = "folk", _("Non-governmental / folk")

    @classmethod
    def official(cls) -> tuple[str, str]:
        """The sectors the research calls "official"."""
        return (cls.GOVERNMENT.value, cls.PUBLIC.value)


class Script(models.TextChoices):
    HAN = "han", _("Chinese characters")
    CYRILLIC = "cyrillic", _("Cyrillic")
    LATIN = "latin", _("Latin")
