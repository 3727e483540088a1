# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from amur.directory.enums import OrganisationKind, Script, Sector


class Organisation(models.Model):
    slug = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable short key used by imports and demo data, e.g. harbin-conservatory."),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    place = models.ForeignKey(
        "core.Place",
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("place"),
    )
    website = models.URLField(_("website"), blank=True)
    schac_code = models.CharField(
        _("SCHAC code"), max_length=100, blank=True,
        validators=[RegexValidator(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$",
                                   _("A SCHAC code is a lower-case domain name, e.g. uw.edu.pl."))],
        help_text=_("the institution's identifier in the Erasmus Without Paper network"),
    )  # fmt: skip
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address_zh = models.CharField(_("address (Chinese)"), max_length=300, blank=True)
    address_ru = models.CharField(_("address (Russian)"), max_length=300, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    fields = models.ManyToManyField(
        "core.FieldOfExchange", blank=True, related_name="organisations", verbose_name=_("fields")
    )
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_en", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_zh="", name_ru="", name_en=""),
                name="organisation_has_a_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh

    @property
    def is_official(self) -> bool:
        return self.sector in Sector.official()


class Person(models.Model):
    """A person of the cooperation; public only when they agreed to be listed."""

    name = models.CharField(_("name in native script"), max_length=200)
    script = models.CharField(_("script"), max_length=16, choices=Script.choices)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    name_zh = models.CharField(_("name in Chinese"), max_length=200, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    bio_zh = models.TextField(_("biography (Chinese)"), blank=True)
    bio_ru = models.TextField(_("biography (Russian)"), blank=True)
    bio_en = models.TextField(_("biography (English)"), blank=True)
    fields = models.ManyToManyField(
        "core.FieldOfExchange", blank=True, related_name="people", verbose_name=_("fields")
    )
    listed = models.BooleanField(
        _("agreed to be listed publicly"),
        default=False,
        help_text=_("Only people who agreed appear on public pages and in the public API."),
    )
    listed_since = models.DateTimeField(null=True, blank=True)
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_latin", "name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        if self.name_latin and self.name_latin != self.name:
            return f"{self.name} ({self.name_latin})"
        return self.name


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    role_zh = models.CharField(_("role (Chinese)"), max_length=200, blank=True)
    role_ru = models.CharField(_("role (Russian)"), max_length=200, blank=True)
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["person", "-start"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="affiliation_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.organisation}"
