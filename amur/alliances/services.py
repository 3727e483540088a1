# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every write of the alliances module: membership workflow, votes, ballots, tallies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.accounts.selectors import office_addresses
from amur.alliances import ballotbox, counting, locking
from amur.alliances.enums import (
    TRANSITIONS,
    Admission,
    Category,
    Electorate,
    MembershipStatus,
    VoteStatus,
)
from amur.alliances.models import (
    Alliance,
    Ballot,
    ConstitutionVersion,
    Dues,
    Membership,
    MembershipEvent,
    Option,
    Participation,
    SealedBallot,
    Tally,
    TallyConfirmation,
    Vote,
)
from amur.alliances.selectors import active_members, teller_candidates
from amur.core.audit import audit_record
from amur.core.errors import DomainError
from amur.core.i18n import localised_text
from amur.core.mail import send_localised
from amur.core.permissions import ADMIN
from amur.core.validators import fields_clean

VOTING_CATEGORIES = (Category.MEMBER, Category.EXECUTIVE)


class AlliancesError(DomainError):
    """A refused alliance operation; the message is translated for the user."""


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


# Membership ---------------------------------------------------------------------------


DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _check_document(document) -> None:
    """Application documents are PDF files (read from the content) of at most 10 MB."""
    from amur.core.uploads import PDF, UploadRefused, check_upload

    try:
        check_upload(document, (PDF,), DOCUMENT_MAX_BYTES)
    except UploadRefused as exc:
        raise AlliancesError(str(exc)) from None


@transaction.atomic
def membership_document_attach(*, membership: Membership, document, by) -> Membership:
    """Attach (or replace) the signed application form while the application is open."""
    _check_document(document)
    if membership.status not in (MembershipStatus.APPLIED, MembershipStatus.UNDER_REVIEW):
        raise AlliancesError(_("Documents can be added only while the application is open."))
    if membership.document:
        membership.document.delete(save=False)
    membership.document.save(f"application-{membership.pk}.pdf", document, save=True)
    audit_record(
        actor=by,
        action="membership.document",
        obj=membership,
        organisation_id=membership.organisation_id,
    )
    return membership


@transaction.atomic
def membership_apply(
    *, alliance: Alliance, organisation, category: str, by, text: str = "", document=None
) -> Membership:
    """An organisation applies to join; one live membership per organisation.

    ``document`` (optional) is the signed application form as a PDF.
    """
    if category not in Category.values:
        raise AlliancesError(_("Unknown membership category."))
    if document is not None:
        _check_document(document)
    if (
        Membership.objects.filter(alliance=alliance, organisation=organisation)
        .exclude(
            status__in=[
                MembershipStatus.REJECTED,
                MembershipStatus.WITHDRAWN,
                MembershipStatus.EXPELLED,
            ]
        )
        .exists()
    ):
        raise AlliancesError(_("This organisation already has a membership or an application."))
    membership = Membership.objects.create(
        alliance=alliance,
        organisation=organisation,
        category=category,
        status=MembershipStatus.APPLIED,
        application_text=text,
    )
    if document is not None:
        membership.document.save(f"application-{membership.pk}.pdf", document, save=True)
    MembershipEvent.objects.create(
        membership=membership, to_status=MembershipStatus.APPLIED, by=by, reason=text
    )
    audit_record(
        actor=by, action="membership.apply", obj=membership, organisation_id=organisation.pk
    )
    return membership


