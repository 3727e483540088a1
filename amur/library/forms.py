# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.utils.translation import gettext_lazy as _

from amur.core.i18n import localised_text
from amur.library.enums import HoldingStatus


class HoldingForm(forms.Form):
    library = forms.ModelChoiceField(label=_("Library"), queryset=None, empty_label=None)
    call_number = forms.CharField(label=_("Call number"), max_length=100, required=False)
    barcode = forms.CharField(label=_("Barcode"), max_length=64)
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
