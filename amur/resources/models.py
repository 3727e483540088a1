# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shared teaching resources and the termbase.

A :class:`Resource` is one work (a course pack, a syllabus …) owned by an organisation; it is
classified the LRMI/Dublin Core way and carries a licence and an audience. Its language
versions (:class:`ResourceVersion`) are translations of one another, each saying from which
version and by whom; every version changes over time as :class:`Revision` rows (a file or a
link, with what changed). The termbase is :class:`Concept` with its :class:`Term` rows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur.core.enums import Language
from amur.resources.enums import (
    Audience,
    ConceptStatus,
    LevelCN,
    LevelRU,
    Licence,
    PartOfSpeech,
    ProposalStatus,
    ResourceKind,
    ResourceStatus,
    TermStatus,
    VersionStatus,
)


class Resource(models.Model):
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("resource type"), max_length=20, choices=ResourceKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices
    )
    # Classification (LRMI / Dublin Core): subject, level, audience, time.
    field = models.ForeignKey(
        "core.FieldOfExchange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of exchange"),
    )
    isced_code = models.CharField(_("ISCED-F code"), max_length=4, blank=True)
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), null=True, blank=True)
    level_cn = models.CharField(_("Chinese level"), max_length=20, blank=True)
    level_ru = models.CharField(_("Russian level"), max_length=20, blank=True)
    # "|"-framed LRMI educational roles and the languages of the published versions, so
    # that a facet is one substring test on either database (as the library's subjects).
    roles = models.CharField(_("intended audience"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=20, blank=True, editable=False)
    learning_minutes = models.PositiveIntegerField(
        _("learning time (minutes)"), null=True, blank=True
    )
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    # Licence and access.
    licence = models.CharField(_("licence"), max_length=24, choices=Licence.choices)
    licence_terms = models.TextField(_("the owner's terms"), blank=True)
    attribution = models.CharField(_("attribution"), max_length=500, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.OWNER
    )
    alliance = models.ForeignKey(
        "alliances.Alliance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("alliance"),
    )
    partners = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="resources_shared_with",
        verbose_name=_("partner organisations"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ResourceStatus.choices, default=ResourceStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # When the resource was first public and published, and so offered to OAI-PMH
    # harvesters: once set, a resource that is no longer public is announced as deleted.
    offered_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_keys = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=Q(eqf_level__isnull=True) | Q(eqf_level__gte=1, eqf_level__lte=8),
                name="resource_eqf_range",
                # The service's own words, for a form that validates the model first.
                violation_error_message=_("An EQF level is between 1 and 8."),
            ),
            models.CheckConstraint(
                condition=~Q(audience=Audience.ALLIANCE) | Q(alliance__isnull=False),
                name="resource_alliance_audience_names_alliance",
                violation_error_message=_("Name the alliance whose members may use the resource."),
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.organisation_id

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split("|") if r]

    @property
    def level_cn_label(self) -> str:
        return LevelCN(self.level_cn).label if self.level_cn in LevelCN.values else ""

    @property
    def level_ru_label(self) -> str:
        return LevelRU(self.level_ru).label if self.level_ru in LevelRU.values else ""

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split("|") if code]


class ResourceVersion(models.Model):
    """The work in one language; a translation names the version it was made from."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    translated_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translated from"),
    )
    translator = models.CharField(_("translator"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["resource", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="one_version_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"

    def owning_organisation_id(self) -> int:
        return self.resource.organisation_id


def _revision_path(revision: "Revision", filename: str) -> str:
    # Our own name: the uploader's file name never reaches the disk.
    return f"resources/{revision.version.resource_id}/{secrets.token_hex(10)}.{revision.extension}"


class Revision(models.Model):
    """One state of a language version over time: a file or a link, and what changed."""

    version = models.ForeignKey(ResourceVersion, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    note = models.TextField(_("what changed"), blank=True)
    file = models.FileField(upload_to=_revision_path, max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    extension = models.CharField(max_length=8, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="revision_number_once"),
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="revision_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} r{self.number}"

    def owning_organisation_id(self) -> int:
        return self.version.resource.organisation_id

    @property
    def previewable(self) -> bool:
        return self.content_type in ("application/pdf", "image/png", "image/jpeg")


class Adoption(models.Model):
    """An organisation uses a shared resource in its own teaching."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="resource_adoptions"
    )
    note = models.TextField(_("how it is used"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "organisation"], name="adopted_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ← {self.resource}"

    def owning_organisation_id(self) -> int:
        return self.organisation_id


class Rating(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField(_("stars"))
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="rated_once_per_user"),
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="stars_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.resource}: {self.stars}"


class TranslationProposal(models.Model):
    """A member asks for the resource in a language it lacks; it becomes a translation
    task and, after review, a published version."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="proposals")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    source = models.ForeignKey(
        ResourceVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("translate from"),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="resource_proposals",
        verbose_name=_("proposed by"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    # The talent module's translation task the proposal became.
    task = models.ForeignKey(
        "talent.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translation task"),
    )
    version = models.ForeignKey(
        ResourceVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"],
                condition=~Q(status__in=[ProposalStatus.DECLINED, ProposalStatus.PUBLISHED]),
                name="one_open_proposal_per_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} → {self.language}"

    def owning_organisation_id(self) -> int:
        return self.resource.organisation_id


class Concept(models.Model):
    """One concept of the termbase with its terms in Chinese, Russian and English."""

    entry_id = models.CharField(_("entry identifier"), max_length=64, unique=True)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="concepts",
        verbose_name=_("contributed by"),
    )
    field = models.ForeignKey(
        "core.FieldOfExchange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of exchange"),
    )
    definition_zh = models.TextField(_("definition (Chinese)"), blank=True)
    definition_ru = models.TextField(_("definition (Russian)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ConceptStatus.choices, default=ConceptStatus.PROPOSED
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approving expert"),
    )
    # The expert's name as shown and exchanged in TBX (an imported approval names a person
    # who may have no account here).
    expert = models.CharField(_("approving expert"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_keys = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["entry_id"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ConceptStatus.APPROVED) | ~Q(expert=""),
                name="approved_concept_names_expert",
            )
        ]

    def __str__(self) -> str:
        return self.entry_id

    def owning_organisation_id(self) -> int:
        return self.organisation_id


class Term(models.Model):
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="terms")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.CharField(_("term"), max_length=300)
    part_of_speech = models.CharField(
        _("part of speech"), max_length=12, choices=PartOfSpeech.choices, blank=True
    )
    administrative_status = models.CharField(
        _("term status"), max_length=26, choices=TermStatus.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["concept", "language", "position", "id"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["concept", "language", "text"], name="term_once")
        ]

    def __str__(self) -> str:
        return self.text
