# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every write of the talent module.  Names are stable; other apps call them.

Credentials (the platform's one record of a person's languages)
    ``credential_add(*, person, language, scheme, level, skill="overall", mode="",
    evidence="", issued_on=None, by=None)`` → LanguageCredential (updates the same
    person/language/scheme/skill/mode);  ``credential_remove(*, credential, by)``;
    ``credential_level_for(person, language, *, skill="overall", table="official")`` →
    the best comparable level (0 = below A1, 1 = A1 … 6 = C2, 7 = native) or None;
    ``level_label(rank)`` → "B2".
Vocabulary
    ``skills_sync()`` → ``{key: Skill}`` from ``amur.talent.vocabulary`` (ESCO URIs as keys).
Profiles
    ``profile_save(*, person, by, **fields)`` → Profile (creates the opt-in profile);
    ``profile_duplicates(profile)``; ``profile_merge(*, keep, drop, by)``.
Needs and their pipeline
    ``need_create(*, organisation, by, kind, title_zh/ru/en, …, requirements=[…])``,
    ``requirement_add(*, need=None, task=None, language, min_level, skill, required)``,
    ``candidate_shortlist(*, need, profile, by)``, ``candidate_advance(*, candidate, stage,
    by)``, ``declaration_confirm(*, candidate, by, text="")``, ``need_filled(need)``.
Tasks for translators and interpreters
    ``task_create(*, organisation, by, kind, source_language, target_language, …,
    requirements=[…], event=None, content=None)`` → Task in draft;
    ``task_offer(*, task, profile, by, override_reason="")``, ``task_accept(*, task, by)``,
    ``task_decline(*, task, by)``, ``task_deliver(*, task, by, text="")``,
    ``task_rate(*, task, by, score, comment="")``, ``task_cancel(*, task, by)``;
    ``event_interpreting_tasks(*, event, organisation, by, kind="simultaneous")`` — an
    event's interpretation needs become tasks of one of its organisers (``event_organisers``);
    ``translation_task_for(*, obj, source, target, by, field=None)`` — the platform's own
    translation of a three-column text (one open task per text and language);
    ``reading_levels(person)`` → ``{language: (rank, source)}``.

A requirement is given as a dict ``{"language": "ru", "min_level": 4, "skill": "reading",
"required": True}``; ``min_level`` may also be a label ("B2").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.enums import Language
from amur.core.errors import DomainError
from amur.core.names import name_words, person_forms
from amur.core.runs import one_at_a_time
from amur.core.search import HAN, search_keys
from amur.core.validators import fields_clean
from amur.talent import levels, locking
from amur.talent import rules as talent_rules
from amur.talent.enums import (
    EquivalenceTable,
    NeedKind,
    RatingSide,
    Scheme,
    Stage,
    TaskKind,
    TaskStatus,
    VolumeUnit,
)
from amur.talent.models import (
    Candidate,
    LanguageCredential,
    Need,
    OrganisationPreference,
    Profile,
    Requirement,
    Task,
    TaskRating,
)


class TalentError(DomainError):
    """A refused talent operation; the message is translated for the user."""


def _user_person_id(user) -> int | None:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return person.pk if person is not None else None


# -- credentials ------------------------------------------------------------------------


def _language(code: str) -> str:
    """One of the site's languages, the only ones the pool, tasks and training use."""
    code = (code or "").strip().lower()
    if code not in Language.values:
        raise TalentError(_("A language is Chinese (zh), Russian (ru) or English (en)."))
    return code


def _check_level(scheme: str, level: str) -> None:
    if not levels.is_valid(scheme, level):
        raise TalentError(
            _("“%(level)s” is not a level of %(scheme)s; expected one of %(levels)s.")
            % {
                "level": level,
                "scheme": Scheme(scheme).label,
                "levels": ", ".join(levels.scheme_levels(scheme)),
            }
        )


@transaction.atomic
def credential_add(
    *,
    person,
    language: str,
    scheme: str,
    level: str,
    skill: str = "overall",
    mode: str = "",
    evidence: str = "",
    issued_on: date | None = None,
    by=None,
) -> LanguageCredential:
    """Record (or update) a credential and derive its comparable levels from ``levels``."""
    if scheme not in Scheme.values:
        raise TalentError(_("Unknown credential scheme “%(scheme)s”.") % {"scheme": scheme})
    _check_level(scheme, level)
    language = _language(language)
    fields_clean(
        LanguageCredential(skill=skill, mode=mode, evidence=evidence), ["skill", "mode", "evidence"]
    )
    official, teachers = levels.both(scheme, level)
    credential, created = LanguageCredential.objects.update_or_create(
        person=person,
        language=language,
        scheme=scheme,
        skill=skill,
        mode=mode,
        defaults={
            "level": level,
            "evidence": evidence,
            "issued_on": issued_on,
            "level_official": official,
            "level_teachers": teachers,
        },
    )
    audit_record(
        actor=by,
        action="talent.credential_add" if created else "talent.credential_change",
        obj=credential,
        new={"language": credential.language, "scheme": scheme, "level": level, "skill": skill},
    )
    return credential


@transaction.atomic
def credential_remove(*, credential: LanguageCredential, by) -> None:
    audit_record(
        actor=by,
        action="talent.credential_remove",
        obj=credential,
        old={
            "language": credential.language,
            "scheme": credential.scheme,
            "level": credential.level,
        },
    )
    credential.delete()


def credential_level_for(
    person, language: str, *, skill: str = "overall", table: str = EquivalenceTable.OFFICIAL
) -> int | None:
    """The person's best comparable level in ``language`` for ``skill`` (None if none).

    A reading, listening, speaking or writing question is also answered by an overall
    credential; translation and interpreting only by credentials of their own.
    """
    from amur.talent.matching import covering_skills, level_column

    column = level_column(table)
    best = LanguageCredential.objects.filter(
        person=person, language=language, skill__in=covering_skills(skill)
    ).aggregate(best=Max(column))["best"]
    return best


