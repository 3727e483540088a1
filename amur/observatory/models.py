# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Official statistics the platform does not record itself, imported with their source.

The observatory owns no copy of other modules' records; these external series are the one
kind of data it keeps (population per division for location quotients, cultural trade,
Russian learners in schools), each value with its unit, year and source.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SeriesKind(models.TextChoices):
    POPULATION = "population", _("Population")
    CULTURAL_TRADE = "cultural_trade", _("Cultural trade")
    RUSSIAN_LEARNERS = "russian_learners", _("Russian learners in schools")


class ExternalValue(models.Model):
    series = models.CharField(_("series"), max_length=20, choices=SeriesKind.choices)
    place = models.ForeignKey(
        "core.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40)
    source = models.CharField(_("source"), max_length=300)
    imported_at = models.DateTimeField(auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["series", "year", "place__key"]
        verbose_name = _("external value")
        verbose_name_plural = _("external values")
        constraints = [
            models.UniqueConstraint(fields=["series", "place", "year"], name="one_value_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.place_id} {self.year}: {self.value} {self.unit}"
