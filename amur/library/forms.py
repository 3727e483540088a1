# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.utils.translation import gettext_lazy as _

from amur.core.collation import CollatedChoicesMixin
from amur.core.i18n import localised_text
from amur.library.enums import ExchangeKind, HoldingStatus


class HoldingForm(CollatedChoicesMixin, forms.Form):
    library = forms.ModelChoiceField(label=_("Library"), queryset=None, empty_label=None)
    call_number = forms.CharField(label=_("Call number"), max_length=100, required=False)
    # Whether a barcode is given is the service's to say (the API has no form); the
    # browser is still told that it is required.
    barcode = forms.CharField(
        label=_("Barcode"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )
    status = forms.ChoiceField(
        label=_("Availability"), choices=HoldingStatus.choices, initial=HoldingStatus.AVAILABLE
    )

    def __init__(self, *args, libraries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if libraries is None:  # editing: a copy stays in the library that has it
            del self.fields["library"]
            return
        self.fields["library"].queryset = libraries
        self.fields["library"].label_from_instance = lambda org: localised_text(org, "name")


class _ForMyLibrary(CollatedChoicesMixin, forms.Form):
    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["library"].queryset = libraries
        self.fields["library"].label_from_instance = lambda org: localised_text(org, "name")


class ExchangeOfferForm(_ForMyLibrary):
    library = forms.ModelChoiceField(label=_("Library"), queryset=None, empty_label=None)
    # The offer's values are taken as typed: services.exchange_offer_publish judges them
    # (kind, titles, lengths, copies), for the page and the API alike.
    kind = forms.CharField(
        label=_("Kind of exchange"), widget=forms.Select(choices=ExchangeKind.choices)
    )
    title_zh = forms.CharField(
        label=_("Title in Chinese"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    title_ru = forms.CharField(
        label=_("Title in Russian"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    title_en = forms.CharField(
        label=_("Title in English"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    barcodes = forms.CharField(
        label=_("Barcodes of the copies offered, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"required": True}),
    )

    def titles(self) -> dict[str, str]:
        return {lang: self.cleaned_data[f"title_{lang}"] for lang in ("zh", "ru", "en")}


class ExchangeRequestForm(_ForMyLibrary):
    library = forms.ModelChoiceField(label=_("Requesting library"), queryset=None, empty_label=None)
    # The copies as ticked: services.exchange_request_create judges them, for the page and
    # the API alike.
    items = forms.Field(
        label=_("Copies wanted"), required=False, widget=forms.CheckboxSelectMultiple
    )
    in_return = forms.CharField(
        label=_("Offered in return (for a swap)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].widget.choices = [
            (item.pk, f"{item.record.title} ({item.barcode})")
            for item in offer.items.filter(taken_by__isnull=True).select_related("record")
        ]


class CatalogueFilterForm(CollatedChoicesMixin, forms.Form):
    q = forms.CharField(label=_("Title, author, subject, ISBN or publisher"), required=False)
    language = forms.CharField(label=_("Language (code)"), required=False, max_length=3)
    library = forms.IntegerField(label=_("Library"), required=False, widget=forms.HiddenInput)
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=0)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=0)
    subject = forms.CharField(label=_("Subject"), required=False, max_length=300)
    available = forms.BooleanField(label=_("Available now"), required=False)