def reading_levels(person, *, table: str = EquivalenceTable.OFFICIAL) -> dict:
    """``{language: (rank, source)}``: the person's best reading level per language, with
    the source of its equivalence (used by the forum for its reviewers)."""
    from amur.talent.matching import covering_skills, level_column

    column = level_column(table)
    best: dict[str, tuple[int, str]] = {}
    credentials = LanguageCredential.objects.filter(
        person=person, skill__in=covering_skills("reading")
    ).order_by("language", f"-{column}", "id")
    for credential in credentials:
        if credential.language not in best:
            equivalent = levels.comparable(credential.scheme, credential.level, table)
            best[credential.language] = (equivalent.rank, equivalent.source)
    return best


def level_label(rank: int | None) -> str:
    return levels.CEFR_LABELS[rank] if rank is not None else "—"


def preference_set(*, organisation, table: str, by) -> OrganisationPreference:
    """The organisation chooses which HSK equivalence table it trusts."""
    if table not in EquivalenceTable.values:
        raise TalentError(_("Unknown equivalence table."))
    preference, _created = OrganisationPreference.objects.update_or_create(
        organisation=organisation, defaults={"table": table}
    )
    audit_record(
        actor=by,
        action="talent.preference_set",
        obj=preference,
        new={"table": table},
        organisation_id=organisation.pk,
    )
    return preference


# -- the skills vocabulary ----------------------------------------------------------------


@transaction.atomic
def skills_sync() -> dict:
    """Write the shared vocabulary (``amur.talent.vocabulary``) to the database — names in
    three languages, field and ESCO URI — and return ``{key: Skill}``."""
    from amur.core.models import FieldOfExchange
    from amur.talent.models import Skill
    from amur.talent.vocabulary import SKILLS

    fields = {f.key: f for f in FieldOfExchange.objects.all()}
    found = {}
    for key, field, zh, ru, en, esco_uri in SKILLS:
        found[key], _created = Skill.objects.update_or_create(
            key=key,
            defaults={
                "name_zh": zh,
                "name_ru": ru,
                "name_en": en,
                "field": fields.get(field),
                "esco_uri": esco_uri,
            },
        )
    return found


# -- profiles ---------------------------------------------------------------------------

PROFILE_FIELDS = {
    "visibility",
    "headline_zh",
    "headline_ru",
    "headline_en",
    "experience_years",
    "place",
    "willing_to_travel",
    "available_from",
    "available_until",
    "max_concurrent",
}


def profile_search_keys(person, profile: Profile) -> str:
    """The keys a profile is found by: its person's names and its headline."""
    return search_keys(
        person.name,
        person.name_latin,
        person.name_zh,
        person.name_ru,
        profile.headline_zh,
        profile.headline_ru,
        profile.headline_en,
    )


@transaction.atomic
def profile_save(*, person, by, fields=None, skills=None, **values) -> Profile:
    """Create or update the person's profile; only the person themself (or staff) may."""
    if by is not None and not talent_rules.keeps_profile_of.test(by, person):
        raise TalentError(_("Only the person themself keeps their talent profile."))
    unknown = set(values) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"profile_save got unknown fields {sorted(unknown)}")
    profile, created = Profile.objects.get_or_create(person=person)
    for name, value in values.items():
        setattr(profile, name, value)
    # Judged with the stored date when only one of the pair is changed (an API PUT of the
    # start alone met the database's CHECK constraint as a server error).
    start, end = profile.available_from, profile.available_until
    if start and end and end < start:
        raise TalentError(_("The availability ends before it starts."))
    # The columns' own limits (no negative years, at most 32767 engagements), checked here
    # for the page and the API alike rather than left to the database's CHECK constraints.
    fields_clean(profile, values)
    profile.search_keys = profile_search_keys(person, profile)
    profile.save()
    if fields is not None:
        profile.fields.set(fields)
    if skills is not None:
        profile.skills.set(skills)
    profile.duplicate_of = profile_duplicates(profile).first()
    profile.save(update_fields=["duplicate_of"])
    audit_record(
        actor=by,
        action="talent.profile_create" if created else "talent.profile_change",
        obj=profile,
        new={k: str(v) for k, v in values.items()},
    )
    return profile


def duplicate_probes(person) -> tuple[set[str], set[str]]:
    """The person's name forms, and the strings another profile's search keys must hold
    to be looked at as a duplicate (the forms, and the longer spellings of each word)."""
    own = person_forms(person)
    words = (name_words(name) for name in (person.name, person.name_latin))
    return own, own | {s for w in words for spellings in w for s in spellings if len(s) > 3}


def profile_duplicates(profile: Profile):
    """Other profiles whose person is probably the same as this profile's person.

    The same person entered once in Chinese and once in Russian or Latin letters, or with
    and without a patronymic, has names that agree across scripts (``amur.core.names``).
    Merging is the person's or staff's call.
    """
    own, probes = duplicate_probes(profile.person)
    if not probes:
        return Profile.objects.none()
    condition = Q()
    for probe in probes:
        condition |= Q(search_keys__contains=probe)
    others = Profile.objects.exclude(pk=profile.pk).filter(condition).select_related("person")
    ids = [other.pk for other in others[:200] if own & person_forms(other.person)]
    return Profile.objects.filter(pk__in=ids).order_by("id")


VISIBILITY_ORDER = ["public", "members", "hidden"]  # from least to most private


def _merge_credentials(keep: Profile, drop: Profile) -> dict:
    """The dropped person's credentials move to the kept person.  Of two in the same
    language, scheme, skill and mode (one per person by constraint) the higher level is
    kept, with the evidence of both; the lower stays on the dropped person's directory
    record, so nothing is destroyed."""
    moved = folded = 0
    for credential in LanguageCredential.objects.filter(person=drop.person).order_by("id"):
        held = LanguageCredential.objects.filter(
            person=keep.person,
            language=credential.language,
            scheme=credential.scheme,
            skill=credential.skill,
            mode=credential.mode,
        ).first()
        if held is None:
            credential.person = keep.person
            credential.save(update_fields=["person"])
            moved += 1
            continue
        winner, loser = (
            (credential, held)
            if credential.level_official > held.level_official
            else (held, credential)
        )
        evidence = [e for e in (winner.evidence, loser.evidence) if e]
        winner.evidence = " · ".join(dict.fromkeys(evidence))[:300]
        winner.issued_on = winner.issued_on or loser.issued_on
        if winner is credential:
            # The two change places; the held one first steps out of the constraint's way.
            original_mode = held.mode
            LanguageCredential.objects.filter(pk=held.pk).update(mode=f"~{held.pk}"[:16])
            credential.person = keep.person
            credential.save(update_fields=["person", "evidence", "issued_on"])
            LanguageCredential.objects.filter(pk=held.pk).update(
                person=drop.person, mode=original_mode
            )
        else:
            winner.save(update_fields=["evidence", "issued_on"])
        folded += 1
    return {"credentials_moved": moved, "credentials_folded": folded}


