# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur.library.enums import (
    LOAN_REASONS,
    ExchangeKind,
    ExchangeStatus,
    HoldingStatus,
    JobStatus,
    PatronRequestStatus,
    SourceFormat,
)


class LibrarySettings(models.Model):
    """An organisation that takes part in the union catalogue."""

    organisation = models.OneToOneField(
        "directory.Organisation", on_delete=models.CASCADE, related_name="library"
    )
    code = models.CharField(_("ISIL or local code"), max_length=40, unique=True)
    ill_policy = models.TextField(_("inter-library loan policy"), blank=True)
    shipping_address = models.TextField(_("shipping address"), blank=True)

    class Meta:
        verbose_name = _("member library")
        verbose_name_plural = _("member libraries")

    def __str__(self) -> str:
        return self.code

    def owning_organisation_id(self) -> int:
        return self.organisation_id


class Record(models.Model):
    """A bibliographic record as one library catalogued it; the original MARC is kept."""

    library = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="catalogue_records"
    )
    control_number = models.CharField(_("control number"), max_length=64)
    source_format = models.CharField(max_length=10, choices=SourceFormat.choices)
    title = models.TextField(_("title"))
    title_original = models.TextField(_("title in original script"), blank=True)
    other_title = models.TextField(_("other title information"), blank=True)
    responsibility = models.TextField(_("statement of responsibility"), blank=True)
    authors = models.JSONField(_("authors"), default=list)  # [{"name", "original", "role"}]
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    edition = models.CharField(pgettext_lazy("book", "edition"), max_length=200, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, db_index=True)
    languages = models.CharField(_("languages"), max_length=40, blank=True)
    subjects = models.JSONField(_("subjects"), default=list)
    classification = models.CharField(_("classification"), max_length=100, blank=True)
    classification_scheme = models.CharField(_("scheme"), max_length=10, blank=True)
    marcxml = models.TextField(_("original record (MARCXML)"))
    cluster_key = models.CharField(max_length=200, db_index=True)
    search_keys = models.TextField(editable=False, blank=True)
    # Ranking and facets (amur.library.marc.record_keys): the keys of the title forms and
    # of the author names alone, the exact title forms and the exact subjects, "|"-framed.
    title_keys = models.TextField(editable=False, blank=True)
    author_keys = models.TextField(editable=False, blank=True)
    title_exact = models.TextField(editable=False, blank=True)
    subject_keys = models.TextField(editable=False, blank=True)
    # The OAI-PMH datestamp: when the record last changed (amur.library.oai).
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("record")
        verbose_name_plural = _("records")
        constraints = [
            models.UniqueConstraint(
                fields=["library", "control_number"], name="record_once_per_library"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def owning_organisation_id(self) -> int:
        return self.library_id


class DeletedRecord(models.Model):
    """What OAI-PMH harvesters learn of a deleted record (deletedRecord "persistent"): its
    identifier, when it went, and the sets it was in."""

    record_id = models.PositiveBigIntegerField(unique=True)
    library_code = models.CharField(max_length=40)
    languages = models.CharField(max_length=40, blank=True)
    marc21 = models.BooleanField(default=True)  # was it disseminated as MARC 21
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["deleted_at", "record_id"]

    def __str__(self) -> str:
        return f"deleted record {self.record_id}"


class Holding(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="holdings")
    library = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="holdings"
    )
    call_number = models.CharField(_("call number"), max_length=100, blank=True)
    barcode = models.CharField(_("barcode"), max_length=64)
    status = models.CharField(
        _("status"), max_length=14, choices=HoldingStatus.choices, default=HoldingStatus.AVAILABLE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["library", "barcode"], name="barcode_once_per_library")
        ]

    def __str__(self) -> str:
        return self.barcode

    def owning_organisation_id(self) -> int:
        return self.library_id


class ImportJob(models.Model):
    """A catalogue import running in the background, with its progress and its errors."""

    library = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="imports"
    )
    filename = models.CharField(max_length=300)
    source_format = models.CharField(max_length=10, choices=SourceFormat.choices)
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"position": n, "reason": "..."}]
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    def owning_organisation_id(self) -> int:
        return self.library_id


class Authority(models.Model):
    """A name authority: the authorised form and its variants in any script
    (see-from references, like MARC 21 4XX or UNIMARC 4XX/7XX)."""

    authorised = models.CharField(_("authorised form"), max_length=300, unique=True)
    variants = models.JSONField(_("variant forms"), default=list)
    search_keys = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["authorised"]
        verbose_name = _("name authority")
        verbose_name_plural = _("name authorities")

    def __str__(self) -> str:
        return self.authorised


