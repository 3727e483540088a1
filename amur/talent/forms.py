# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the talent pages; they only collect values, the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amur.core.collation import CollatedChoicesMixin
from amur.core.enums import Language
from amur.core.models import FieldOfExchange, Place
from amur.talent import levels
from amur.talent.enums import (
    CredentialSkill,
    InterpretingMode,
    NeedKind,
    Scheme,
    TaskKind,
    Visibility,
    VolumeUnit,
)
from amur.talent.models import Profile, Skill

DATE = forms.DateInput(attrs={"type": "date"})
LEVEL_CHOICES = [(str(rank), label) for rank, label in enumerate(levels.CEFR_LABELS) if rank]


class PoolSearchForm(CollatedChoicesMixin, forms.Form):
    q = forms.CharField(label=_("Name or headline"), required=False)
    language = forms.ChoiceField(
        label=_("language"), required=False, choices=[("", "—"), *Language.choices]
    )
    min_level = forms.ChoiceField(
        label=_("at least"), required=False, choices=[("", "—"), *LEVEL_CHOICES]
    )
    skill = forms.ModelChoiceField(
        label=_("skill"), required=False, queryset=Skill.objects.order_by("key")
    )
    place = forms.ModelChoiceField(
        label=_("place"), required=False, queryset=Place.objects.order_by("key")
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "visibility",
            "headline_zh",
            "headline_ru",
            "headline_en",
            "fields",
            "skills",
            "experience_years",
            "place",
            "willing_to_travel",
            "available_from",
            "available_until",
            "max_concurrent",
        ]
        widgets = {
            "available_from": DATE,
            "available_until": DATE,
            "visibility": forms.RadioSelect(choices=Visibility.choices),
        }

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        return {
            "fields": data.pop("fields"),
            "skills": data.pop("skills"),
            **data,
        }


def _select(label, choices, **kwargs):
    """A select whose value the service judges, a missing one too (``Select a valid
    choice`` would be the form's own words, which the API never says)."""
    return forms.CharField(
        label=label, widget=forms.Select(choices=choices), required=False, **kwargs
    )


class CredentialForm(forms.Form):
    """A credential as typed: ``services.credential_add`` checks every value, for the page
    and the API alike."""

    language = _select(_("language"), Language.choices)
    scheme = _select(_("scheme"), Scheme.choices)
    level = forms.CharField(
        label=_("level"),
        widget=forms.TextInput(attrs={"maxlength": 16}),
        help_text=_("As the scheme names it: B2, 6, TORFL-2, TEU, 2 (CATTI), TFR-8, native."),
    )
    skill = _select(_("skill covered"), CredentialSkill.choices)
    mode = _select(_("interpreting mode"), InterpretingMode.choices)
    evidence = forms.CharField(label=_("evidence"), max_length=300, required=False)
    issued_on = forms.DateField(label=_("issued on"), required=False, widget=DATE)


REQUIREMENTS_HELP = _(
    "One per line: language, skill, level and “preferred” when it is not required, "
    "e.g. “ru overall B2” or “zh reading C1 preferred”."
)


def parse_requirements(text: str) -> list[dict]:
    """``ru overall B2`` / ``zh reading C1 preferred`` lines as requirement specs."""
    specs = []
    for line in (text or "").splitlines():
        words = line.split()
        if not words:
            continue
        if len(words) < 3 or words[1] not in CredentialSkill.values:
            raise forms.ValidationError(
                _("“%(line)s” is not “language skill level [preferred]”."), params={"line": line}
            )
        specs.append(
            {
                "language": words[0].lower(),
                "skill": words[1],
                "min_level": words[2],
                "required": not (len(words) > 3 and words[3].lower() == "preferred"),
            }
        )
    return specs


