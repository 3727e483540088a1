# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Selectors of "My Amur": what concerns one signed-in person, read from each app's models
and selectors (the portal never writes to another app).  Each row says where it stands, what
the person's next step is, and links to the page where they take it.

Each section imports the names of the app it reads inside its function, not at the top:
competitions and mobility both name an enum ``ApplicationStatus``, and each
section reads clearly in its own app's words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amur.core.codes import choice_label as _label
from amur.core.i18n import localised_text
from amur.portal.front import _url


@dataclass
class Row:
    title: str
    url: str
    status: str = ""
    next_step: str = ""
    note: str = ""
    when: date | datetime | None = None


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


def registrations(user) -> list[Row]:
    """Event registrations made with the person's e-mail address, upcoming first."""
    from amur.events.enums import RegistrationStatus
    from amur.events.models import Registration

    if not user.email:
        return []
    regs = (
        Registration.objects.filter(email__iexact=user.email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__start")[:20]
    )
    steps = {
        RegistrationStatus.PENDING: _("Wait for the organisers to approve it."),
        RegistrationStatus.WAITLISTED: _("You will be told when a place frees up."),
        RegistrationStatus.CONFIRMED: _("Show your ticket code at the entrance."),
    }
    return [
        Row(
            title=localised_text(r.event, "title"),
            url=_url("events:detail", slug=r.event.slug),
            status=_label(RegistrationStatus, r.status),
            next_step=str(steps.get(r.status, "")),
            note=_("Ticket %(code)s") % {"code": r.ticket_code[:8].upper()}
            if r.status == RegistrationStatus.CONFIRMED
            else "",
            when=r.event.start,
        )
        for r in regs
    ]


def competition_applications(user) -> list[Row]:
    from amur.competitions.enums import ApplicationStatus
    from amur.competitions.selectors import applications_visible_to

    steps = {
        ApplicationStatus.DRAFT: _("Complete the application and submit it."),
        ApplicationStatus.SUBMITTED: _("The competition office checks it."),
        ApplicationStatus.ELIGIBLE: _("The jury pre-selects the admitted contestants."),
        ApplicationStatus.ADMITTED: _("Prepare your programme for the first round."),
        ApplicationStatus.WAITLISTED: _("You will be told if a place frees up."),
    }
    rows = []
    for contestant in applications_visible_to(user).filter(user=user).order_by("-id")[:20]:
        edition = contestant.discipline.edition
        rows.append(
            Row(
                title=f"{localised_text(edition.competition, 'name')} {edition.year} · "
                f"{localised_text(contestant.discipline, 'name')}",
                url=_url("competitions:application", contestant.pk),
                status=_label(ApplicationStatus, contestant.status),
                next_step=str(steps.get(contestant.status, "")),
            )
        )
    return rows


def mobility_applications(user) -> list[Row]:
    from amur.mobility.enums import ApplicationStatus
    from amur.mobility.models import Application
    from amur.mobility.services.selection import application_next_steps

    rows = []
    for application in (
        Application.objects.filter(applicant=user).select_related("call").order_by("-id")[:20]
    ):
        steps = application_next_steps(application, user)
        rows.append(
            Row(
                title=localised_text(application.call, "title"),
                url=_url("mobility:call", application.call_id),
                status=_label(ApplicationStatus, application.status),
                next_step=", ".join(str(step.label) for step in steps)
                if steps
                else _("Nothing to do now: the offices decide the next step."),
                when=application.call.deadline,
            )
        )
    return rows


def alliance_applications(user) -> list[Row]:
    """Membership applications of the organisations the person administers."""
    from amur.alliances.enums import MembershipStatus
    from amur.alliances.models import Membership
    from amur.core.permissions import ADMIN, organisations_where

    pending = [MembershipStatus.APPLIED, MembershipStatus.UNDER_REVIEW, MembershipStatus.VOTING]
    memberships = (
        Membership.objects.filter(
            organisation_id__in=organisations_where(user, ADMIN), status__in=pending
        )
        .select_related("alliance", "organisation")
        .order_by("-id")
    )
    return [
        Row(
            title=" → ".join(
                [localised_text(m.organisation, "name"), localised_text(m.alliance, "name")]
            ),
            url=_url("alliances:detail", slug=m.alliance.slug),
            status=_label(MembershipStatus, m.status),
            next_step=_("The alliance's secretariat reviews it."),
        )
        for m in memberships
    ]


def loans(user) -> list[Row]:
    """Interlibrary loans of the libraries the person works for, still under way."""
    from amur.core.permissions import MEMBER, organisations_where
    from amur.library.ill import Status
    from amur.library.models import LoanRequest

    orgs = organisations_where(user, MEMBER)
    if not orgs:
        return []
    finished = [
        Status.LOAN_COMPLETED,
        Status.COPY_COMPLETED,
        Status.COMPLETED_WITHOUT_RETURN,
        Status.CANCELLED,
        Status.UNFILLED,
    ]
    qs = (
        LoanRequest.objects.filter(Q(requester_id__in=orgs) | Q(supplier_id__in=orgs))
        .exclude(status__in=finished)
        .select_related("record", "requester", "supplier")
        .order_by("-created_at")[:20]
    )
    rows = []
    for loan in qs:
        supplying = loan.supplier_id in orgs
        rows.append(
            Row(
                title=loan.record.title,
                url=_url("library:ill_queue"),
                status=_label(Status, loan.status),
                next_step=_("Answer the request.") if supplying else "",
                note=localised_text(loan.supplier if not supplying else loan.requester, "name"),
                when=loan.due,
            )
        )
    return rows


def votes_to_cast(user) -> list[Row]:
    from amur.alliances.enums import MembershipStatus, VoteStatus
    from amur.alliances.models import Membership, Participation, Vote
    from amur.alliances.services import AlliancesError, voter_key

    delegate_of = Membership.objects.filter(
        delegate=user, status=MembershipStatus.ACTIVE
    ).values_list("alliance_id", flat=True)
    mandated = Q(body__positions__mandates__person__user=user)
    votes = (
        Vote.objects.filter(status=VoteStatus.OPEN, in_person=False)
        .filter(Q(alliance_id__in=delegate_of) | mandated)
        .select_related("alliance", "body")
        .distinct()
    )
    rows = []
    for vote in votes:
        try:
            key = voter_key(vote, user)
        except AlliancesError:
            continue
        if Participation.objects.filter(vote=vote, voter=key).exists():
            continue
        rows.append(
            Row(
                title=localised_text(vote, "title"),
                url=_url("alliances:vote", slug=vote.alliance.slug, pk=vote.pk),
                status=_("Open"),
                next_step=_("Cast your ballot."),
                note=localised_text(vote.alliance, "name"),
                when=vote.opened_at,
            )
        )
    return rows


def reviews_assigned(user) -> list[Row]:
    from amur.forum.models import Assignment

    assignments = (
        Assignment.objects.filter(reviewer__person__user=user)
        .filter(Q(review__isnull=True) | Q(review__submitted_at__isnull=True))
        .select_related("submission", "submission__edition__event")
        .order_by("submission__edition__cfp_closes", "id")
    )
    return [
        Row(
            title=localised_text(a.submission, "title") or str(a.submission),
            url=_url("forum:review", a.submission_id),
            status=_("To review"),
            next_step=_("Read the submission and send your review."),
            note=localised_text(a.submission.edition.event, "title"),
        )
        for a in assignments
    ]


def tasks_assigned(user) -> list[Row]:
    from amur.talent.enums import TaskStatus
    from amur.talent.selectors import tasks_visible_to

    tasks = (
        tasks_visible_to(user)
        .filter(Q(assignee__person__user=user) | Q(reviewer__person__user=user))
        .exclude(status__in=[TaskStatus.REVIEWED, TaskStatus.CANCELLED])
        .select_related("organisation", "reviewer__person")
        .order_by("-id")[:20]
    )
    steps = {
        TaskStatus.OFFERED: _("Accept or decline the task."),
        TaskStatus.ACCEPTED: _("Deliver the work."),
    }
    rows = []
    for task in tasks:
        reviewing = task.reviewer is not None and task.reviewer.person.user_id == user.pk
        step = _("Review the delivered work.") if reviewing else steps.get(task.status, "")
        rows.append(
            Row(
                title=localised_text(task, "title"),
                url=_url("talent:task", task.pk) or _url("talent:index"),
                status=_label(TaskStatus, task.status),
                next_step=str(step),
                note=localised_text(task.organisation, "name"),
            )
        )
    return rows


def organisations(user) -> list[Row]:
    from amur.accounts.enums import Role
    from amur.accounts.models import OrganisationRole

    roles = OrganisationRole.objects.filter(user=user).select_related("organisation")
    return [
        Row(
            title=localised_text(r.organisation, "name"),
            url=_url("directory:organisation", r.organisation_id),
            status=_label(Role, r.role),
        )
        for r in roles.order_by("organisation__name_en")
    ]


SECTIONS = (
    ("registrations", gettext_lazy("Registrations and tickets"), registrations),
    ("competitions", gettext_lazy("Competition applications"), competition_applications),
    ("mobility", gettext_lazy("Mobility applications"), mobility_applications),
    ("alliances", gettext_lazy("Alliance membership applications"), alliance_applications),
    ("loans", gettext_lazy("Loans and requests"), loans),
    ("votes", gettext_lazy("Votes to cast"), votes_to_cast),
    ("reviews", gettext_lazy("Reviews assigned to you"), reviews_assigned),
    ("tasks", gettext_lazy("Tasks assigned to you"), tasks_assigned),
    ("organisations", gettext_lazy("Organisations you act for"), organisations),
)


def sections_for(user) -> list[Section]:
    """Every section that holds something for ``user``, in a fixed order."""
    sections = []
    for key, title, rows_of in SECTIONS:
        rows = rows_of(user)
        if rows:
            sections.append(Section(key, str(title), rows))
    return sections