def _merge_candidacies(keep: Profile, drop: Profile) -> int:
    """The dropped profile's candidacies move; where both stand for the same need, the one
    further in the pipeline stays, with whichever declaration and engagement either had."""
    order = Stage.order()

    def rank(candidate):
        return order.index(candidate.stage) if candidate.stage in order else -1

    moved = 0
    for candidacy in Candidate.objects.filter(profile=drop).select_for_update().order_by("id"):
        held = Candidate.objects.filter(need=candidacy.need_id, profile=keep).first()
        if held is None:
            candidacy.profile = keep
            candidacy.save(update_fields=["profile", "updated_at"])
            moved += 1
            continue
        if rank(candidacy) > rank(held):
            held.stage = candidacy.stage
        if held.declaration_confirmed_at is None and candidacy.declaration_confirmed_at:
            held.declaration_confirmed_at = candidacy.declaration_confirmed_at
            held.declaration_text = candidacy.declaration_text
        engagement = candidacy.engagement
        if held.engagement_id is None and engagement is not None:
            candidacy.engagement = None  # one candidacy per engagement
            candidacy.save(update_fields=["engagement"])
            held.engagement = engagement
        held.save()
        candidacy.delete()
        moved += 1
    return moved


@transaction.atomic
def profile_merge(*, keep: Profile, drop: Profile, by) -> Profile:
    """Merge ``drop`` into ``keep`` (the same person entered twice) so that nothing is lost:
    credentials (see ``_merge_credentials``), skills and fields, tasks as translator or
    reviewer with their ratings, candidacies, training enrolments and the person's expert
    engagements move to ``keep``; blank profile details are filled from ``drop``, the
    stricter visibility of the two is kept (the person hid one of them for a reason), and
    both spellings of the name stay searchable.  The dropped profile is deleted; its
    person stays in the directory with anything that could not move."""
    from amur.mobility.models import ExpertEngagement
    from amur.talent.models import TrainingEnrolment

    if keep.pk == drop.pk:
        raise TalentError(_("A profile cannot be merged into itself."))
    locked = {
        p.pk: p
        for p in Profile.objects.select_for_update()
        .select_related("person")
        .filter(pk__in=[keep.pk, drop.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise TalentError(_("One of the two profiles no longer exists."))
    keep, drop = locked[keep.pk], locked[drop.pk]
    self_reviewed = Task.objects.filter(
        Q(assignee=keep, reviewer=drop) | Q(assignee=drop, reviewer=keep)
    ).values_list("pk", flat=True)
    if self_reviewed:
        raise TalentError(
            _(
                "The two profiles translated and reviewed the same task (%(tasks)s); name "
                "another reviewer first, as nobody reviews their own translation."
            )
            % {"tasks": ", ".join(f"#{pk}" for pk in self_reviewed)}
        )
    moved = _merge_credentials(keep, drop)
    keep.skills.add(*drop.skills.all())
    keep.fields.add(*drop.fields.all())
    moved["tasks"] = Task.objects.filter(assignee=drop).update(assignee=keep)
    moved["reviews"] = Task.objects.filter(reviewer=drop).update(reviewer=keep)
    moved["candidacies"] = _merge_candidacies(keep, drop)
    moved["enrolments"] = TrainingEnrolment.objects.filter(profile=drop).update(profile=keep)
    # The expert engagements (mobility) are the person's; they follow the kept person.
    moved["engagements"] = ExpertEngagement.objects.filter(person=drop.person).update(
        person=keep.person
    )
    for name in ("headline_zh", "headline_ru", "headline_en", "place"):
        if not getattr(keep, name):
            setattr(keep, name, getattr(drop, name))
    if keep.available_from is None and keep.available_until is None:  # dates go as a pair
        keep.available_from, keep.available_until = drop.available_from, drop.available_until
    keep.experience_years = max(keep.experience_years, drop.experience_years)
    keep.willing_to_travel = keep.willing_to_travel or drop.willing_to_travel
    keep.visibility = max(keep.visibility, drop.visibility, key=VISIBILITY_ORDER.index)
    keep.search_keys = " ".join(dict.fromkeys(f"{keep.search_keys} {drop.search_keys}".split()))
    keep.duplicate_of = None
    keep.save()
    Profile.objects.filter(duplicate_of=drop).exclude(pk=keep.pk).update(duplicate_of=keep)
    audit_record(
        actor=by,
        action="talent.profile_merge",
        obj=keep,
        old={"dropped": drop.pk, "dropped_person": drop.person_id},
        new=moved,
    )
    drop.delete()
    _ratings_refresh(keep)
    return keep


# -- requirements, needs, candidates ------------------------------------------------------


def _requirement_values(spec: dict) -> dict:
    min_level = spec["min_level"]
    if isinstance(min_level, str):
        try:
            min_level = levels.rank_of_label(min_level)
        except ValueError:
            raise TalentError(
                _("“%(level)s” is not a level of the common scale (A1 … C2, native).")
                % {"level": min_level}
            ) from None
    if not 0 <= int(min_level) <= levels.NATIVE:
        raise TalentError(_("A required level lies between A1 and native."))
    return {
        "language": spec["language"],
        "min_level": int(min_level),
        "skill": spec.get("skill", "overall"),
        "required": spec.get("required", True),
    }


def requirement_add(*, need: Need | None = None, task: Task | None = None, **spec) -> Requirement:
    return Requirement.objects.create(need=need, task=task, **_requirement_values(spec))


def _texts(values: dict, name: str) -> None:
    if not any(values.get(f"{name}_{lang}") for lang in ("zh", "ru", "en")):
        raise TalentError(_("Give a title in at least one language."))


NEED_FIELDS = {
    "title_zh",
    "title_ru",
    "title_en",
    "description_zh",
    "description_ru",
    "description_en",
    "field",
    "headcount",
    "in_post",
    "place",
    "remote",
    "start",
    "end",
    "event",
}


@transaction.atomic
def need_create(
    *,
    organisation,
    by,
    kind: str,
    requirements=(),
    required_skills=(),
    preferred_skills=(),
    **values,
) -> Need:
    """An organisation states what it must fill (headcount, requirements, dates)."""
    unknown = set(values) - NEED_FIELDS
    if unknown:
        raise TypeError(f"need_create got unknown fields {sorted(unknown)}")
    if kind not in NeedKind.values:
        raise TalentError(_("Unknown kind of need."))
    _texts(values, "title")
    if values.get("start") and values.get("end") and values["end"] < values["start"]:
        raise TalentError(_("The need ends before it starts."))
    need = Need(organisation=organisation, kind=kind, created_by=by, **values)
    need.search_keys = search_keys(need.title_zh, need.title_ru, need.title_en)
    need.save()
    need.required_skills.set(required_skills)
    need.preferred_skills.set(preferred_skills)
    for spec in requirements:
        requirement_add(need=need, **spec)
    audit_record(
        actor=by,
        action="talent.need_create",
        obj=need,
        new={"kind": kind, "headcount": need.headcount},
        organisation_id=organisation.pk,
    )
    return need


def need_filled(need: Need) -> int:
    """People in post: those before the platform plus those contracted through it."""
    return need.in_post + need.candidates.filter(stage=Stage.CONTRACTED).count()


@transaction.atomic
def need_close(*, need: Need, by) -> Need:
    need = locking.need_locked(need.pk)
    need.status = "closed"
    need.save(update_fields=["status"])
    audit_record(
        actor=by, action="talent.need_close", obj=need, organisation_id=need.organisation_id
    )
    return need


@transaction.atomic
def candidate_shortlist(*, need: Need, profile: Profile, by) -> Candidate:
    """The organisation shortlists a person who meets every hard requirement."""
    from amur.talent.matching import qualifies

    if profile.visibility == "hidden":
        raise TalentError(_("This profile is not available."))
    need = locking.need_locked(need.pk)
    if need.status != "open":
        raise TalentError(_("This need is closed."))
    if not qualifies(need, profile):
        raise TalentError(_("This person does not meet the need's requirements."))
    candidate, created = Candidate.objects.get_or_create(
        need=need, profile=profile, defaults={"shortlisted_by": by}
    )
    if not created:
        raise TalentError(_("This person is already on the shortlist."))
    audit_record(
        actor=by,
        action="talent.candidate_shortlist",
        obj=candidate,
        organisation_id=need.organisation_id,
    )
    return candidate


@transaction.atomic
def candidate_advance(*, candidate: Candidate, stage: str, by) -> Candidate:
    """Move a candidate forward in the pipeline (or withdraw); contracting an expert
    creates the expert engagement of the mobility module."""
    candidate = locking.candidate_locked(candidate)
    order = Stage.order()
    if stage not in Stage.values:
        raise TalentError(_("Unknown stage."))
    if candidate.stage in (Stage.CONTRACTED, Stage.WITHDRAWN):
        raise TalentError(_("This candidacy is closed."))
    if stage != Stage.WITHDRAWN and order.index(stage) <= order.index(candidate.stage):
        raise TalentError(_("A candidate only moves forward in the pipeline."))
    if stage in (Stage.AGREED, Stage.CONTRACTED) and candidate.declaration_confirmed_at is None:
        raise TalentError(
            _("The person must first confirm their conflict-of-interest declaration.")
        )
    old = candidate.stage
    candidate.stage = stage
    if stage == Stage.CONTRACTED:
        need = candidate.need
        if need_filled(need) >= need.headcount:
            raise TalentError(_("The need's headcount is already filled."))
        if need.kind in (NeedKind.EXPERT, NeedKind.TEACHING):
            from amur.mobility.models import ExpertEngagement

            candidate.engagement = ExpertEngagement.objects.create(
                person=candidate.profile.person,
                host=need.organisation,
                position_zh=need.title_zh,
                position_ru=need.title_ru,
                position_en=need.title_en,
                field=need.field,
                start=need.start or timezone.localdate(),
                end=need.end,
            )
    candidate.save()
    audit_record(
        actor=by,
        action="talent.candidate_advance",
        obj=candidate,
        old={"stage": old},
        new={"stage": stage},
        organisation_id=candidate.need.organisation_id,
    )
    return candidate


@transaction.atomic
def declaration_confirm(*, candidate: Candidate, by, text: str = "") -> Candidate:
    """The shortlisted person confirms their conflict-of-interest declaration — only they."""
    if _user_person_id(by) != candidate.profile.person_id:
        raise TalentError(_("Only the shortlisted person can confirm their own declaration."))
    candidate.declaration_confirmed_at = timezone.now()
    candidate.declaration_text = text
    candidate.save(update_fields=["declaration_confirmed_at", "declaration_text", "updated_at"])
    audit_record(actor=by, action="talent.declaration_confirm", obj=candidate, new={"text": text})
    return candidate


# -- tasks -----------------------------------------------------------------------------

TASK_FIELDS = {
    "title_zh",
    "title_ru",
    "title_en",
    "field",
    "volume",
    "volume_unit",
    "start",
    "end",
    "place",
    "online",
    "confidential",
    "source_text",
}


@transaction.atomic
def task_create(
    *,
    organisation,
    by,
    kind: str,
    source_language: str,
    target_language: str,
    requirements=(),
    event=None,
    content=None,
    **values,
) -> Task:
    """A translation or interpreting task in draft.

    ``content`` = ``(obj, field)`` marks the platform's own translation of ``obj``'s
    three-column ``field`` into ``target_language``.  Without explicit ``requirements``
    the task requires C1 in the source language (a translation credential for a
    translation) and B2 overall in the target language.
    """
    unknown = set(values) - TASK_FIELDS
    if unknown:
        raise TypeError(f"task_create got unknown fields {sorted(unknown)}")
    if kind not in TaskKind.values:
        raise TalentError(_("Unknown kind of task."))
    source_language, target_language = _language(source_language), _language(target_language)
    if source_language == target_language:
        raise TalentError(_("A task translates between two different languages."))
    if values.get("volume_unit") and values["volume_unit"] not in VolumeUnit.values:
        raise TalentError(_("Unknown unit of volume."))
    if values.get("volume") is not None and values["volume"] < 1:
        raise TalentError(_("A volume is a whole number of at least 1."))
    if values.get("start") and values.get("end") and values["end"] < values["start"]:
        raise TalentError(_("The task ends before it starts."))
    task = Task(
        organisation=organisation,
        kind=kind,
        source_language=source_language,
        target_language=target_language,
        event=event,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
        **values,
    )
    if content is not None:
        obj, field_name = content
        task.content_type = obj._meta.label_lower
        task.content_id = obj.pk
        task.content_field = field_name
    fields_clean(task, ["title_zh", "title_ru", "title_en"])
    if not (task.title_zh or task.title_ru or task.title_en):
        task.title_en = f"{TaskKind(kind).label} {source_language}→{target_language}"
    task.save()
    if not requirements:
        skill = "translation" if kind == TaskKind.TRANSLATION else "overall"
        requirements = [
            {"language": source_language, "min_level": 5, "skill": skill},
            {"language": target_language, "min_level": 4, "skill": "overall"},
        ]
    for spec in requirements:
        requirement_add(task=task, **spec)
    audit_record(
        actor=by,
        action="talent.task_create",
        obj=task,
        new={"kind": kind, "pair": f"{source_language}>{target_language}"},
        organisation_id=organisation.pk,
    )
    return task


def _text_volume(text: str, language: str) -> tuple[int | None, str]:
    if not text:
        return None, ""
    if language == "zh":
        return sum(1 for ch in text if HAN.match(ch)), VolumeUnit.ZH_CHARACTERS
    unit = VolumeUnit.RU_WORDS if language == "ru" else VolumeUnit.EN_WORDS
    return len(text.split()), unit


ORGANISING_ROLES = ("host", "co_organiser")


def event_organisers(event) -> list:
    """The organisations that run ``event`` (host first, then co-organisers) — those who
    may turn its interpretation needs into tasks."""
    links = event.event_organisers.filter(role__in=ORGANISING_ROLES).select_related("organisation")
    return [link.organisation for link in sorted(links, key=lambda x: (x.role != "host", x.pk))]


def _interpreting_needs(event) -> list[dict]:
    """What ``event`` says it needs interpreted: each session marked for interpretation,
    grouped by day and direction (from the session's language into the other of Chinese
    and Russian, or into both for a third language); without such sessions, the whole
    event in both directions when the event itself is marked."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(event.timezone) if event.timezone else timezone.get_current_timezone()
    needs: dict[tuple, dict] = {}
    for session in event.sessions.filter(interpretation=True).order_by("start", "id"):
        day = session.start.astimezone(zone).date()
        for target in [lang for lang in ("ru", "zh") if lang != session.language]:
            need = needs.setdefault(
                (day, session.language, target),
                {
                    "source": session.language,
                    "target": target,
                    "start": day,
                    "end": day,
                    "minutes": 0,
                },
            )
            need["minutes"] += int((session.end - session.start).total_seconds() // 60)
    if needs:
        return list(needs.values())
    if not event.interpretation:
        return []
    start, end = event.start.astimezone(zone).date(), event.end.astimezone(zone).date()
    return [
        {"source": source, "target": target, "start": start, "end": end, "minutes": 0}
        for source, target in (("zh", "ru"), ("ru", "zh"))
    ]


@transaction.atomic
def event_interpreting_tasks(
    *, event, organisation, by, kind: str = TaskKind.SIMULTANEOUS
) -> list[Task]:
    """An event's interpretation needs become interpreting tasks of one of its organisers
    (one per day and direction; a need that already has an open task is not repeated).
    Returns the tasks created."""
    if kind not in (TaskKind.SIMULTANEOUS, TaskKind.CONSECUTIVE):
        raise TalentError(_("Choose simultaneous or consecutive interpreting."))
    if organisation not in event_organisers(event):
        raise TalentError(_("Only an organiser of the event states its interpreting tasks."))
    needs = _interpreting_needs(event)
    if not needs:
        raise TalentError(_("This event states no interpretation needs."))
    created = []
    for need in needs:
        exists = (
            Task.objects.filter(
                event=event,
                source_language=need["source"],
                target_language=need["target"],
                start=need["start"],
                end=need["end"],
            )
            .exclude(status=TaskStatus.CANCELLED)
            .exists()
        )
        if exists:
            continue
        pair = f"{need['source']}→{need['target']}"
        titles = {
            f"title_{lang}": f"{getattr(event, f'title_{lang}') or event.slug} · {pair}"
            + (f" · {need['start']:%Y-%m-%d}" if need["start"] == need["end"] else "")
            for lang in ("zh", "ru", "en")
        }
        hours = -(-need["minutes"] // 60)  # whole hours, rounded up
        created.append(
            task_create(
                organisation=organisation,
                by=by,
                kind=kind,
                source_language=need["source"],
                target_language=need["target"],
                event=event,
                start=need["start"],
                end=need["end"],
                place=event.place,
                online=bool(event.online_url) and event.place is None,
                volume=hours or None,
                volume_unit=VolumeUnit.HOURS if hours else "",
                requirements=[
                    {"language": need["source"], "min_level": "C1", "skill": "interpreting"},
                    {"language": need["target"], "min_level": "C1"},
                ],
                **titles,
            )
        )
    return created


def translation_task_for(*, obj, source: str, target: str, by, field: str | None = None) -> Task:
    """The platform's own translation: ``obj``'s three-column text lacking ``target``
    becomes a translation task for its owning organisation (one open task per text and
    language; an existing one is returned).  ``field`` defaults to the first of
    abstract, description, rules, body, title that ``obj`` has."""
    from amur.directory.models import Organisation

    if field is None:
        field = next(
            name
            for name in ("abstract", "description", "rules", "body", "title")
            if hasattr(obj, f"{name}_{source}")
        )
    existing = (
        Task.objects.filter(
            content_type=obj._meta.label_lower,
            content_id=obj.pk,
            content_field=field,
            target_language=target,
        )
        .exclude(status=TaskStatus.CANCELLED)
        .first()
    )
    if existing is not None:
        return existing
    text = getattr(obj, f"{field}_{source}", "") or ""
    volume, unit = _text_volume(text, source)
    label = str(obj)[:200]
    return task_create(
        organisation=Organisation.objects.get(pk=_content_owner_id(obj)),
        by=by,
        kind=TaskKind.TRANSLATION,
        source_language=source,
        target_language=target,
        content=(obj, field),
        source_text=text,
        volume=volume,
        volume_unit=unit,
        title_en=f"{label} ({source}→{target})",
    )


def profile_load(profile: Profile) -> int:
    """Tasks offered to or accepted by the person and not yet delivered."""
    return Task.objects.filter(assignee=profile, status__in=TaskStatus.active()).count()


@transaction.atomic
def task_offer(*, task: Task, profile: Profile, by, override_reason: str = "") -> Task:
    """Offer a draft task to a qualified person; above their rotation cap only with a reason."""
    from amur.talent.matching import qualifies

    task = _locked(task)
    if task.status != TaskStatus.DRAFT:
        raise TalentError(_("Only a draft task can be offered."))
    if profile.visibility == "hidden":
        raise TalentError(_("This profile is not available."))
    if not qualifies(task, profile):
        raise TalentError(_("This person does not meet the task's requirements."))
    # Lock the person's row so two offers cannot both slip under the cap.
    Profile.objects.select_for_update().filter(pk=profile.pk).first()
    load = profile_load(profile)
    if load >= profile.max_concurrent and not override_reason.strip():
        raise TalentError(
            _(
                "%(name)s already has %(load)s engagements (cap %(cap)s); "
                "give a reason to exceed the cap."
            )
            % {"name": profile.person, "load": load, "cap": profile.max_concurrent}
        )
    task.assignee = profile
    task.status = TaskStatus.OFFERED
    task.cap_override_reason = override_reason.strip() if load >= profile.max_concurrent else ""
    task.save(update_fields=["assignee", "status", "cap_override_reason"])
    audit_record(
        actor=by,
        action="talent.task_offer",
        obj=task,
        new={"profile": profile.pk, "load": load},
        reason=task.cap_override_reason,
        organisation_id=task.organisation_id,
    )
    return task


def _locked(task: Task) -> Task:
    """The task's row, locked for the state change (the caller's copy may be stale)."""
    return Task.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=task.pk)


def _assignee_only(task: Task, by) -> None:
    if task.assignee is None or _user_person_id(by) != task.assignee.person_id:
        raise TalentError(_("Only the person the task was offered to can do this."))


@transaction.atomic
def task_accept(*, task: Task, by) -> Task:
    task = _locked(task)
    _assignee_only(task, by)
    if task.status != TaskStatus.OFFERED:
        raise TalentError(_("Only an offered task can be accepted."))
    task.status = TaskStatus.ACCEPTED
    task.save(update_fields=["status"])
    audit_record(
        actor=by, action="talent.task_accept", obj=task, organisation_id=task.organisation_id
    )
    return task


@transaction.atomic
def task_decline(*, task: Task, by) -> Task:
    task = _locked(task)
    _assignee_only(task, by)
    if task.status != TaskStatus.OFFERED:
        raise TalentError(_("Only an offered task can be declined."))
    task.status = TaskStatus.DRAFT
    task.assignee = None
    task.cap_override_reason = ""
    task.save(update_fields=["status", "assignee", "cap_override_reason"])
    audit_record(
        actor=by, action="talent.task_decline", obj=task, organisation_id=task.organisation_id
    )
    return task


@transaction.atomic
def task_deliver(*, task: Task, by, text: str = "") -> Task:
    task = _locked(task)
    _assignee_only(task, by)
    if task.status != TaskStatus.ACCEPTED:
        raise TalentError(_("Only an accepted task can be delivered."))
    if task.content_type and not text.strip():
        raise TalentError(_("Deliver the translated text."))
    task.status = TaskStatus.DELIVERED
    task.delivered_text = text
    task.delivered_at = timezone.now()
    task.save(update_fields=["status", "delivered_text", "delivered_at"])
    audit_record(
        actor=by, action="talent.task_deliver", obj=task, organisation_id=task.organisation_id
    )
    return task


@transaction.atomic
def task_cancel(*, task: Task, by) -> Task:
    task = _locked(task)
    if task.status in (TaskStatus.DELIVERED, TaskStatus.REVIEWED):
        raise TalentError(_("A delivered task cannot be cancelled."))
    task.status = TaskStatus.CANCELLED
    task.save(update_fields=["status"])
    audit_record(
        actor=by, action="talent.task_cancel", obj=task, organisation_id=task.organisation_id
    )
    return task


def _ratings_refresh(profile: Profile) -> None:
    summary = TaskRating.objects.filter(
        task__assignee=profile, side=RatingSide.REQUESTER
    ).aggregate(avg=Avg("score"), n=Count("id"))
    profile.rating_average = (
        Decimal(str(round(summary["avg"], 2))) if summary["avg"] is not None else None
    )
    profile.rating_count = summary["n"]
    profile.save(update_fields=["rating_average", "rating_count"])


@transaction.atomic
def task_rate(
    *, task: Task, by, score: int, comment: str = "", side: str | None = None
) -> TaskRating:
    """After delivery each side rates the other once: the requester the work, the
    translator the requester's briefing and payment.  The side follows from who rates."""
    task = _locked(task)
    if task.status not in (TaskStatus.DELIVERED, TaskStatus.REVIEWED):
        raise TalentError(_("A task is rated after delivery."))
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise TalentError(_("A rating is a whole number from 1 to 5."))
    is_provider = task.assignee is not None and _user_person_id(by) == task.assignee.person_id
    is_requester = talent_rules.acts_for_organisation.test(by, task)
    if side is None:
        side = RatingSide.PROVIDER if is_provider else RatingSide.REQUESTER
    if side == RatingSide.PROVIDER and not is_provider:
        raise TalentError(_("Only the translator rates the requester."))
    if side == RatingSide.REQUESTER and (not is_requester or is_provider):
        raise TalentError(_("Only the requesting organisation rates the work."))
    if TaskRating.objects.filter(task=task, side=side).exists():
        raise TalentError(_("This side has already rated the task."))
    rating = TaskRating.objects.create(task=task, side=side, score=score, comment=comment, by=by)
    if side == RatingSide.REQUESTER:
        if not task.content_type:  # the platform's own texts are reviewed by a second person
            task.status = TaskStatus.REVIEWED
            task.save(update_fields=["status"])
        _ratings_refresh(task.assignee)
    audit_record(
        actor=by,
        action="talent.task_rate",
        obj=task,
        new={"side": side, "score": score},
        organisation_id=task.organisation_id,
    )
    return rating


# -- the platform's own translation ------------------------------------------------------

# The three-column texts of other apps that the platform translates (model → fields).
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "events.event": ("summary",),
    "directory.organisation": ("description",),
    "alliances.constitutionversion": ("text",),
    "competitions.edition": ("rules",),
}
# Which language a missing one is best translated from: Russian and Chinese first.
SOURCE_PREFERENCE = {"zh": ("ru", "en"), "ru": ("zh", "en"), "en": ("ru", "zh")}


def _content_owner_id(obj) -> int | None:
    from amur.core.permissions import owning_organisation_id

    try:
        return owning_organisation_id(obj)
    except TypeError:
        alliance = getattr(obj, "alliance", None)  # an alliance's documents: its secretariat
        return alliance.owning_organisation_id() if alliance is not None else None


def content_object(task: Task):
    """The object whose text ``task`` translates (None for other tasks or when gone)."""
    from django.apps import apps

    if not task.content_type:
        return None
    model = apps.get_model(task.content_type)
    return model.objects.filter(pk=task.content_id).first()


def translation_tasks_for_missing(*, obj, by, fields=None) -> list[Task]:
    """Every text of ``obj`` that lacks a content language becomes a translation task
    into it, from the language it is best translated from (one open task per text and
    language; existing ones are returned).  Objects without an owning organisation are
    skipped."""
    from amur.core.i18n import missing_languages

    work = []
    for field in fields or TRANSLATABLE.get(obj._meta.label_lower, ()):
        missing = missing_languages(obj, field)
        present = [lang for lang in ("zh", "ru", "en") if lang not in missing]
        if present and missing:
            work.append((field, missing, present))
    # The owner is asked only of a text that can be translated (a query for most objects).
    if not work or _content_owner_id(obj) is None:
        return []
    tasks = []
    for field, missing, present in work:
        for target in missing:
            source = next(
                lang for lang in (*SOURCE_PREFERENCE[target], *present) if lang in present
            )
            tasks.append(
                translation_task_for(obj=obj, source=source, target=target, by=by, field=field)
            )
    return tasks


def translation_sweep(*, by=None) -> int:
    """Translation tasks for every text of the platform (``TRANSLATABLE``) that lacks a
    language; returns how many tasks it opened.  One sweep runs at a time, whichever
    machine starts it (each looks for an open task before it opens one)."""
    from django.apps import apps

    with one_at_a_time("talent.translation_sweep"):
        before = Task.objects.exclude(content_type="").count()
        for label, fields in TRANSLATABLE.items():
            model = apps.get_model(label)
            condition = Q()
            for field in fields:
                for lang in ("zh", "ru", "en"):
                    condition |= Q(**{f"{field}_{lang}": ""})
            for obj in model.objects.filter(condition).order_by("pk"):
                translation_tasks_for_missing(obj=obj, by=by, fields=fields)
        return Task.objects.exclude(content_type="").count() - before


@transaction.atomic
def review_assign(*, task: Task, reviewer: Profile, by) -> Task:
    """The organisation names a second qualified person to review the translation —
    never its translator."""
    from amur.talent.matching import qualifies

    task = _locked(task)
    if not task.content_type:
        raise TalentError(
            _("Only the platform's own translations are reviewed before publication.")
        )
    if task.published_at is not None or task.status == TaskStatus.CANCELLED:
        raise TalentError(_("This translation is closed."))
    if task.assignee is not None and task.assignee.person_id == reviewer.person_id:
        raise TalentError(_("The translator cannot review their own translation."))
    if reviewer.visibility == "hidden":
        raise TalentError(_("This profile is not available."))
    if not qualifies(task, reviewer):
        raise TalentError(_("This person does not meet the task's requirements."))
    task.reviewer = reviewer
    task.save(update_fields=["reviewer"])
    audit_record(
        actor=by,
        action="talent.review_assign",
        obj=task,
        new={"reviewer": reviewer.pk},
        organisation_id=task.organisation_id,
    )
    return task


@transaction.atomic
def translation_review(*, task: Task, by, approve: bool, text: str = "", note: str = "") -> Task:
    """The reviewer approves (and publishes) or returns a delivered translation.

    Publishing writes the text into the content's missing column, so the content's
    fallback marker disappears; the task keeps who translated and who reviewed it, which
    the content's pages show as credit (``selectors.translation_credits``).
    """
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("assignee", "reviewer")
        .get(pk=task.pk)
    )
    person_id = _user_person_id(by)
    if task.reviewer is None or person_id != task.reviewer.person_id:
        raise TalentError(_("Only the task's reviewer reviews the translation."))
    if task.assignee is not None and person_id == task.assignee.person_id:
        raise TalentError(_("The translator cannot review their own translation."))
    if task.status != TaskStatus.DELIVERED:
        raise TalentError(_("Only a delivered translation is reviewed."))
    if not approve:
        task.status = TaskStatus.ACCEPTED
        task.save(update_fields=["status"])
        audit_record(
            actor=by,
            action="talent.translation_return",
            obj=task,
            reason=note,
            organisation_id=task.organisation_id,
        )
        return task
    final = text.strip() or task.delivered_text
    obj = content_object(task)
    if obj is None:
        raise TalentError(_("The text to translate no longer exists."))
    column = f"{task.content_field}_{task.target_language}"
    setattr(obj, column, final)
    obj.save(update_fields=[column])
    task.delivered_text = final
    task.status = TaskStatus.REVIEWED
    task.published_at = timezone.now()
    task.save(update_fields=["delivered_text", "status", "published_at"])
    audit_record(
        actor=by,
        action="talent.translation_publish",
        obj=task,
        new={"content": f"{task.content_type}:{task.content_id}", "column": column},
        organisation_id=task.organisation_id,
    )
    return task


