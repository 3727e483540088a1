# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forms of the secretariat's pages: votes, candidates, tellers, tallies, dues."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from amur.alliances.enums import MembershipStatus
from amur.alliances.models import Alliance, Position, Vote
from amur.alliances.selectors import active_members, teller_candidates
from amur.core.collation import CollatedChoicesMixin
from amur.directory.models import Organisation, Person


class VoteForm(CollatedChoicesMixin, forms.ModelForm):
    class Meta:
        model = Vote
        fields = [
            "kind",
            "title_zh",
            "title_ru",
            "title_en",
            "electorate",
            "body",
            "quorum",
            "majority",
            "abstentions_count",
            "seats",
            "in_person",
            "position",
            "term_end",
            "membership",
        ]
        widgets = {"term_end": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = alliance.bodies.all()
        self.fields["position"].queryset = Position.objects.filter(body__alliance=alliance)
        self.fields["membership"].queryset = alliance.memberships.filter(
            status=MembershipStatus.VOTING
        ).select_related("organisation")
        self.fields["membership"].label = _("application to decide")
        self.fields["majority"].initial = "simple"


def _offer(field, offered, *, accepted) -> None:
    """The select lists ``offered``; any of ``accepted`` passes the form, so that the
    service, the one gate for the page and the API, says why another is refused."""
    field.queryset = offered
    listed = field.widget.choices  # an iterator over ``offered``, in the collated order
    field.queryset = accepted
    field.widget.choices = listed


class CandidateForm(CollatedChoicesMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Candidate"), queryset=Person.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Represents"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name")
        _offer(
            self.fields["organisation"],
            Organisation.objects.filter(
                pk__in=active_members(alliance).values("organisation")
            ).order_by("name_en"),
            accepted=Organisation.objects.all(),
        )


class TellersForm(CollatedChoicesMixin, forms.Form):
    tellers = forms.ModelMultipleChoiceField(
        label=_("Tellers"),
        queryset=get_user_model().objects.none(),
        help_text=_("At least three: one enters the tally, two others confirm it."),
    )

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        _offer(
            self.fields["tellers"],
            teller_candidates(alliance),
            accepted=get_user_model().objects.all(),
        )


class TallyForm(CollatedChoicesMixin, forms.Form):
    # The browser asks for numbers of at least 0; the service refuses a negative one.
    participants = forms.IntegerField(
        label=_("Voters present and voting"), widget=forms.NumberInput(attrs={"min": 0})
    )
    abstain = forms.IntegerField(
        label=_("Abstentions"), initial=0, widget=forms.NumberInput(attrs={"min": 0})
    )

    def __init__(self, *args, vote: Vote, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_fields = []
        for option in vote.options.all():
            name = f"option_{option.key}"
            self.fields[name] = forms.IntegerField(
                label=str(option), initial=0, widget=forms.NumberInput(attrs={"min": 0})
            )
            self.option_fields.append((name, option.key))

    def counts(self) -> dict[str, int]:
        counts = {key: self.cleaned_data[name] for name, key in self.option_fields}
        counts["abstain"] = self.cleaned_data["abstain"]
        return counts


class DuesForm(CollatedChoicesMixin, forms.Form):
    year = forms.IntegerField(
        label=_("Year"), min_value=1990, max_value=2100, initial=lambda: date.today().year
    )
    amount = forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="CNY")
