# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reusable reads of the mobility app: what a user may see."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from amur.core.permissions import MEMBER, organisations_where
from amur.mobility.models import (
    Agreement,
    AgreementDocument,
    Application,
    ApplicationDocument,
    Call,
    Cohort,
    Condition,
    JointProgramme,
    LearningAgreementVersion,
    Mobility,
)


def mobilities_visible_to(user) -> QuerySet[Mobility]:
    """Staff see all stays; a student their own; an office the stays it sends or receives."""
    qs = Mobility.objects.select_related("person", "sending", "receiving")
    if getattr(user, "is_staff", False):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    mine = organisations_where(user, MEMBER)
    return qs.filter(Q(person__user=user) | Q(sending_id__in=mine) | Q(receiving_id__in=mine))


def mobility_get_for(user, *, pk: int) -> Mobility:
    """One stay the user may see; any other is a 404, so its existence stays hidden."""
    return get_object_or_404(mobilities_visible_to(user), pk=pk)


def la_version_get_for(user, *, pk: int) -> LearningAgreementVersion:
    """A version of a learning agreement, seen by whoever sees its stay (404 otherwise);
    the stay is ``version.mobility``, loaded with the version."""
    return get_object_or_404(
        LearningAgreementVersion.objects.select_related(
            "mobility__person", "mobility__sending", "mobility__receiving"
        ).filter(mobility__in=mobilities_visible_to(user)),
        pk=pk,
    )


def _found(qs: QuerySet, **lookup):
    found = qs.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


# Calls and programmes are public, and agreements once signed (as on the index, the
# organisation's page and in the EWP export); what a user may do to them is asked of
# ``rules.py`` after the lookup, so visible-but-not-allowed stays a 403.  An application and
# its documents are addressed by the call's offices and the applicant; the others are
# refused (403) by ``mobility.view_application`` once found.


def agreements_visible_to(user) -> QuerySet[Agreement]:
    """Agreements once signed are public; a draft under negotiation is seen by the members
    of its partners (and platform staff) only."""
    from amur.mobility.enums import AgreementStatus

    qs = Agreement.objects.all()
    if getattr(user, "is_staff", False):
        return qs
    signed = ~Q(status=AgreementStatus.DRAFT)
    if not getattr(user, "is_authenticated", False):
        return qs.filter(signed)
    return qs.filter(
        signed
        | Q(
            pk__in=Agreement.partners.through.objects.filter(
                organisation_id__in=organisations_where(user, MEMBER)
            ).values("agreement_id")
        )
    )


def agreement_get_for(user, *, pk: int) -> Agreement:
    """An agreement the user may see (a draft: its partners' members), with its owner;
    404 otherwise."""
    return _found(agreements_visible_to(user).select_related("owner"), pk=pk)


def condition_get_for(user, *, pk: int) -> Condition:
    """A cooperation condition of an agreement the user may see, with its agreement; 404
    otherwise."""
    return _found(
        Condition.objects.select_related("agreement").filter(
            agreement__in=agreements_visible_to(user)
        ),
        pk=pk,
    )


def agreement_document_get_for(
    user, *, pk: int, agreement: Agreement | None = None
) -> AgreementDocument:
    """A signed text, with its agreement (of ``agreement`` when given); reading it is
    ``mobility.view_agreement_document``."""
    qs = AgreementDocument.objects.select_related("agreement").filter(
        agreement__in=agreements_visible_to(user)
    )
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return _found(qs, pk=pk)


def call_get_for(user, *, pk: int) -> Call:
    """A call, with its agreement and both offices; 404 when there is none."""
    return _found(Call.objects.select_related("agreement", "sending", "host"), pk=pk)


def application_get_for(user, *, pk: int) -> Application:
    """An application, with its call; reading or acting on it is
    ``mobility.view_application`` (the applicant and the call's offices)."""
    return _found(Application.objects.select_related("call"), pk=pk)


def application_document_get_for(user, *, pk: int) -> ApplicationDocument:
    """A document of an application, with the application and its call."""
    return _found(ApplicationDocument.objects.select_related("application__call"), pk=pk)


def programme_get_for(user, *, pk: int) -> JointProgramme:
    """A joint programme, with its owner and field; 404 when there is none."""
    return _found(JointProgramme.objects.select_related("owner", "field"), pk=pk)


def cohort_get_for(user, *, pk: int) -> Cohort:
    """A cohort, with its programme; 404 when there is none."""
    return _found(Cohort.objects.select_related("programme"), pk=pk)


# Reports: flows between China and Russia, seats used against agreed, expiring agreements.
# Counts only, no names: these figures are public and feed the observatory.

STAFF_KINDS = ("staff_teaching", "teacher_training")
DIRECTIONS = {("CN", "RU"): "CN→RU", ("RU", "CN"): "RU→CN"}


def _direction(mobility) -> str | None:
    sending = mobility.sending.place.country_code if mobility.sending.place_id else ""
    receiving = mobility.receiving.place.country_code if mobility.receiving.place_id else ""
    return DIRECTIONS.get((sending, receiving))


def academic_year_of(day: date) -> str:
    """``2025/2026`` for any day from 1 September 2025 to 31 August 2026."""
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}/{first + 1}"