class SearchWord(models.Model):
    """A word of the catalogue's search keys: what a misspelt query term is corrected to
    (amur.library.selectors).  Words are added as records are keyed, never removed (a word
    no record holds any more only finds nothing)."""

    word = models.CharField(max_length=64, primary_key=True)

    def __str__(self) -> str:
        return self.word


class LoanRequest(models.Model):
    """One ILL transaction; ``rota`` lists the suppliers to try, in order."""

    requester = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="ill_requests"
    )
    supplier = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="ill_supplies"
    )
    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="loan_requests")
    rota = models.JSONField(default=list)  # organisation ids still to try after the current one
    status = models.CharField(max_length=24, default="RequestReceived")
    reason = models.CharField(max_length=40, blank=True)
    due = models.DateField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(default=0)
    received = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The requestingAgencyRequestId of a request that came in as ISO 18626 XML; ours are
    # exported as "AMUR-<pk>".
    external_id = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"ILL {self.pk}: {self.status}"

    def status_label(self) -> str:
        """The ISO 18626 status in words, in the active language."""
        from amur.library.ill import Status

        try:
            return str(Status(self.status).label)
        except ValueError:
            return self.status

    def reason_label(self) -> str:
        return str(LOAN_REASONS.get(self.reason, self.reason))


class LoanMessage(models.Model):
    """Every ISO 18626 message of a transaction, in order: the audit of the loan."""

    request = models.ForeignKey(LoanRequest, on_delete=models.CASCADE, related_name="messages")
    at = models.DateTimeField(auto_now_add=True)
    sender = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        max_length=24
    )  # "request", a Status (supplying) or an Action (requesting)
    value = models.CharField(max_length=24)
    reason = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class ExchangeOffer(models.Model):
    """A list of books a library gives away (donation) or offers for others (swap)."""

    library = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="exchange_offers"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ExchangeKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("exchange offer")
        verbose_name_plural = _("exchange offers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title_zh="", title_ru="", title_en=""),
                name="exchange_offer_has_a_title",
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.library_id


class ExchangeRequest(models.Model):
    """Another library asks for some of an offer's items; every step is dated."""

    offer = models.ForeignKey(ExchangeOffer, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="exchange_requests"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExchangeStatus.choices,
        default=ExchangeStatus.REQUESTED,
    )
    in_return = models.TextField(_("offered in return"), blank=True)
    wanted = models.ManyToManyField("OfferItem", related_name="wanted_by")
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "requester"],
                condition=models.Q(status__in=["requested", "confirmed", "shipped"]),
                name="one_open_exchange_request_per_library",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer} → {self.requester} ({self.status})"

    def owning_organisation_id(self) -> int:
        return self.requester_id


class OfferItem(models.Model):
    """One copy in an offer; ``taken_by`` is the confirmed request that gets it."""

    offer = models.ForeignKey(ExchangeOffer, on_delete=models.CASCADE, related_name="items")
    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="offer_items")
    holding = models.OneToOneField(
        Holding, on_delete=models.SET_NULL, null=True, blank=True, related_name="offer_item"
    )
    barcode = models.CharField(_("barcode"), max_length=64)  # kept after the copy has left
    taken_by = models.ForeignKey(
        ExchangeRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="taken"
    )
    received_as = models.OneToOneField(
        Holding, on_delete=models.SET_NULL, null=True, blank=True, related_name="received_from"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.barcode}: {self.record}"


class PatronRequest(models.Model):
    """A reader asks their member library for a record it does not hold; the library's
    staff turn it into an inter-library loan (``loan``) or answer why not."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_requests"
    )
    library = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="patron_requests"
    )
    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="patron_requests")
    note = models.TextField(_("note to the library"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PatronRequestStatus.choices,
        default=PatronRequestStatus.SUBMITTED,
    )
    answer = models.TextField(_("answer of the library"), blank=True)
    loan = models.OneToOneField(
        LoanRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="patron_request",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # When the reader was told by e-mail that the book is ready (once).
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reader request")
        verbose_name_plural = _("reader requests")
        constraints = [
            models.UniqueConstraint(
                fields=["reader", "record"],
                condition=models.Q(status="submitted"),
                name="one_open_patron_request_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record} ← {self.reader} ({self.status})"

    def owning_organisation_id(self) -> int:
        return self.library_id