# -- training offers --------------------------------------------------------------------


@transaction.atomic
def training_create(
    *,
    organisation,
    by,
    language: str,
    award_scheme: str,
    award_level: str,
    start,
    end,
    seats: int | None,
    place=None,
    award_skill: str = "overall",
    entry_level: int = 0,
    skill=None,
    timezone_name: str = "",
    **texts,
):
    """A training offer: an event of the events module (published, one in-person mode
    with ``seats``) and what completing it certifies."""
    from amur.events.enums import EventKind, EventStatus
    from amur.events.models import Event
    from amur.events.services import event_save_with_modes
    from amur.talent.models import TrainingOffer

    unknown = set(texts) - {
        f"{n}_{lang}" for n in ("title", "summary") for lang in ["zh", "ru", "en"]
    }
    if unknown:
        raise TypeError(f"training_create got unknown fields {sorted(unknown)}")
    _texts(texts, "title")
    language = _language(language)
    if award_scheme not in Scheme.values:
        raise TalentError(_("Unknown credential scheme “%(scheme)s”.") % {"scheme": award_scheme})
    _check_level(award_scheme, award_level)
    fields_clean(TrainingOffer(award_skill=award_skill), ["award_skill"])
    if seats is not None and seats < 1:
        raise TalentError(_("A training offer has at least one seat."))
    slug_base = f"training-{organisation.pk}-{timezone.now():%Y%m%d%H%M%S%f}"
    event = Event(
        slug=slug_base,
        kind=EventKind.WORKSHOP,
        status=EventStatus.PUBLISHED,
        place=place or organisation.place,
        start=start,
        end=end,
        timezone=timezone_name,
        languages=",".join(sorted({language, "zh", "ru"} - {""})),
        **texts,
    )
    event_save_with_modes(
        event=event, host=organisation, in_person=seats, online=None, offer_online=False
    )
    offer = TrainingOffer.objects.create(
        organisation=organisation,
        event=event,
        language=language,
        entry_level=entry_level,
        skill=skill,
        award_scheme=award_scheme,
        award_level=award_level,
        award_skill=award_skill,
    )
    audit_record(
        actor=by,
        action="talent.training_create",
        obj=offer,
        new={"language": language, "seats": seats},
        organisation_id=organisation.pk,
    )
    return offer


