# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Official statistics the platform does not record itself, imported with their source, and
the yearly reports made from the board.

The observatory owns no copy of other modules' records; the external series are the one
kind of data it keeps (population per division for location quotients, cultural trade,
Russian learners in schools), each value with its unit, year and source.  A yearly report is
a rendering of the board, kept as files for download.
"""

from __future__ import annotations

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


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def _report_path(report: Report, filename: str) -> str:
    return f"observatory/reports/{report.token}/{filename}"


class Report(models.Model):
    """A yearly report (PDF in one language, XLSX with one sheet per indicator) built in the
    background and kept for download.

    A report of public records only is readable by everyone; one that includes unpublished
    records (``private``) was computed with its requester's rights and is readable only by
    them and by platform staff.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    private = models.BooleanField(_("includes unpublished records"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to=_report_path, blank=True)
    xlsx = models.FileField(upload_to=_report_path, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_is_a_percentage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.language} ({self.status})"

    @property
    def ready(self) -> bool:
        return self.status == ReportStatus.DONE
