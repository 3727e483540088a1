# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Services of the termbase: concepts and their terms, approval, TBX and CSV exchange.

Imports are all or nothing: the whole file is read and checked first; one fault refuses
the file with its line and reason, and nothing is written.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.enums import Language
from amur.core.models import FieldOfExchange
from amur.core.search import search_keys
from amur.core.validators import fields_clean
from amur.resources import tbx
from amur.resources.enums import ConceptStatus, PartOfSpeech, TermStatus
from amur.resources.models import Concept, Term
from amur.resources.services import ResourcesError

CSV_COLUMNS = [
    "entry_id",
    "field",
    "status",
    "expert",
    "approved_on",
    "source",
    "note",
    "language",
    "term",
    "part_of_speech",
    "administrative_status",
    "definition",
]


def _reindex(concept: Concept) -> None:
    terms = list(concept.terms.values_list("text", flat=True))
    concept.search_keys = search_keys(
        *terms, concept.definition_zh, concept.definition_ru, concept.definition_en
    )
    Concept.objects.filter(pk=concept.pk).update(search_keys=concept.search_keys)


def _next_entry_id() -> str:
    last = Concept.objects.filter(entry_id__startswith="amur-").order_by("-id").first()
    number = 1
    if last is not None and last.entry_id[5:].isdigit():
        number = int(last.entry_id[5:]) + 1
    while Concept.objects.filter(entry_id=f"amur-{number}").exists():
        number += 1
    return f"amur-{number}"


def _check_terms(terms: list[dict]) -> list[dict]:
    cleaned = []
    for term in terms:
        text = (term.get("text") or "").strip()
        if not text:
            continue
        if term.get("language") not in Language.values:
            raise ResourcesError(_("A term needs its language (zh, ru or en)."))
        pos = term.get("part_of_speech") or ""
        if pos and pos not in PartOfSpeech.values:
            raise ResourcesError(_("Unknown part of speech: %(value)s.") % {"value": pos})
        status = term.get("administrative_status") or ""
        if status and status not in TermStatus.values:
            raise ResourcesError(_("Unknown term status: %(value)s.") % {"value": status})
        cleaned.append(
            {
                "language": term["language"],
                "text": text,
                "part_of_speech": pos,
                "administrative_status": status,
            }
        )
        fields_clean(Term(**cleaned[-1]), ["text"])
    if not cleaned:
        raise ResourcesError(_("A concept needs at least one term."))
    return cleaned


def _write(concept: Concept, terms: list[dict]) -> None:
    concept.terms.all().delete()
    positions: dict[str, int] = {}
    for term in terms:
        position = positions.get(term["language"], 0)
        positions[term["language"]] = position + 1
        Term.objects.create(concept=concept, position=position, **term)
    _reindex(concept)


@transaction.atomic
def concept_save(
    *,
    organisation,
    by,
    terms: list[dict],
    concept: Concept | None = None,
    field: FieldOfExchange | None = None,
    definition_zh: str = "",
    definition_ru: str = "",
    definition_en: str = "",
    source: str = "",
    note: str = "",
) -> Concept:
    """Create a concept (proposed) or change one; changing an approved concept's terms or
    definitions sends it back to proposed, since the expert approved other words."""
    terms = _check_terms(terms)
    values = {
        "field": field,
        "definition_zh": definition_zh.strip(),
        "definition_ru": definition_ru.strip(),
        "definition_en": definition_en.strip(),
        "source": source.strip(),
        "note": note.strip(),
    }
    fields_clean(Concept(organisation=organisation, **values), ["source"])
    if concept is None:
        concept = Concept.objects.create(
            entry_id=_next_entry_id(), organisation=organisation, **values
        )
        action = "concept.create"
    else:
        before = (
            sorted((t.language, t.text) for t in concept.terms.all()),
            concept.definition_zh,
            concept.definition_ru,
            concept.definition_en,
        )
        for name, value in values.items():
            setattr(concept, name, value)
        after = (
            sorted((t["language"], t["text"]) for t in terms),
            concept.definition_zh,
            concept.definition_ru,
            concept.definition_en,
        )
        if before != after and concept.status == ConceptStatus.APPROVED:
            concept.status, concept.approved_by, concept.expert = ConceptStatus.PROPOSED, None, ""
            concept.approved_on = None
        concept.save()
        action = "concept.update"
    _write(concept, terms)
    audit_record(actor=by, action=action, obj=concept, organisation_id=concept.organisation_id)
    return concept


