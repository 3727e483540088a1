# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amur.core.enums import MailStatus, PlaceKind
from amur.core.i18n import localised_text


class Place(models.Model):
    """A country, region, city or border port from the reference data (data/places.csv)."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=PlaceKind.choices)
    country_code = models.CharField(_("country"), max_length=2)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    lat = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    lon = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    is_border = models.BooleanField(_("border or port place"), default=False)
    counterpart = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("port across the border"),
    )
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_keys = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["country_code", "kind", "name_en"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90),
                name="place_lat_range",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True) | models.Q(lon__gte=-180, lon__lte=180),
                name="place_lon_range",
            ),
        ]

    def __str__(self) -> str:
        return localised_text(self, "name")


class FieldOfExchange(models.Model):
    """One term of the shared vocabulary used by events, agreements, talents and reports."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("field of exchange")
        verbose_name_plural = _("fields of exchange")

    def __str__(self) -> str:
        return localised_text(self, "name")


class AuditEntry(models.Model):
    """Who changed what, when: written by services for every decision about people."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)
    # The network address the decision came from (see core.clients.client_address); empty
    # for background tasks and commands.
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class OutgoingMail(models.Model):
    """An e-mail waiting to be sent, already rendered in its recipient's language.

    Services write the row in their own transaction (``amur.core.mail.send_localised``), so a
    rollback leaves no mail; a background task sends it after the commit and deletes the row,
    or records the error and the time of the next try. After the last try the row stays as
    failed, for platform staff to see and send again.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    to = models.JSONField(default=list)
    from_email = models.CharField(max_length=254)
    subject = models.TextField()
    body = models.TextField()
    # [[filename, base64 content, mimetype], ...]: small files (calendar entries, tickets).
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=MailStatus.choices, default=MailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class ThrottleHit(models.Model):
    """One use of a limited operation (a sign-up, a password reset) by a client or for an
    address, both as keyed digests (``amur.core.throttle``): no address is stored."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]
        verbose_name = _("rate-limit entry")
        verbose_name_plural = _("rate-limit entries")

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.at:%Y-%m-%d %H:%M}"


class DataVersion(models.Model):
    """A counter per app, raised whenever a write to the app's tables commits: what cached
    pages and aggregates are keyed by (amur.core.versions)."""

    app = models.CharField(max_length=50, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.app} {self.version}"