class _Stated(CollatedChoicesMixin, forms.Form):
    title_zh = forms.CharField(label=_("title (Chinese)"), max_length=300, required=False)
    title_ru = forms.CharField(label=_("title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=300, required=False)
    field = forms.ModelChoiceField(
        label=_("field"), required=False, queryset=FieldOfExchange.objects.all()
    )
    place = forms.ModelChoiceField(
        label=_("place"), required=False, queryset=Place.objects.order_by("key")
    )
    start = forms.DateField(label=_("from"), required=False, widget=DATE)
    end = forms.DateField(label=_("until"), required=False, widget=DATE)
    requirements = forms.CharField(
        label=_("language requirements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REQUIREMENTS_HELP,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "organisation": forms.ModelChoiceField(label=_("organisation"), queryset=organisations),
            **self.fields,
        }
        self.collate_choices()

    def clean_requirements(self):
        return parse_requirements(self.cleaned_data["requirements"])


class NeedForm(_Stated):
    kind = forms.ChoiceField(label=_("kind"), choices=NeedKind.choices)
    description_zh = forms.CharField(
        label=_("description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_ru = forms.CharField(
        label=_("description (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    headcount = forms.IntegerField(label=_("headcount wanted"), min_value=1, initial=1)
    in_post = forms.IntegerField(label=_("already in post"), min_value=0, initial=0)
    remote = forms.BooleanField(label=_("remote"), required=False)
    required_skills = forms.ModelMultipleChoiceField(
        label=_("required skills"), required=False, queryset=Skill.objects.all()
    )
    preferred_skills = forms.ModelMultipleChoiceField(
        label=_("preferred skills"), required=False, queryset=Skill.objects.all()
    )


class TaskForm(_Stated):
    """A task as typed: ``services.task_create`` checks every value, for the page and the
    API alike."""

    kind = _select(_("kind"), TaskKind.choices)
    source_language = _select(_("from language"), Language.choices)
    target_language = _select(_("into language"), Language.choices)
    volume = forms.IntegerField(
        label=_("volume"), required=False, widget=forms.NumberInput(attrs={"min": 1})
    )
    volume_unit = _select(_("volume counted in"), VolumeUnit.choices)
    online = forms.BooleanField(label=_("online"), required=False)
    confidential = forms.BooleanField(label=_("confidential"), required=False)


class OfferForm(forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label=_("reason for exceeding the rotation cap"), required=False
    )


class DeliverForm(forms.Form):
    text = forms.CharField(
        label=_("translation"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class RateForm(forms.Form):
    # The select offers 1 to 5; services.task_rate refuses any other number, for the page
    # and the API alike.
    score = forms.IntegerField(
        label=_("score (1–5)"),
        widget=forms.Select(choices=[(n, n) for n in range(5, 0, -1)]),
    )
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclarationForm(forms.Form):
    text = forms.CharField(
        label=_("declared interests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Any tie to the organisation or its people; leave empty if none."),
    )


class ReviewerForm(forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    text = forms.CharField(
        label=_("translation"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    note = forms.CharField(label=_("note to the translator"), required=False)


class TrainingForm(CollatedChoicesMixin, forms.Form):
    title_zh = forms.CharField(label=_("title (Chinese)"), max_length=300, required=False)
    title_ru = forms.CharField(label=_("title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=300, required=False)
    summary_zh = forms.CharField(
        label=_("summary (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary_ru = forms.CharField(
        label=_("summary (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary_en = forms.CharField(
        label=_("summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    language = _select(_("language taught"), Language.choices)
    entry_level = forms.TypedChoiceField(
        label=_("entry level (CEFR scale)"),
        coerce=int,
        choices=[(0, "—"), *LEVEL_CHOICES],
        initial=0,
    )
    skill = forms.ModelChoiceField(
        label=_("professional skill"), required=False, queryset=Skill.objects.all()
    )
    award_scheme = _select(_("credential awarded: scheme"), Scheme.choices)
    award_level = forms.CharField(
        label=_("credential awarded: level"), widget=forms.TextInput(attrs={"maxlength": 16})
    )
    award_skill = _select(_("credential awarded: skill"), CredentialSkill.choices)
    start = forms.DateTimeField(
        label=_("from"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    end = forms.DateTimeField(
        label=_("until"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    seats = forms.IntegerField(
        label=_("seats"), required=False, widget=forms.NumberInput(attrs={"min": 1})
    )
    place = forms.ModelChoiceField(
        label=_("place"), required=False, queryset=Place.objects.order_by("key")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "organisation": forms.ModelChoiceField(label=_("organisation"), queryset=organisations),
            **self.fields,
        }
        self.collate_choices()