@transaction.atomic
def concept_approve(*, concept: Concept, by) -> Concept:
    """An expert approves the concept: its terms are the ones to use."""
    if concept.status == ConceptStatus.APPROVED:
        raise ResourcesError(_("This concept is already approved."))
    concept.status, concept.approved_by = ConceptStatus.APPROVED, by
    concept.expert = by.get_full_name() or by.username
    concept.approved_on = timezone.localdate()
    concept.save()
    audit_record(
        actor=by, action="concept.approve", obj=concept, organisation_id=concept.organisation_id
    )
    return concept


# Exchange -----------------------------------------------------------------------------------


def _entry(concept: Concept) -> tbx.ConceptEntry:
    entry = tbx.ConceptEntry(
        entry_id=concept.entry_id,
        subject_field=concept.field.key if concept.field else "",
        source=concept.source,
        note=concept.note,
        status=concept.status,
        expert=concept.expert,
        approved_on=concept.approved_on.isoformat() if concept.approved_on else "",
    )
    for code in Language.values:
        if getattr(concept, f"definition_{code}"):
            entry.definitions[code] = getattr(concept, f"definition_{code}")
    for term in concept.terms.all():
        entry.terms.setdefault(term.language, []).append(
            tbx.TermEntry(term.text, term.part_of_speech, term.administrative_status)
        )
    return entry


def termbase_export_tbx(concepts) -> bytes:
    return tbx.serialise([_entry(c) for c in concepts], title="Amur termbase")


def termbase_export_csv_rows(concepts) -> list[list[str]]:
    rows = []
    for concept in concepts:
        entry = _entry(concept)
        for language in Language.values:
            for term in entry.terms.get(language, []):
                rows.append(
                    [
                        entry.entry_id,
                        entry.subject_field,
                        entry.status,
                        entry.expert,
                        entry.approved_on,
                        entry.source,
                        entry.note,
                        language,
                        term.text,
                        term.part_of_speech,
                        term.administrative_status,
                        entry.definitions.get(language, ""),
                    ]
                )
    return rows


