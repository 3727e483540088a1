# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.utils.translation import gettext_lazy as _

from amur.core.i18n import localised_text
from amur.forum.enums import Decision, LanguageQuality, Origin, SubmissionKind


class SubmissionForm(forms.Form):
    track = forms.ChoiceField(label=_("Track"))
    kind = forms.ChoiceField(label=_("Kind"), choices=SubmissionKind.choices)
    language = forms.ChoiceField(
        label=_("Your language"), choices=[("zh", "中文"), ("ru", "Русский")]
    )
    # Whether a title and an abstract are given is the service's to say (a draft needs a
    # title, a submission the abstract too), for the page and the API alike; the browser
    # is still told that the title is required.
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )
    abstract = forms.CharField(
        label=_("Abstract"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    keywords = forms.CharField(label=_("Keywords"), max_length=300, required=False)

    def __init__(self, *args, tracks=(), **kwargs):
        super().__init__(*args, **kwargs)
        # In the reader's language; the edition's own order of tracks, not the alphabet's.
        self.fields["track"].choices = [(t.key, localised_text(t, "title")) for t in tracks]


# The values of a version, a review and a decision are taken as typed: the services
# (version_set, review_save, decision_propose) judge them, for the page and the API alike;
# the browser asks for them too.
class VersionForm(forms.Form):
    language = forms.CharField(
        label=_("Language"),
        widget=forms.Select(choices=[("zh", "中文"), ("ru", "Русский"), ("en", "English")]),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 300, "required": True}),
    )
    abstract = forms.CharField(
        label=_("Abstract"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "required": True}),
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, widget=forms.TextInput(attrs={"maxlength": 300})
    )
    origin = forms.CharField(
        label=_("Who wrote it"),
        widget=forms.Select(choices=[c for c in Origin.choices if c[0] != "missing"]),
    )
    person = forms.IntegerField(
        label=_("Translator or checker (directory id)"), required=False, min_value=1
    )


class ReviewForm(forms.Form):
    language_quality = forms.CharField(
        label=_("Language quality of the version read"),
        widget=forms.Select(choices=LanguageQuality.choices),
    )
    comment = forms.CharField(
        label=_("Comment to the authors"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    confidential = forms.CharField(
        label=_("Comment to the committee"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        for category in categories:
            self.fields[f"score_{category.key}"] = forms.IntegerField(
                label=str(category),
                required=False,
                widget=forms.Select(choices=[("", "—")] + [(i, i) for i in range(1, 6)]),
            )


class DecisionForm(forms.Form):
    decision = forms.CharField(label=_("Decision"), widget=forms.Select(choices=Decision.choices))
    track = forms.CharField(label=_("Track (for a move)"), required=False)
    related = forms.IntegerField(
        label=_("Other submission (for a merge or a duplicate)"), required=False
    )