def flows(*, year: int | None = None) -> list[dict]:
    """Mobilities between China and Russia, one row per year, direction, kind, field, sending
    and receiving organisation, with the number of people; both directions so that
    reciprocity can be read off."""
    qs = Mobility.objects.select_related("sending__place", "receiving__place", "field").order_by(
        "start", "id"
    )
    if year is not None:
        qs = qs.filter(start__year=year)
    counter: Counter = Counter()
    for mobility in qs:
        direction = _direction(mobility)
        if direction is None:
            continue
        counter[
            (
                mobility.start.year,
                direction,
                mobility.kind,
                mobility.field.key if mobility.field_id else "",
                mobility.sending.slug,
                mobility.receiving.slug,
            )
        ] += 1
    keys = ("year", "direction", "kind", "field", "sending", "receiving")
    return [
        {**dict(zip(keys, key, strict=True)), "people": n} for key, n in sorted(counter.items())
    ]


def flows_by_year(rows: list[dict]) -> list[dict]:
    """Per year: people each way and the balance (China→Russia minus Russia→China)."""
    years: dict[int, dict] = {}
    for row in rows:
        entry = years.setdefault(row["year"], {"year": row["year"], "CN→RU": 0, "RU→CN": 0})
        entry[row["direction"]] += row["people"]
    for entry in years.values():
        entry["balance"] = entry["CN→RU"] - entry["RU→CN"]
    return [years[y] for y in sorted(years)]


def seats(*, academic_year: str | None = None) -> list[dict]:
    """For every condition of every agreement: seats agreed and used, students and staff.

    A seat is used by a mobility under that agreement, in that direction, starting in that
    academic year; teaching visits and teacher training count as staff. Students agreed
    include trainees, staff include staff for training (as the mobilities counted do).
    """
    conditions = Condition.objects.select_related("agreement", "sending", "receiving").order_by(
        "agreement_id", "academic_year", "sending_id"
    )
    if academic_year:
        conditions = conditions.filter(academic_year=academic_year)
    used: Counter = Counter()
    for m in Mobility.objects.filter(agreement__isnull=False).only(
        "agreement_id", "sending_id", "receiving_id", "start", "kind"
    ):
        staff = m.kind in STAFF_KINDS
        used[(m.agreement_id, m.sending_id, m.receiving_id, academic_year_of(m.start), staff)] += 1
    rows = []
    for c in conditions:
        key = (c.agreement_id, c.sending_id, c.receiving_id, c.academic_year)
        rows.append(
            {
                "agreement": c.agreement,
                "sending": c.sending,
                "receiving": c.receiving,
                "academic_year": c.academic_year,
                "students_agreed": c.students + c.trainees,
                "students_used": used[(*key, False)],
                "staff_agreed": c.staff + c.training_staff,
                "staff_used": used[(*key, True)],
            }
        )
    return rows


def agreements_expiring(*, within_days: int = 180, today: date | None = None):
    """Signed or active agreements whose validity ends within ``within_days`` days."""
    today = today or timezone.localdate()
    return (
        Agreement.objects.filter(
            status__in=["signed", "active"],
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=within_days),
        )
        .select_related("owner")
        .prefetch_related("partners", "reminders")
        .order_by("valid_until", "id")
    )


def organisation_agreements(organisation, user) -> dict:
    """An organisation's agreements and partners on one page (drafts only for the partners'
    members); each partner with its place and how many (active) agreements link the two."""
    from amur.mobility.enums import AgreementStatus

    agreements = list(
        agreements_visible_to(user)
        .filter(partners=organisation)
        .prefetch_related("partners__place")
        .order_by("-valid_until", "-signed_on", "id")
    )
    partners: dict[int, dict] = {}
    for agreement in agreements:
        for partner in agreement.partners.all():
            if partner.pk == organisation.pk:
                continue
            row = partners.setdefault(
                partner.pk, {"organisation": partner, "agreements": 0, "active": 0}
            )
            row["agreements"] += 1
            row["active"] += agreement.status == AgreementStatus.ACTIVE
    return {
        "agreements": agreements,
        "partners": sorted(
            partners.values(), key=lambda r: (-r["agreements"], r["organisation"].pk)
        ),
    }


def dashboard(organisation, *, today: date | None = None) -> dict:
    """An international office's day: stays going out and coming in, now, next and past,
    and what waits for the office (open learning-agreement proposals, transcripts to issue,
    recognitions to decide)."""
    today = today or timezone.localdate()
    base = Mobility.objects.select_related("person", "sending", "receiving")
    sides = {
        "outgoing": base.filter(sending=organisation),
        "incoming": base.filter(receiving=organisation),
    }
    board = {}
    for side, qs in sides.items():
        board[side] = {
            "current": list(qs.filter(start__lte=today, end__gte=today).order_by("end")),
            "upcoming": list(qs.filter(start__gt=today).order_by("start")),
            "past": qs.filter(end__lt=today).count(),
            "by_kind": list(qs.values("kind").annotate(n=Count("id")).order_by("kind")),
        }
    open_la = [
        v.mobility_id
        for v in LearningAgreementVersion.objects.filter(
            Q(mobility__sending=organisation) | Q(mobility__receiving=organisation),
            approved_by_receiving__isnull=True,
            receiving_comment="",
        )
        .order_by("mobility_id", "-number")
        .distinct()
    ]
    board["open_proposals"] = list(base.filter(pk__in=open_la))
    board["transcripts_due"] = list(
        sides["incoming"].filter(end__lte=today + timedelta(days=14), transcript__isnull=True)
    )
    board["recognitions_due"] = list(
        sides["outgoing"].filter(transcript__isnull=False, recognition__isnull=True)
    )
    return board
