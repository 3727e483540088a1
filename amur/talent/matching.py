# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Explainable matching, in both directions, computed by the database.

Hard requirements come first: a profile below a required language credential, without a
required skill, or unavailable in the dates is filtered out in SQL and never listed.  The
rest is ranked by one score, also computed in SQL, whose parts are returned with every
result (``Match.points``) together with the items met and missing (``Match.items``):

=====================  ======  =================================================
criterion              points  how
=====================  ======  =================================================
preferred skills       30      share of the preferred skills held
field                  20      the profile works in the need's or task's field
place                  20      remote or same place 20, same region 15,
                               willing to travel 10, same country 5
preferred languages    15      share of preferred language credentials held
past ratings           10      average rating × 2 (no rating yet counts as 3)
current load            5      5 × free share of the rotation cap; 0 at the cap
=====================  ======  =================================================

Ties are broken by profile id, so results are deterministic.  Nothing is assigned: the
organisation shortlists from the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _

from amur.talent import levels
from amur.talent.enums import CredentialSkill, EquivalenceTable, TaskStatus
from amur.talent.models import LanguageCredential, Need, Profile, Requirement, Skill, Task

WEIGHTS = {
    "preferred_skills": 30,
    "field": 20,
    "place": 20,
    "preferred_languages": 15,
    "ratings": 10,
    "load": 5,
}
NEUTRAL_RATING = 3
# A certificate of overall level also vouches for the four skills; translation and
# interpreting need a credential of their own.
SPECIALISED = (CredentialSkill.TRANSLATION.value, CredentialSkill.INTERPRETING.value)


def covering_skills(skill: str) -> list[str]:
    """The credential skills that satisfy a requirement for ``skill``."""
    if skill in SPECIALISED or skill == CredentialSkill.OVERALL:
        return [skill]
    return [skill, CredentialSkill.OVERALL.value]


def level_column(table: str) -> str:
    return "level_teachers" if table == EquivalenceTable.TEACHERS else "level_official"


def table_for(organisation_id: int) -> str:
    """The HSK equivalence table the organisation trusts (official unless it chose)."""
    from amur.talent.models import OrganisationPreference

    chosen = (
        OrganisationPreference.objects.filter(organisation_id=organisation_id)
        .values_list("table", flat=True)
        .first()
    )
    return chosen or EquivalenceTable.OFFICIAL.value


def credential_holds(requirement: Requirement, table: str, person_ref="person_id") -> Exists:
    """EXISTS a credential of the person meeting ``requirement`` by ``table``."""
    return Exists(
        LanguageCredential.objects.filter(
            person_id=OuterRef(person_ref),
            language=requirement.language,
            skill__in=covering_skills(requirement.skill),
            **{f"{level_column(table)}__gte": requirement.min_level},
        )
    )


def best_level(language: str, skill: str, table: str) -> Subquery:
    column = level_column(table)
    return Subquery(
        LanguageCredential.objects.filter(
            person_id=OuterRef("person_id"), language=language, skill__in=covering_skills(skill)
        )
        .order_by(f"-{column}")
        .values(column)[:1]
    )


