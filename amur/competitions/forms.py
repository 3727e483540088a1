# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur.competitions.enums import DocumentKind
from amur.competitions.models import clock
from amur.core.collation import CollatedChoicesMixin


class ClockField(forms.DurationField):
    """A duration typed and shown as minutes:seconds ("12:30"), as programmes print it."""

    def prepare_value(self, value):
        return clock(value) if isinstance(value, timedelta) else value


class PieceForm(CollatedChoicesMixin, forms.Form):
    composer = forms.CharField(label=_("Composer"), max_length=200, required=False)
    work = forms.CharField(
        label=pgettext_lazy("repertoire", "Work"), max_length=300, required=False
    )
    duration = ClockField(
        label=_("Duration (minutes:seconds)"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "12:30", "inputmode": "numeric"}),
    )
    # Taken as typed: services.repertoire_set judges the link (https or http, for a round by
    # video), for the page and the API alike.
    video_url = forms.CharField(
        label=_("Video link"), max_length=500, required=False, widget=forms.URLInput
    )

    def has_content(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)


PieceFormSet = forms.formset_factory(PieceForm, extra=3, max_num=20, absolute_max=20)


class DocumentForm(CollatedChoicesMixin, forms.Form):
    # services.document_upload judges the kind, for the page and the API alike.
    kind = forms.CharField(
        label=pgettext_lazy("application", "Document"),
        widget=forms.Select(choices=DocumentKind.choices),
    )
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))