def _training_mode(offer):
    return offer.event.modes.get(attendance="in_person")


@transaction.atomic
def training_enrol(*, offer, profile: Profile, by):
    """The person enrols themself; a full offer puts them on the waiting list (the events
    module's registration, which never overbooks)."""
    from amur.events.services import registration_create
    from amur.talent.models import TrainingEnrolment

    if _user_person_id(by) != profile.person_id:
        raise TalentError(_("Only the person themself enrols."))
    if offer.entry_level and (
        (credential_level_for(profile.person, offer.language) or 0) < offer.entry_level
    ):
        raise TalentError(
            _("This course asks for %(level)s in the language first.")
            % {"level": level_label(offer.entry_level)}
        )
    live = TrainingEnrolment.objects.filter(offer=offer, profile=profile).exclude(
        registration__status="cancelled"
    )
    if live.exists():
        raise TalentError(_("You are already enrolled."))
    person = profile.person
    email = person.email or getattr(by, "email", "") or f"person-{person.pk}@talent.invalid"
    registration = registration_create(
        mode=_training_mode(offer), name=person.name, email=email, send_mail=False
    )
    enrolment = TrainingEnrolment.objects.create(
        offer=offer, profile=profile, registration=registration
    )
    audit_record(
        actor=by,
        action="talent.training_enrol",
        obj=enrolment,
        new={"status": registration.status},
        organisation_id=offer.organisation_id,
    )
    return enrolment