def load_subquery() -> Coalesce:
    active = (
        Task.objects.filter(assignee_id=OuterRef("pk"), status__in=TaskStatus.active())
        .order_by()
        .values("assignee_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(active, output_field=IntegerField()), Value(0))


@dataclass
class Item:
    """One requirement or preference and whether the profile meets it."""

    criterion: str
    label: str
    met: bool
    required: bool = False


@dataclass
class Match:
    profile: Profile
    score: float
    points: dict[str, float]
    items: list[Item] = field(default_factory=list)
    load: int = 0

    @property
    def met(self) -> list[Item]:
        return [i for i in self.items if i.met]

    @property
    def missing(self) -> list[Item]:
        return [i for i in self.items if not i.met]


@dataclass
class Spec:
    """What a need or a task asks, in the shape matching reads."""

    organisation_id: int
    requirements: list[Requirement]
    required_skills: list[Skill]
    preferred_skills: list[Skill]
    field_id: int | None
    place: object | None
    remote: bool
    start: date | None
    end: date | None


def spec_of(obj: Need | Task) -> Spec:
    requirements = list(obj.requirements.all())
    if isinstance(obj, Need):
        required = list(obj.required_skills.all())
        preferred = list(obj.preferred_skills.all())
        remote = obj.remote
    else:
        required, preferred, remote = [], [], obj.online
    return Spec(
        organisation_id=obj.organisation_id,
        requirements=requirements,
        required_skills=required,
        preferred_skills=preferred,
        field_id=obj.field_id,
        place=obj.place,
        remote=remote,
        start=obj.start,
        end=obj.end,
    )


def _available(spec: Spec) -> Q:
    condition = Q()
    if spec.start:
        condition &= Q(available_from__isnull=True) | Q(available_from__lte=spec.start)
    if spec.end or spec.start:
        until = spec.end or spec.start
        condition &= Q(available_until__isnull=True) | Q(available_until__gte=until)
    return condition


def _place_points(spec: Spec):
    if spec.remote or spec.place is None:
        return Value(WEIGHTS["place"], output_field=IntegerField())
    place = spec.place
    whens = [When(place_id=place.pk, then=Value(20))]
    if place.parent_id:
        whens.append(When(place__parent_id=place.parent_id, then=Value(15)))
    whens.append(When(willing_to_travel=True, then=Value(10)))
    whens.append(When(place__country_code=place.country_code, then=Value(5)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def qualifying(spec: Spec, profiles: QuerySet[Profile], table: str) -> QuerySet[Profile]:
    """``profiles`` that meet every hard requirement of ``spec`` (one SQL query)."""
    qs = profiles.filter(_available(spec))
    for requirement in spec.requirements:
        if requirement.required:
            qs = qs.filter(credential_holds(requirement, table))
    for skill in spec.required_skills:
        qs = qs.filter(
            Exists(Profile.skills.through.objects.filter(profile_id=OuterRef("pk"), skill=skill))
        )
    return qs


def ranked(spec: Spec, profiles: QuerySet[Profile], table: str) -> QuerySet[Profile]:
    """Qualifying profiles annotated with every score part and ordered by the score."""
    qs = qualifying(spec, profiles, table)
    annotations: dict = {}
    preferred = [r for r in spec.requirements if not r.required]
    for i, requirement in enumerate(spec.requirements):
        if requirement.required:
            annotations[f"req_{i}"] = best_level(requirement.language, requirement.skill, table)
        else:
            annotations[f"pref_{i}"] = credential_holds(requirement, table)
    for skill in spec.preferred_skills:
        annotations[f"skill_{skill.pk}"] = Exists(
            Profile.skills.through.objects.filter(profile_id=OuterRef("pk"), skill_id=skill.pk)
        )
    if spec.field_id:
        annotations["in_field"] = Exists(
            Profile.fields.through.objects.filter(
                profile_id=OuterRef("pk"), fieldofexchange_id=spec.field_id
            )
        )
    qs = qs.annotate(**annotations, current_load=load_subquery())

    def share(names: list[str], weight: int):
        if not names:
            return Value(float(weight), output_field=FloatField())
        held = sum(
            (Case(When(**{n: True}, then=Value(1)), default=Value(0)) for n in names),
            Value(0),
        )
        return Cast(held, FloatField()) * weight / len(names)

    skill_names = [f"skill_{s.pk}" for s in spec.preferred_skills]
    pref_names = [f"pref_{i}" for i, r in enumerate(spec.requirements) if not r.required]
    field_points = (
        Case(When(in_field=True, then=Value(20.0)), default=Value(0.0), output_field=FloatField())
        if spec.field_id
        else Value(20.0, output_field=FloatField())
    )
    rating_points = Cast(Coalesce(F("rating_average"), Value(NEUTRAL_RATING)), FloatField()) * 2
    load_points = Case(
        When(current_load__gte=F("max_concurrent"), then=Value(0.0)),
        default=Value(5.0)
        - Cast(F("current_load"), FloatField()) * 5 / Cast(F("max_concurrent"), FloatField()),
        output_field=FloatField(),
    )
    qs = qs.annotate(
        p_preferred_skills=share(skill_names, WEIGHTS["preferred_skills"]),
        p_field=field_points,
        p_place=Cast(_place_points(spec), FloatField()),
        p_preferred_languages=share(pref_names, WEIGHTS["preferred_languages"])
        if preferred
        else Value(float(WEIGHTS["preferred_languages"]), output_field=FloatField()),
        p_ratings=rating_points,
        p_load=load_points,
    ).annotate(
        score=F("p_preferred_skills")
        + F("p_field")
        + F("p_place")
        + F("p_preferred_languages")
        + F("p_ratings")
        + F("p_load")
    )
    return qs.order_by("-score", "id")


def _explain(spec: Spec, row: Profile, table: str) -> Match:
    items: list[Item] = []
    for i, requirement in enumerate(spec.requirements):
        label = requirement_label(requirement)
        if requirement.required:
            have = getattr(row, f"req_{i}")
            shown = levels.CEFR_LABELS[have] if have is not None else "—"
            items.append(Item("language", f"{label} ({shown})", True, required=True))
        else:
            items.append(Item("language", label, bool(getattr(row, f"pref_{i}"))))
    for skill in spec.required_skills:
        items.append(Item("skill", skill.name_en, True, required=True))
    for skill in spec.preferred_skills:
        items.append(Item("skill", skill.name_en, bool(getattr(row, f"skill_{skill.pk}"))))
    if spec.start or spec.end:
        items.append(Item("dates", _("available in the dates"), True, required=True))
    if spec.field_id:
        items.append(Item("field", _("works in the field"), bool(row.in_field)))
    if not spec.remote and spec.place is not None:
        items.append(Item("place", _("place or willing to travel"), row.p_place > 0))
    items.append(Item("load", _("below the rotation cap"), row.current_load < row.max_concurrent))
    points = {name: round(getattr(row, f"p_{name}"), 2) for name in WEIGHTS}
    return Match(
        profile=row, score=round(row.score, 2), points=points, items=items, load=row.current_load
    )


def requirement_label(requirement: Requirement) -> str:
    skill = CredentialSkill(requirement.skill).label
    return f"{requirement.language} {skill} ≥ {levels.CEFR_LABELS[requirement.min_level]}"


def candidates_for(
    obj: Need | Task, profiles: QuerySet[Profile], *, limit: int = 50
) -> list[Match]:
    """The best ``limit`` of ``profiles`` for a need or task, each with its explanation.

    ``profiles`` is already restricted to what the viewer may see (the selector's job).
    """
    spec = spec_of(obj)
    table = table_for(spec.organisation_id)
    rows = ranked(spec, profiles.select_related("person", "place"), table)[:limit]
    return [_explain(spec, row, table) for row in rows]


def match_one(obj: Need | Task, profile: Profile, *, table: str | None = None) -> Match | None:
    """The match of one profile, or None when it fails a hard requirement; ``table`` is
    the organisation's HSK table when the caller already knows it."""
    spec = spec_of(obj)
    table = table or table_for(spec.organisation_id)
    row = ranked(spec, Profile.objects.filter(pk=profile.pk), table).first()
    return _explain(spec, row, table) if row is not None else None


def qualifies(obj: Need | Task, profile: Profile) -> bool:
    spec = spec_of(obj)
    table = table_for(spec.organisation_id)
    return qualifying(spec, Profile.objects.filter(pk=profile.pk), table).exists()


def openings_for(profile: Profile, needs: QuerySet[Need], tasks: QuerySet[Task], *, limit=20):
    """Needs and tasks ``profile`` qualifies for, each with its explanation, best first.

    Each opening is ranked by its own query (its requirements are its SQL); what a spec
    reads of the opening is fetched with the list, and each organisation's table once."""
    needs = needs.select_related("organisation", "place").prefetch_related(
        "requirements", "required_skills", "preferred_skills"
    )
    tasks = tasks.select_related("organisation", "place").prefetch_related("requirements")
    tables: dict[int, str] = {}
    results: list[tuple[Need | Task, Match]] = []
    for obj in list(needs[:200]) + list(tasks[:200]):
        if obj.organisation_id not in tables:
            tables[obj.organisation_id] = table_for(obj.organisation_id)
        match = match_one(obj, profile, table=tables[obj.organisation_id])
        if match is not None:
            results.append((obj, match))
    results.sort(key=lambda pair: (-pair[1].score, pair[0]._meta.model_name, pair[0].pk))
    return results[:limit]
