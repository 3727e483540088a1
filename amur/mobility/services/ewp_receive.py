# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""EWP documents a partner's system sends us: checked against the official schema before
anything in them is read (:mod:`amur.mobility.ewp_schemas`), then each IIA matched to our
agreement and the partner's own identifiers recorded, so that the IIAs we send carry them.

A document with any problem changes nothing.  Outgoing-mobility and learning-agreement
documents are checked and counted; Amur records nominations and learning agreements itself,
so it does not take them over from a partner's system.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree

from amur.core.audit import audit_record
from amur.directory.models import Organisation
from amur.mobility import ewp
from amur.mobility.ewp import NS_IIAS
from amur.mobility.ewp_schemas import Checked, document_check
from amur.mobility.models import Agreement, PartnerIia

RECORDED, UNKNOWN, NO_AGREEMENT, AMBIGUOUS, NOT_YOURS, NO_ID = (
    "recorded",
    "unknown_institution",
    "no_agreement",
    "ambiguous",
    "not_yours",
    "no_iia_id",
)


@dataclass
class IiaOutcome:
    """What became of one IIA of a received document."""

    partner_hei: str
    local_hei: str
    partner_iia_id: str
    state: str
    message: str
    agreement_id: int | None = None
    conditions_agree: bool | None = None


@dataclass
class Receipt:
    checked: Checked
    outcomes: list[IiaOutcome] = field(default_factory=list)
    documents: int = 0  # the IIAs, mobilities or learning agreements the document holds

    @property
    def ok(self) -> bool:
        return self.checked.ok


def _text(node, tag: str) -> str:
    found = node.find(f"{{{NS_IIAS}}}{tag}")
    return (found.text or "").strip() if found is not None else ""


def _institutions() -> dict[str, Organisation]:
    """Our institutions that have agreements, by their EWP identifier."""
    partners = Organisation.objects.filter(agreements__isnull=False).distinct()
    return {ewp.hei_id(o): o for o in partners}


def _agreement_for(sender, local, sender_id: str, local_id: str) -> list[Agreement]:
    """Our agreement the partner's IIA is a copy of: by our own IIA id when the partner has
    mapped it, else by an id we recorded from this partner before, else the only agreement
    in effect between the two."""
    match = ewp.IIA_ID.match(local_id)
    if match:
        pk, *pair = (int(v) for v in match.groups())
        if sorted(pair) == sorted((sender.pk, local.pk)):
            return list(Agreement.objects.filter(pk=pk, partners=sender).filter(partners=local))
    known = PartnerIia.objects.filter(organisation=sender, counterpart=local, iia_id=sender_id)
    if known.exists():
        return [known.first().agreement]
    return list(
        Agreement.objects.filter(partners=sender).filter(partners=local).exclude(status="draft")
    )


def _ours(agreement: Agreement, first, second):
    """Our copy of the pairwise IIA, as we would send it."""
    document = ewp.iias_get_response([agreement], local=first)
    root = etree.fromstring(document)
    for iia in root.iterchildren(f"{{{NS_IIAS}}}iia"):
        heis = [_text(p, "hei-id") for p in iia.iterchildren(f"{{{NS_IIAS}}}partner")]
        if heis == [ewp.hei_id(first), ewp.hei_id(second)]:
            return iia
    return None


def _receive_iia(iia, institutions, by) -> IiaOutcome:
    sender_node, local_node = iia.findall(f"{{{NS_IIAS}}}partner")
    sender_hei, local_hei = _text(sender_node, "hei-id"), _text(local_node, "hei-id")
    sender_id, local_id = _text(sender_node, "iia-id"), _text(local_node, "iia-id")
    outcome = IiaOutcome(
        partner_hei=sender_hei, local_hei=local_hei, partner_iia_id=sender_id, state="", message=""
    )
    sender, local = institutions.get(sender_hei), institutions.get(local_hei)
    if sender is None or local is None:
        outcome.state = UNKNOWN
        outcome.message = _("No agreement of ours names %(hei)s.") % {
            "hei": sender_hei if sender is None else local_hei
        }
        return outcome
    if not by.has_perm("mobility.receive_ewp", local):
        outcome.state, outcome.message = (
            NOT_YOURS,
            _("You may not take in agreements for %(hei)s.") % {"hei": local_hei},
        )
        return outcome
    if not sender_id:
        outcome.state, outcome.message = (
            NO_ID,
            _("The partner's copy gives no IIA id of its own side."),
        )
        return outcome
    found = _agreement_for(sender, local, sender_id, local_id)
    if len(found) != 1:
        outcome.state = NO_AGREEMENT if not found else AMBIGUOUS
        outcome.message = (
            _("No agreement between these institutions.")
            if not found
            else _(
                "Several agreements bind these institutions; the partner's copy names none of "
                "ours (its iia-id for our side is empty or unknown)."
            )
        )
        return outcome
    agreement = found[0]
    ours = _ours(agreement, local, sender)
    agree = ours is not None and ewp.iia_text_to_hash(ours, with_ids=False) == ewp.iia_text_to_hash(
        iia, with_ids=False
    )
    PartnerIia.objects.update_or_create(
        agreement=agreement,
        organisation=sender,
        counterpart=local,
        defaults={
            "iia_id": sender_id,
            "iia_code": _text(sender_node, "iia-code"),
            "conditions_hash": _text(iia, "iia-hash"),
        },
    )
    audit_record(
        actor=by,
        action="mobility.ewp_receive_iia",
        obj=agreement,
        new={"partner": sender_hei, "iia_id": sender_id, "conditions_agree": agree},
    )
    outcome.state, outcome.agreement_id, outcome.conditions_agree = RECORDED, agreement.pk, agree
    outcome.message = (
        _("Recorded; the conditions agree with ours.")
        if agree
        else _(
            "Recorded; the conditions differ from ours: compare the two copies before approving."
        )
    )
    return outcome


@transaction.atomic
def ewp_receive(*, content: bytes, by) -> Receipt:
    """Check a partner's EWP get-response and, for IIAs, record the partner's ids of every
    IIA we can match and ``by`` may take in for its institution.  Nothing is recorded from
    a document with a problem."""
    checked = document_check(content)
    receipt = Receipt(checked=checked)
    if not checked.ok:
        return receipt
    receipt.documents = len(checked.root)
    if checked.kind != "iias":
        return receipt
    institutions = _institutions()
    receipt.outcomes = [
        _receive_iia(iia, institutions, by)
        for iia in checked.root.iterchildren(f"{{{NS_IIAS}}}iia")
    ]
    return receipt
