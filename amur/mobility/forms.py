# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur.core.collation import CollatedChoicesMixin
from amur.core.enums import Language
from amur.directory.models import Organisation, Person
from amur.mobility.enums import (
    AgreementKind,
    AgreementStatus,
    CallKind,
    CefrLevel,
    CreditSystem,
    GradeScale,
)
from amur.mobility.services.agreements import MAX_COUNT, MAX_SEATS


class OfferedChoiceField(forms.ModelChoiceField):
    """Lists the rows offered (the queryset), yet takes any row of the model: which one may
    be chosen (a contact of the institution, a partner of the programme) is the service's
    rule, said in its words on the page as through the API."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.queryset.model._default_manager.get(pk=value)
        except (ValueError, TypeError, self.queryset.model.DoesNotExist):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class ComponentForm(CollatedChoicesMixin, forms.Form):
    """One course line of a learning agreement: taken at the host, recognised at home.

    The fields take what is typed as it is: ``services.la_propose`` checks every line, for
    the page and the API alike (the browser asks for the limits too)."""

    code = forms.CharField(
        label=_("Course code"), required=False, widget=forms.TextInput(attrs={"maxlength": 40})
    )
    title = forms.CharField(
        label=_("Course title"), required=False, widget=forms.TextInput(attrs={"maxlength": 200})
    )
    credits = forms.CharField(
        label=_("Credits"),
        required=False,
        widget=forms.NumberInput(attrs={"min": "0.1", "max": "9999.9", "step": "0.1"}),
    )
    scheme = forms.CharField(
        label=_("Credit scheme"),
        required=False,
        widget=forms.Select(choices=CreditSystem.choices),
    )
    recognised_as = forms.CharField(
        label=_("Recognised at home as"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )


# A line is dropped with its Delete box (a prefilled line cannot simply be emptied); an
# untouched blank line is left out.
ComponentFormSet = forms.formset_factory(ComponentForm, extra=2, min_num=1, can_delete=True)


def components_from(formset) -> list[dict]:
    return [
        {**form.cleaned_data, "credits": str(form.cleaned_data["credits"])}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class AnswerForm(CollatedChoicesMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Answer"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Approve")), ("no", _("Reject with a comment"))],
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)


class TranscriptEntryForm(CollatedChoicesMixin, forms.Form):
    """One course of a transcript of records, with the host's credits and grade.

    The fields take what is typed as it is: ``services.transcript_issue`` checks every line,
    for the page and the API alike (the browser asks for the limits too)."""

    code = forms.CharField(
        label=_("Course code"), required=False, widget=forms.TextInput(attrs={"maxlength": 40})
    )
    title = forms.CharField(
        label=_("Course title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    credits = forms.CharField(
        label=_("Credits"),
        required=False,
        widget=forms.NumberInput(attrs={"min": "0.1", "max": "9999.9", "step": "0.1"}),
    )
    scheme = forms.CharField(
        label=_("Credit scheme"), required=False, widget=forms.Select(choices=CreditSystem.choices)
    )
    grade = forms.CharField(
        label=_("Grade"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 10}),
    )
    grade_scale = forms.CharField(
        label=_("Grade scale"), required=False, widget=forms.Select(choices=GradeScale.choices)
    )


TranscriptFormSet = forms.formset_factory(TranscriptEntryForm, extra=2, min_num=1, can_delete=True)


class _IdsField(forms.TypedMultipleChoiceField):
    """Ids ticked among the choices shown; which ids may be chosen is the service's rule."""

    def valid_value(self, value) -> bool:
        return True