@transaction.atomic
def membership_transition(
    *, membership: Membership, to: str, by, reason: str = "", vote: Vote | None = None
) -> Membership:
    """Move a membership along the workflow; illegal steps are refused.

    Where the alliance admits members by a vote, only the closing of that ``vote``
    moves an application under review to active.
    """
    membership = locking.membership_locked(membership.pk)
    current = MembershipStatus(membership.status)
    if to not in TRANSITIONS[current]:
        raise AlliancesError(
            _("A membership cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.label, "to": MembershipStatus(to).label}
        )
    if (
        current in (MembershipStatus.UNDER_REVIEW, MembershipStatus.VOTING)
        and to == MembershipStatus.ACTIVE
        and membership.alliance.admission == Admission.VOTE
        and vote is None
    ):
        raise AlliancesError(_("In this alliance a body decides on admission by a vote."))
    membership.status = to
    if to == MembershipStatus.ACTIVE and membership.joined_on is None:
        membership.joined_on = timezone.localdate()
    membership.save(update_fields=["status", "joined_on"])
    MembershipEvent.objects.create(
        membership=membership,
        from_status=current,
        to_status=to,
        by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
    )
    audit_record(
        actor=by,
        action="membership.transition",
        obj=membership,
        old={"status": current},
        new={"status": to},
        reason=reason,
        organisation_id=membership.organisation_id,
    )
    transaction.on_commit(lambda: membership_notify(membership=membership))
    return membership


def membership_notify(*, membership: Membership) -> None:
    """Tell the organisation's administrators, each in their own language."""
    for email, language in office_addresses(
        [membership.organisation_id], minimum_role=ADMIN
    ).items():
        send_localised(
            to=[email],
            language=language,
            subject_template="alliances/email/membership_subject.txt",
            body_template="alliances/email/membership_body.txt",
            context={
                "membership": membership,
                "alliance": localised_text(membership.alliance, "name", language),
                "organisation": localised_text(membership.organisation, "name", language),
            },
        )


# Votes --------------------------------------------------------------------------------


def electorate_keys(vote: Vote) -> list[str]:
    """Every voter entitled to take part, as participation keys."""
    if vote.electorate == Electorate.UNITS:
        ids = Membership.objects.filter(
            alliance=vote.alliance, status=MembershipStatus.ACTIVE, category__in=VOTING_CATEGORIES
        ).values_list("pk", flat=True)
        return [f"unit:{pk}" for pk in ids]
    today = timezone.localdate()
    users = (
        vote.body.positions.filter(mandates__person__user__isnull=False)
        .filter(Q(mandates__end__isnull=True) | Q(mandates__end__gte=today))
        .values_list("mandates__person__user_id", flat=True)
        .distinct()
    )
    return [f"user:{pk}" for pk in users]


def voter_key(vote: Vote, user) -> str:
    """The key ``user`` votes under in ``vote``; refuses users who are not entitled."""
    if not getattr(user, "is_authenticated", False):
        raise AlliancesError(_("Log in to vote."))
    if vote.electorate == Electorate.UNITS:
        membership = Membership.objects.filter(
            alliance=vote.alliance,
            delegate=user,
            status=MembershipStatus.ACTIVE,
            category__in=VOTING_CATEGORIES,
        ).first()
        key = f"unit:{membership.pk}" if membership else None
    else:
        key = f"user:{user.pk}"
    if key is None or key not in electorate_keys(vote):
        raise AlliancesError(_("You are not entitled to vote in this ballot."))
    return key


YES_NO = (
    ("yes", "赞成", "За", "Yes"),
    ("no", "反对", "Против", "No"),
)


@transaction.atomic
def vote_create(*, alliance: Alliance, by, **fields) -> Vote:
    """A secretariat prepares a vote (draft): its kind, electorate and counting rules.

    Motions, constitution and admission votes get their yes/no options at once; an
    election gets its candidates with :func:`vote_candidate_add`.
    """
    vote = Vote(alliance=alliance, **fields)
    if vote.body_id and vote.body.alliance_id != alliance.pk:
        raise AlliancesError(_("The body belongs to another alliance."))
    if vote.electorate == Electorate.BODY and not vote.body_id:
        raise AlliancesError(_("A vote of a body's members needs the body."))
    if vote.kind == "election":
        if vote.position_id:
            if vote.position.body.alliance_id != alliance.pk:
                raise AlliancesError(_("The position belongs to another alliance."))
            limit = vote.position.max_holders
            if limit is not None and vote.seats > limit:
                raise AlliancesError(
                    _("An election cannot fill more seats than the position has (%(limit)s).")
                    % {"limit": limit}
                )
    else:
        vote.seats = 1
        vote.position = None
    if vote.kind == "admission":
        if not vote.membership_id or vote.membership.alliance_id != alliance.pk:
            raise AlliancesError(_("An admission vote names an application to this alliance."))
    else:
        vote.membership = None
    vote.full_clean(exclude=["tellers"])
    vote.save()
    if vote.kind != "election":
        for key, zh, ru, en in YES_NO:
            Option.objects.create(vote=vote, key=key, label_zh=zh, label_ru=ru, label_en=en)
    audit_record(actor=by, action="vote.create", obj=vote)
    return vote


@transaction.atomic
def vote_candidate_add(*, vote: Vote, person, organisation=None, by) -> Option:
    """Put a candidate (and the member organisation they represent) on a draft ballot."""
    vote = locking.vote_locked(vote.pk)
    if vote.status != VoteStatus.DRAFT:
        raise AlliancesError(_("Candidates can be added only while the vote is a draft."))
    if vote.kind != "election":
        raise AlliancesError(_("Only elections have candidates."))
    if (
        organisation is not None
        and not active_members(vote.alliance).filter(organisation=organisation).exists()
    ):
        raise AlliancesError(_("A candidate represents an active member of the alliance."))
    key = f"candidate-{person.pk}"
    if vote.options.filter(key=key).exists():
        raise AlliancesError(_("This person is already a candidate."))
    label = str(person)
    option = Option.objects.create(
        vote=vote,
        key=key,
        candidate=person,
        organisation=organisation,
        label_zh=label,
        label_ru=label,
        label_en=label,
    )
    audit_record(actor=by, action="vote.candidate_add", obj=vote, new={"candidate": person.pk})
    return option


@transaction.atomic
def vote_tellers_set(*, vote: Vote, tellers, by) -> Vote:
    """Designate the tellers of an in-person vote, before any tally is entered."""
    vote = locking.vote_locked(vote.pk)
    if vote.status == VoteStatus.CLOSED or Tally.objects.filter(vote=vote).exists():
        raise AlliancesError(_("Tellers can change only before a tally is entered."))
    eligible = set(teller_candidates(vote.alliance).values_list("pk", flat=True))
    if any(teller.pk not in eligible for teller in tellers):
        raise AlliancesError(
            _("A teller works for the secretariat or a member organisation of the alliance.")
        )
    vote.tellers.set(tellers)
    audit_record(
        actor=by, action="vote.tellers", obj=vote, new={"tellers": sorted(t.pk for t in tellers)}
    )
    return vote


def _is_teller(vote: Vote, user) -> bool:
    return vote.tellers.filter(pk=user.pk).exists()


@transaction.atomic
def vote_open(*, vote: Vote, by) -> Vote:
    vote = locking.vote_locked(vote.pk)
    if vote.status != VoteStatus.DRAFT:
        raise AlliancesError(_("Only a draft vote can be opened."))
    if not vote.options.exists():
        raise AlliancesError(_("A vote needs options before it opens."))
    if vote.in_person and vote.tellers.count() < 3:
        raise AlliancesError(
            _("An in-person vote needs three tellers: one enters the tally, two confirm it.")
        )
    vote.status = VoteStatus.OPEN
    vote.opened_at = timezone.now()
    vote.electorate_size = len(electorate_keys(vote))
    vote.save(update_fields=["status", "opened_at", "electorate_size"])
    audit_record(actor=by, action="vote.open", obj=vote, new={"electorate": vote.electorate_size})
    return vote


def _check_choices(vote: Vote, choices: list[str]) -> list[str]:
    keys = set(vote.options.values_list("key", flat=True))
    if len(set(choices)) != len(choices) or not set(choices) <= keys:
        raise AlliancesError(_("The ballot names an option that is not on it."))
    limit = vote.seats if vote.kind == "election" else 1
    if len(choices) > limit:
        raise AlliancesError(_("Too many choices on the ballot."))
    return sorted(choices)


@transaction.atomic
def ballot_cast(*, vote: Vote, user, choices: list[str]) -> str:
    """Cast a secret ballot; returns the voter's receipt code (shown once).

    The participation row (vote, voter) is unique in the database, so a second ballot
    by the same voter fails even when both arrive at the same moment.  The participation
    and the sealed ballot are written in one transaction, under the vote's row lock that
    ``vote_close`` also takes: a ballot is either in the count or refused, never stored
    after it.  How the ballot stays unlinkable to its voter: amur/alliances/ballotbox.py.
    ``choices == []`` is an abstention.
    """
    vote = locking.vote_locked(vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise AlliancesError(_("This vote is not open."))
    if vote.in_person:
        raise AlliancesError(_("This vote is counted in person by tellers."))
    key = voter_key(vote, user)
    choices = _check_choices(vote, choices)
    try:
        with transaction.atomic():
            Participation.objects.create(vote=vote, voter=key)
    except IntegrityError:
        raise AlliancesError(_("A ballot has already been cast for this voter.")) from None
    code = secrets.token_hex(8).upper()
    SealedBallot.objects.create(
        vote=vote, sealed=ballotbox.seal({"choices": choices, "receipt": _hash(code)})
    )
    return code


def _ballots_unseal(vote: Vote) -> None:
    """Open the box (the caller holds the vote's lock): the sealed ballots become Ballot
    rows in shuffled order, in this one transaction, and the sealed ones are deleted."""
    opened = [ballotbox.unseal(s) for s in vote.sealed_ballots.values_list("sealed", flat=True)]
    secrets.SystemRandom().shuffle(opened)
    Ballot.objects.bulk_create(
        [Ballot(vote=vote, choices=b["choices"], receipt_hash=b["receipt"]) for b in opened]
    )
    SealedBallot.objects.filter(vote=vote).delete()


def receipt_verify(*, vote: Vote, code: str) -> bool:
    """True when a ballot with this receipt code is in the box (open vote) or the count."""
    receipt = _hash(code)
    if Ballot.objects.filter(vote=vote, receipt_hash=receipt).exists():
        return True
    sealed = vote.sealed_ballots.values_list("sealed", flat=True)
    return any(hmac.compare_digest(ballotbox.unseal(s)["receipt"], receipt) for s in sealed)


@transaction.atomic
def tally_enter(*, vote: Vote, teller, counts: dict[str, int], participants: int) -> Tally:
    vote = locking.vote_locked(vote.pk)
    if not vote.in_person or vote.status != VoteStatus.OPEN:
        raise AlliancesError(_("Tallies are entered for open in-person votes only."))
    if not _is_teller(vote, teller):
        raise AlliancesError(_("Only the vote's tellers enter and confirm tallies."))
    if participants < 0 or any(n < 0 for n in counts.values()):
        raise AlliancesError(_("A count cannot be negative."))
    keys = set(vote.options.values_list("key", flat=True)) | {"abstain"}
    if not set(counts) <= keys:
        raise AlliancesError(_("The tally names an option that is not on the ballot."))
    if sum(counts.values()) > participants:
        raise AlliancesError(_("The tally counts more votes than participants."))
    Tally.objects.filter(vote=vote).delete()  # a corrected tally needs new confirmations
    tally = Tally.objects.create(
        vote=vote, counts=counts, participants=participants, entered_by=teller
    )
    audit_record(actor=teller, action="tally.enter", obj=vote, new=counts)
    return tally


@transaction.atomic
def tally_confirm(*, tally: Tally, teller) -> int:
    """A second teller confirms the tally; returns how many have confirmed."""
    vote = locking.vote_locked(tally.vote_id)
    if vote.status != VoteStatus.OPEN:
        raise AlliancesError(_("Tallies are entered for open in-person votes only."))
    tally = Tally.objects.filter(pk=tally.pk).first()
    if tally is None:
        raise AlliancesError(_("The tally was corrected meanwhile; confirm the new one."))
    if not _is_teller(vote, teller):
        raise AlliancesError(_("Only the vote's tellers enter and confirm tallies."))
    if teller.pk == tally.entered_by_id:
        raise AlliancesError(_("The teller who entered the tally cannot confirm it."))
    try:
        with transaction.atomic():
            TallyConfirmation.objects.create(tally=tally, teller=teller)
    except IntegrityError:
        raise AlliancesError(_("You have already confirmed this tally.")) from None
    audit_record(actor=teller, action="tally.confirm", obj=tally.vote)
    return tally.confirmations.count()


@transaction.atomic
def vote_close(*, vote: Vote, by) -> Vote:
    """Close the vote and compute the result; a closed vote never changes again."""
    vote = locking.vote_locked(vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise AlliancesError(_("Only an open vote can be closed."))
    option_keys = list(vote.options.values_list("key", flat=True))
    counts = dict.fromkeys(option_keys, 0)
    if vote.in_person:
        tally = Tally.objects.filter(vote=vote).first()
        if tally is None or tally.confirmations.count() < 2:
            raise AlliancesError(_("Two tellers must confirm the tally before the vote closes."))
        counts.update({k: v for k, v in tally.counts.items() if k != "abstain"})
        abstentions = tally.counts.get("abstain", 0)
        participants = tally.participants
    else:
        _ballots_unseal(vote)
        abstentions = 0
        for ballot in vote.ballots.all():
            if not ballot.choices:
                abstentions += 1
            for key in ballot.choices:
                counts[key] += 1
        participants = vote.participations.count()
    vote.result = counting.result(
        kind=vote.kind,
        counts=counts,
        abstentions=abstentions,
        participants=participants,
        electorate=vote.electorate_size or 0,
        quorum=vote.quorum,
        majority=vote.majority,
        abstentions_count=vote.abstentions_count,
        seats=vote.seats,
    )
    vote.status = VoteStatus.CLOSED
    vote.closed_at = timezone.now()
    vote.save(update_fields=["result", "status", "closed_at"])
    audit_record(actor=by, action="vote.close", obj=vote, new=vote.result)
    if vote.kind == "admission" and vote.membership_id:
        membership_transition(
            membership=vote.membership,
            to=MembershipStatus.ACTIVE if vote.result["adopted"] else MembershipStatus.REJECTED,
            by=by,
            reason=_("Decided by vote %(id)s") % {"id": vote.pk},
            vote=vote,
        )
    if vote.kind == "election" and vote.position_id and vote.result["elected"]:
        _mandates_from_election(vote, by)
    if vote.kind == "constitution" and vote.result["adopted"]:
        ConstitutionVersion.objects.filter(vote=vote, adopted_on__isnull=True).update(
            adopted_on=timezone.localdate(vote.closed_at)
        )
    return vote


def _mandates_from_election(vote: Vote, by) -> None:
    """The elected take the position for a new term; the sitting holders' terms end the
    day before. Every mandate names the vote that gave it."""
    start = timezone.localdate(vote.closed_at)
    sitting = vote.position.mandates.filter(Q(end__isnull=True) | Q(end__gte=start))
    for mandate in list(sitting):
        mandate_end(mandate=mandate, end=max(mandate.start, start - timedelta(days=1)), by=by)
    options = {o.key: o for o in vote.options.select_related("candidate", "organisation")}
    for key in vote.result["elected"]:
        option = options[key]
        mandate = mandate_assign(
            position=vote.position,
            person=option.candidate,
            organisation=option.organisation,
            start=start,
            by=by,
            vote=vote,
        )
        if vote.term_end:
            mandate.end = vote.term_end
            mandate.save(update_fields=["end"])


def vote_results_visible(vote: Vote) -> bool:
    """Results appear only after the vote closes."""
    return vote.status == VoteStatus.CLOSED


# Governing bodies ---------------------------------------------------------------------


@transaction.atomic
def mandate_assign(*, position, person, organisation, start, by, vote: Vote | None = None):
    """Give ``person`` a mandate; a position's limit (e.g. one chair) is never exceeded."""
    from amur.alliances.models import Mandate

    position = locking.position_locked(position.pk)
    today = timezone.localdate()
    holders = position.mandates.filter(Q(end__isnull=True) | Q(end__gte=today)).count()
    if position.max_holders is not None and holders >= position.max_holders:
        raise AlliancesError(
            _("“%(position)s” already has its %(limit)s holder(s).")
            % {"position": localised_text(position, "title"), "limit": position.max_holders}
        )
    mandate = Mandate.objects.create(
        position=position, person=person, organisation=organisation, start=start, vote=vote
    )
    audit_record(
        actor=by,
        action="mandate.assign",
        obj=mandate,
        organisation_id=organisation.pk if organisation else None,
    )
    return mandate


@transaction.atomic
def mandate_end(*, mandate, end, by):
    """End a term; the mandate stays as history."""
    mandate.end = end
    mandate.full_clean()
    mandate.save(update_fields=["end"])
    audit_record(actor=by, action="mandate.end", obj=mandate)
    return mandate


# Dues ---------------------------------------------------------------------------------


@transaction.atomic
def dues_set(*, alliance: Alliance, year: int, amount, currency: str, by) -> int:
    """Ask every active member and executive unit for ``amount`` in ``year``.

    Units that already owe dues for the year keep their row: an unpaid one takes the new
    amount, a paid one is never changed. Returns how many rows were created or changed.
    """
    fields_clean(Dues(year=year, amount=amount, currency=currency), ["year", "amount", "currency"])
    changed = 0
    members = alliance.memberships.filter(
        status=MembershipStatus.ACTIVE, category__in=VOTING_CATEGORIES
    )
    for membership in members:
        dues, created = Dues.objects.get_or_create(
            membership=membership, year=year, defaults={"amount": amount, "currency": currency}
        )
        if not created and not dues.paid and (dues.amount, dues.currency) != (amount, currency):
            dues.amount, dues.currency = amount, currency
            dues.save(update_fields=["amount", "currency"])
            changed += 1
        changed += created
    audit_record(
        actor=by,
        action="dues.set",
        obj=alliance,
        new={"year": year, "amount": str(amount), "currency": currency, "rows": changed},
    )
    return changed


@transaction.atomic
def dues_mark(*, dues, paid: bool, by, on=None):
    """Record that a unit paid (or correct a mistaken payment), dated and audited."""
    dues = locking.dues_locked(dues.pk)
    old = {"paid": dues.paid, "paid_on": dues.paid_on.isoformat() if dues.paid_on else None}
    dues.paid = paid
    dues.paid_on = (on or timezone.localdate()) if paid else None
    dues.save(update_fields=["paid", "paid_on"])
    audit_record(
        actor=by,
        action="dues.mark",
        obj=dues,
        old=old,
        new={"paid": paid, "paid_on": dues.paid_on.isoformat() if dues.paid_on else None},
        organisation_id=dues.membership.organisation_id,
    )
    return dues