@transaction.atomic
def training_withdraw(*, enrolment, by):
    """The person (or the offering organisation) withdraws; the freed seat goes to the
    first on the waiting list, by the events module."""
    from amur.events.services import registration_cancel

    if not talent_rules.withdraws_enrolment.test(by, enrolment):
        raise TalentError(
            _("Only the person or the offering organisation can withdraw an enrolment.")
        )
    return registration_cancel(registration=enrolment.registration, by=by)


@transaction.atomic
def training_complete(*, enrolment, by, evidence: str = ""):
    """The offering organisation records completion; the offer's credential is added to
    the person's languages (a higher one of the same scheme is kept, never lowered)."""
    from amur.core.i18n import localised_text

    enrolment.registration.refresh_from_db()
    if enrolment.registration.status not in ("confirmed", "attended"):
        raise TalentError(_("Only an enrolled participant (not waiting) can complete the course."))
    if enrolment.completed_at is not None:
        raise TalentError(_("This completion is already recorded."))
    offer = enrolment.offer
    if not talent_rules.acts_for_organisation.test(by, offer):
        raise TalentError(_("Only the offering organisation records completion."))
    official, _teachers = levels.both(offer.award_scheme, offer.award_level)
    held = LanguageCredential.objects.filter(
        person=enrolment.profile.person,
        language=offer.language,
        scheme=offer.award_scheme,
        skill=offer.award_skill,
        mode="",
        level_official__gte=official,
    ).first()
    credential = held or credential_add(
        person=enrolment.profile.person,
        language=offer.language,
        scheme=offer.award_scheme,
        level=offer.award_level,
        skill=offer.award_skill,
        evidence=(evidence or localised_text(offer.event, "title"))[:300],
        issued_on=timezone.localdate(),
        by=by,
    )
    enrolment.completed_at = timezone.now()
    enrolment.credential = credential
    enrolment.save(update_fields=["completed_at", "credential"])
    audit_record(
        actor=by,
        action="talent.training_complete",
        obj=enrolment,
        organisation_id=offer.organisation_id,
    )
    return enrolment