class RecognitionForm(CollatedChoicesMixin, forms.Form):
    recognised = _IdsField(
        label=_("Recognised courses"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recognised"].choices = [
            (line["entry"].pk, line["entry"].title) for line in lines
        ]
        self.fields["recognised"].initial = [line["entry"].pk for line in lines]


LANGUAGES_OF_INSTRUCTION = [("zh", _("Chinese")), ("ru", _("Russian")), ("en", _("English"))]


class ProgrammeCourseForm(CollatedChoicesMixin, forms.Form):
    """A course of a teaching plan, typed as given: ``services.programme_course_add`` checks
    every value, for the page and the API alike (the browser asks for the limits too)."""

    code = forms.CharField(
        label=_("Course code"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    semester = forms.IntegerField(
        label=_("Semester"), widget=forms.NumberInput(attrs={"min": 1, "max": 12})
    )
    hours = forms.IntegerField(
        label=_("Hours"), widget=forms.NumberInput(attrs={"min": 1, "max": 2000})
    )
    language = forms.CharField(
        label=_("Language of instruction"),
        widget=forms.Select(choices=LANGUAGES_OF_INSTRUCTION),
    )
    teacher = OfferedChoiceField(label=_("Taught by"), queryset=None)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = programme.partners.all()


class EnrolmentForm(CollatedChoicesMixin, forms.Form):
    name = forms.CharField(label=_("Name in native script"), max_length=200)
    name_latin = forms.CharField(label=_("Name in Latin letters"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"))
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None)
    home = OfferedChoiceField(label=_("Enrolled through"), queryset=None)

    def __init__(self, *args, programme, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = programme.cohorts.all()
        self.fields["home"].queryset = homes


# Agreements and their conditions -----------------------------------------------------------


class AgreementForm(CollatedChoicesMixin, forms.Form):
    """Shape of an agreement; the rules (owner among the partners, dates, kinds) are the
    service's, said in its words on the page as through the API."""

    owner = OfferedChoiceField(label=_("Managed by"), queryset=None)
    kind = forms.CharField(
        label=pgettext_lazy("mobility", "Kind"), widget=forms.Select(choices=AgreementKind.choices)
    )
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    partners = forms.ModelMultipleChoiceField(label=_("Partners"), queryset=None, required=False)
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False)
    auto_renewal = forms.BooleanField(label=_("Renews automatically"), required=False)
    status = forms.CharField(
        label=pgettext_lazy("agreement", "Status"),
        widget=forms.Select(choices=AgreementStatus.choices),
    )
    isced_codes = forms.CharField(
        label=_("ISCED-F codes"),
        max_length=100,
        required=False,
        help_text=_("Separated by spaces, e.g. 0215 0114"),
    )
    signatories = forms.CharField(label=_("Signatories"), required=False, widget=forms.Textarea)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["partners"].queryset = Organisation.objects.order_by("name_en", "id")


def _count(**kwargs):
    """A number of people, months or days: the service holds it to 0-999."""
    return forms.IntegerField(
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_COUNT}), initial=0, **kwargs
    )


class ConditionForm(CollatedChoicesMixin, forms.Form):
    """A cooperation condition, typed as given: ``services.condition_save`` checks every
    value, for the page and the API alike (the browser asks for the limits too)."""

    sending = OfferedChoiceField(label=_("Sending"), queryset=None)
    receiving = OfferedChoiceField(label=_("Receiving"), queryset=None)
    academic_year = forms.CharField(
        label=_("Academic year"),
        widget=forms.TextInput(attrs={"maxlength": 9}),
        help_text=_("e.g. 2025/2026"),
    )
    students = _count(label=_("Students"))
    student_months = _count(label=_("Months per student"))
    staff = _count(label=pgettext_lazy("mobility", "Staff"))
    staff_days = _count(label=_("Days per staff member"))
    # Optional (blank is none), so that a client posting only the older counts still works.
    trainees = _count(
        label=_("Trainees"), required=False, help_text=_("Students sent for traineeships")
    )
    trainee_months = _count(label=_("Months per trainee"), required=False)
    training_staff = _count(label=_("Staff for training"), required=False)
    training_days = _count(label=_("Days per staff member for training"), required=False)
    language = forms.CharField(label=_("Language"), max_length=8, required=False)
    language_level = forms.CharField(label=_("Language level"), max_length=10, required=False)
    isced_code = forms.CharField(
        label=_("ISCED-F code"), required=False, widget=forms.TextInput(attrs={"maxlength": 4})
    )
    eqf_level = forms.IntegerField(
        label=_("EQF level"), required=False, widget=forms.NumberInput(attrs={"min": 1, "max": 8})
    )
    blended = forms.BooleanField(
        label=_("blended mobility accepted"),
        required=False,
        help_text=_(
            "The partners take students who combine a short physical stay with a "
            "virtual part (EWP's 'blended')."
        ),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sending"].queryset = agreement.partners.all()
        self.fields["receiving"].queryset = agreement.partners.all()

    def clean(self):
        data = super().clean()
        for name in ("trainees", "trainee_months", "training_staff", "training_days"):
            if data.get(name) is None:
                data[name] = 0
        return data


class MobilityEwpForm(CollatedChoicesMixin, forms.Form):
    """What EWP needs of a stay, typed as given: ``services.mobility_ewp_data_save`` checks
    every value, for the page and the API alike (the browser asks for the limits too)."""

    eqf_level = forms.IntegerField(
        label=_("Study level (EQF)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": 8}),
        help_text=_("6 bachelor, 7 master, 8 doctorate, 5 short-cycle vocational"),
    )
    isced_code = forms.CharField(
        label=_("Field of study (ISCED-F)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 4}),
        help_text=_("e.g. 0215"),
    )
    language = forms.CharField(
        label=_("Language of the stay"),
        max_length=8,
        required=False,
        help_text=_("e.g. ru, zh, en"),
    )
    language_level = forms.CharField(
        label=_("Student's level in that language (CEFR)"),
        required=False,
        widget=forms.Select(choices=[("", "—"), *CefrLevel.choices]),
    )
    sending_contact = OfferedChoiceField(
        label=_("Contact person at the sending institution"), queryset=None, required=False
    )
    receiving_contact = OfferedChoiceField(
        label=_("Contact person at the receiving institution"), queryset=None, required=False
    )
    blended = forms.BooleanField(
        label=_("Blended (with a compulsory virtual part)"),
        required=False,
        help_text=_("For short programmes, summer schools and study tours."),
    )

    def __init__(self, *args, mobility, **kwargs):
        super().__init__(*args, **kwargs)
        for name, organisation in (
            ("sending_contact", mobility.sending_id),
            ("receiving_contact", mobility.receiving_id),
        ):
            self.fields[name].queryset = (
                Person.objects.filter(affiliations__organisation=organisation)
                .exclude(email="")
                .distinct()
                .order_by("name_latin", "name", "id")
            )


def form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


class AgreementDocumentForm(CollatedChoicesMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("Signed text (PDF, at most 20 MB)"))


class CallForm(CollatedChoicesMixin, forms.Form):
    """A call, typed as given: ``services.call_save`` checks every value, for the page and
    the API alike (the browser asks for the limits too)."""

    sending = OfferedChoiceField(label=_("Sending office"), queryset=None)
    host = OfferedChoiceField(label=pgettext_lazy("mobility", "Host"), queryset=None)
    kind = forms.CharField(
        label=pgettext_lazy("mobility", "Kind"), widget=forms.Select(choices=CallKind.choices)
    )
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    seats = forms.IntegerField(
        label=pgettext_lazy("places", "Seats"),
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_SEATS}),
    )
    deadline = forms.DateTimeField(label=_("Deadline"))
    min_language = forms.CharField(
        label=_("Minimum language level"),
        max_length=20,
        required=False,
        help_text=_("e.g. HSK 4, TORFL B1, CEFR B2"),
    )
    eqf_level = forms.IntegerField(
        label=_("Study level (EQF)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 1, "max": 8}),
        help_text=_("6 bachelor, 7 master, 8 doctorate, 5 short-cycle vocational"),
    )
    isced_code = forms.CharField(
        label=_("Field of study (ISCED-F)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 4}),
    )
    blended = forms.BooleanField(
        label=_("blended mobility"),
        required=False,
        help_text=_("A short physical stay combined with a virtual part."),
    )
    weight_grades = forms.DecimalField(label=_("Weight of grades"), decimal_places=2, initial="0.5")
    weight_language = forms.DecimalField(
        label=_("Weight of the language level"),
        decimal_places=2,
        initial="0.3",
    )
    weight_interview = forms.DecimalField(
        label=_("Weight of the interview"),
        decimal_places=2,
        initial="0.2",
    )

    def __init__(self, *args, agreement, senders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sending"].queryset = senders
        self.fields["host"].queryset = agreement.partners.all()