def _csv_entries(data: bytes) -> list[tbx.ConceptEntry]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResourcesError(_("The CSV file is not UTF-8.")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames != CSV_COLUMNS:
        raise ResourcesError(
            _("Line 1: expected the columns %(columns)s.") % {"columns": ",".join(CSV_COLUMNS)}
        )
    entries: dict[str, tbx.ConceptEntry] = {}
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise ResourcesError(_("Line %(line)s: wrong number of columns.") % {"line": line})
        row = {k: v.strip() for k, v in row.items()}
        if not row["entry_id"] or not row["term"]:
            raise ResourcesError(
                _("Line %(line)s: entry_id and term are required.") % {"line": line}
            )
        if row["language"] not in Language.values:
            raise ResourcesError(_("Line %(line)s: the language is zh, ru or en.") % {"line": line})
        if row["status"] not in ConceptStatus.values:
            raise ResourcesError(
                _("Line %(line)s: the status is proposed or approved.") % {"line": line}
            )
        if row["part_of_speech"] and row["part_of_speech"] not in PartOfSpeech.values:
            raise ResourcesError(
                _("Line %(line)s: unknown part of speech %(value)s.")
                % {"line": line, "value": row["part_of_speech"]}
            )
        if row["administrative_status"] and row["administrative_status"] not in TermStatus.values:
            raise ResourcesError(
                _("Line %(line)s: unknown term status %(value)s.")
                % {"line": line, "value": row["administrative_status"]}
            )
        entry = entries.setdefault(
            row["entry_id"],
            tbx.ConceptEntry(
                entry_id=row["entry_id"],
                subject_field=row["field"],
                status=row["status"],
                expert=row["expert"],
                approved_on=row["approved_on"],
                source=row["source"],
                note=row["note"],
            ),
        )
        if row["definition"]:
            entry.definitions[row["language"]] = row["definition"]
        entry.terms.setdefault(row["language"], []).append(
            tbx.TermEntry(row["term"], row["part_of_speech"], row["administrative_status"])
        )
    if not entries:
        raise ResourcesError(_("The file holds no terms."))
    return list(entries.values())


def _entry_clean(entry: tbx.ConceptEntry) -> None:
    """The model's limits on an imported entry's values (a ``ValidationError``), which
    the database would otherwise refuse with an error of its own (PostgreSQL) or not at
    all (SQLite)."""
    concept = Concept(
        entry_id=entry.entry_id, source=entry.source, expert=entry.expert, status=entry.status
    )
    fields_clean(concept, ["entry_id", "source", "expert"])
    for language, terms in entry.terms.items():
        for term in terms:
            fields_clean(Term(language=language, text=term.text), ["text"])


def _import(
    entries: list[tbx.ConceptEntry], *, organisation, by, may_approve: bool, fmt: str
) -> dict:
    fields = {f.key: f for f in FieldOfExchange.objects.all()}
    existing = {
        c.entry_id: c for c in Concept.objects.filter(entry_id__in=[e.entry_id for e in entries])
    }
    for entry in entries:
        where = _("entry %(id)s") % {"id": entry.entry_id}
        if entry.subject_field and entry.subject_field not in fields:
            raise ResourcesError(
                _("%(where)s: the subject field %(field)s is not a field of exchange.")
                % {"where": where, "field": entry.subject_field}
            )
        concept = existing.get(entry.entry_id)
        if concept is not None and concept.organisation_id != organisation.pk:
            raise ResourcesError(
                _("%(where)s: belongs to another organisation's termbase.") % {"where": where}
            )
        if entry.status == ConceptStatus.APPROVED:
            if not may_approve:
                raise ResourcesError(
                    _(
                        "%(where)s: is approved, and only an expert of your "
                        "organisation may import approvals."
                    )
                    % {"where": where}
                )
            if not entry.expert:
                raise ResourcesError(
                    _("%(where)s: an approval names the expert.") % {"where": where}
                )
        try:
            _entry_clean(entry)
        except ValidationError as exc:
            raise ResourcesError(
                _("%(where)s: %(reason)s") % {"where": where, "reason": " ".join(exc.messages)}
            ) from None
        if entry.approved_on:
            try:
                date.fromisoformat(entry.approved_on)
            except ValueError:
                raise ResourcesError(
                    _("%(where)s: the date %(date)s is not YYYY-MM-DD.")
                    % {"where": where, "date": entry.approved_on}
                ) from None
    created = updated = 0
    with transaction.atomic():
        for entry in entries:
            values = {
                "organisation": organisation,
                "field": fields.get(entry.subject_field),
                "source": entry.source,
                "note": entry.note,
                "status": entry.status,
                "expert": entry.expert if entry.status == ConceptStatus.APPROVED else "",
                "approved_on": (
                    date.fromisoformat(entry.approved_on)
                    if entry.approved_on and entry.status == ConceptStatus.APPROVED
                    else None
                ),
                **{f"definition_{c}": entry.definitions.get(c, "") for c in Language.values},
            }
            concept, was_created = Concept.objects.update_or_create(
                entry_id=entry.entry_id, defaults=values
            )
            created += was_created
            updated += not was_created
            _write(
                concept,
                [
                    {
                        "language": language,
                        "text": t.text,
                        "part_of_speech": t.part_of_speech,
                        "administrative_status": t.administrative_status,
                    }
                    for language, terms in entry.terms.items()
                    for t in terms
                ],
            )
        audit_record(
            actor=by,
            action="concept.import",
            obj=organisation,
            organisation_id=organisation.pk,
            new={"format": fmt, "created": created, "updated": updated},
        )
    return {"created": created, "updated": updated}


def termbase_import_tbx(*, organisation, data: bytes, by, may_approve: bool) -> dict:
    """Read a TBX-Basic file into ``organisation``'s termbase, all or nothing."""
    try:
        entries = tbx.parse(data)
    except tbx.TbxError as exc:
        raise ResourcesError(
            _("Not a valid TBX-Basic file: %(reason)s") % {"reason": exc}
        ) from None
    return _import(entries, organisation=organisation, by=by, may_approve=may_approve, fmt="tbx")


def termbase_import_csv(*, organisation, data: bytes, by, may_approve: bool) -> dict:
    """Read a CSV file (``CSV_COLUMNS``, a row per term) into the termbase, all or nothing."""
    entries = _csv_entries(data)
    return _import(entries, organisation=organisation, by=by, may_approve=may_approve, fmt="csv")
