# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of the resources: who sees what, search in any script with facets, the termbase."""

from __future__ import annotations

from collections import Counter

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from amur.core.permissions import user_roles
from amur.core.search import search_filter
from amur.resources.enums import (
    PREVIEW_ONLY,
    Audience,
    ConceptStatus,
    PartOfSpeech,
    ResourceStatus,
    TermStatus,
)
from amur.resources.models import (
    Concept,
    Resource,
    ResourceVersion,
    Revision,
    Term,
    TranslationProposal,
)


def _active_member_of_alliance(org_ids) -> Exists:
    from amur.alliances.enums import MembershipStatus
    from amur.alliances.models import Membership

    return Exists(
        Membership.objects.filter(
            alliance_id=OuterRef("alliance_id"),
            organisation_id__in=org_ids,
            status=MembershipStatus.ACTIVE,
        )
    )


def _partner_of(org_ids) -> Exists:
    return Exists(
        Resource.partners.through.objects.filter(
            resource_id=OuterRef("pk"), organisation_id__in=org_ids
        )
    )


def audience_condition(org_ids) -> Q:
    """Published resources whose audience includes any of the organisations ``org_ids``
    (an empty list: the anonymous public)."""
    reach = Q(audience=Audience.PUBLIC)
    if org_ids:
        reach |= Q(audience=Audience.ALLIANCE) & _active_member_of_alliance(org_ids)
        reach |= Q(audience=Audience.PARTNERS) & _partner_of(org_ids)
    return Q(status=ResourceStatus.PUBLISHED) & reach


def resource_is_public(resource: Resource) -> bool:
    """Published for everyone: what the anonymous public and OAI-PMH harvesters see."""
    return resource.status == ResourceStatus.PUBLISHED and resource.audience == Audience.PUBLIC


def resources_harvestable() -> QuerySet[Resource]:
    """What the OAI-PMH endpoint lists: the public resources, and those once public that
    are withdrawn or shared more narrowly now (listed as deleted; see ``resource_is_public``)."""
    return Resource.objects.select_related("organisation", "field").filter(
        audience_condition([]) | Q(offered_at__isnull=False)
    )


def resources_visible_to(user) -> QuerySet[Resource]:
    """What ``user`` may see: published resources within their audience, and every resource
    of their own organisations (drafts included); staff see all."""
    qs = Resource.objects.select_related("organisation", "field", "alliance")
    if getattr(user, "is_staff", False):
        return qs
    org_ids = list(user_roles(user))
    condition = audience_condition(org_ids)
    if org_ids:
        condition |= Q(organisation_id__in=org_ids)
    return qs.filter(condition)


def resource_visible_to_organisation(resource: Resource, organisation) -> bool:
    """Whether ``organisation`` is within the resource's audience (or owns it)."""
    if resource.organisation_id == organisation.pk:
        return True
    return Resource.objects.filter(audience_condition([organisation.pk]), pk=resource.pk).exists()


def resource_get_for(user, pk: int) -> Resource:
    """The resource if ``user`` may see it; 404 otherwise (existence is not revealed)."""
    try:
        return resources_visible_to(user).get(pk=pk)
    except Resource.DoesNotExist:
        raise Http404 from None


def is_owner_side(user, resource: Resource) -> bool:
    return getattr(user, "is_staff", False) or resource.organisation_id in user_roles(user)


def may_take_copy(user, resource: Resource) -> bool:
    """Downloads: the licence decides for the audience; the owner's people always may."""
    return is_owner_side(user, resource) or resource.licence not in PREVIEW_ONLY


def versions_of(resource: Resource, user) -> list[ResourceVersion]:
    """The language versions ``user`` may see with their revisions, newest first:
    unpublished ones only for the owner's side."""
    qs = resource.versions.select_related("translated_from").prefetch_related(
        Prefetch("revisions", queryset=Revision.objects.order_by("-number"))
    )
    if not is_owner_side(user, resource):
        qs = qs.filter(status="published")
    return list(qs)


def revision_get_for(user, pk: int) -> Revision:
    """A revision of a visible resource's visible version; 404 otherwise."""
    revision = Revision.objects.select_related("version", "version__resource").filter(pk=pk).first()
    if revision is None:
        raise Http404
    resource = resource_get_for(user, revision.version.resource_id)
    if revision.version.status != "published" and not is_owner_side(user, resource):
        raise Http404
    revision.version.resource = resource
    return revision


def version_get_for(
    user, *, pk, resource: Resource | None = None, published_only: bool = False
) -> ResourceVersion:
    """A language version of a visible resource (of ``resource`` when given, then only
    published ones if ``published_only``); an unpublished version only for the owner's
    side, as ``versions_of`` lists them; 404 otherwise.  ``version.resource`` is the
    resource as ``resource_get_for`` found it."""
    qs = ResourceVersion.objects.filter(pk=pk)
    if resource is not None:
        qs = qs.filter(resource=resource)
    if published_only:
        qs = qs.filter(status="published")
    version = qs.first()
    if version is None:
        raise Http404
    found = resource or resource_get_for(user, version.resource_id)
    if version.status != "published" and not is_owner_side(user, found):
        raise Http404
    version.resource = found
    return version


def proposal_get_for(user, *, pk: int) -> TranslationProposal:
    """A translation proposal of a visible resource, with the proposing organisation;
    ``proposal.resource`` is the resource as ``resource_get_for`` found it; 404 otherwise."""
    proposal = TranslationProposal.objects.select_related("organisation").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    proposal.resource = resource_get_for(user, proposal.resource_id)
    return proposal


def concept_get_for(user, *, pk: int) -> Concept:
    """A termbase entry with its terms (the termbase is public); 404 when there is none."""
    concept = concepts_search().filter(pk=pk).first()
    if concept is None:
        raise Http404
    return concept


FACETS = ("kind", "field", "eqf_level", "licence", "audience", "language", "role")


def resources_search(
    user,
    query: str | None = None,
    *,
    kind: str | None = None,
    field: str | None = None,
    eqf_level: int | None = None,
    level: str | None = None,
    isced: str | None = None,
    language: str | None = None,
    role: str | None = None,
    licence: str | None = None,
    audience: str | None = None,
    organisation: int | None = None,
    max_minutes: int | None = None,
) -> QuerySet[Resource]:
    """Visible resources matching a query in any script (core's search keys) and facets."""
    qs = resources_visible_to(user)
    if query:
        qs = qs.filter(search_filter(query))
    if kind:
        qs = qs.filter(kind=kind)
    if field:
        qs = qs.filter(field__key=field)
    if eqf_level:
        qs = qs.filter(eqf_level=eqf_level)
    if level:
        qs = qs.filter(Q(level_cn=level) | Q(level_ru=level))
    if isced:
        qs = qs.filter(isced_code__startswith=isced)
    if language:
        qs = qs.filter(languages__contains=f"|{language}|")
    if role:
        qs = qs.filter(roles__contains=f"|{role}|")
    if licence:
        qs = qs.filter(licence=licence)
    if audience:
        qs = qs.filter(audience=audience)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    if max_minutes:
        qs = qs.filter(learning_minutes__lte=max_minutes)
    return qs


def facet_counts(qs: QuerySet[Resource]) -> dict[str, Counter]:
    """For every facet, how many of ``qs`` have each value (two queries in all)."""
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    rows = qs.values_list(
        "kind", "field__key", "eqf_level", "licence", "audience", "languages", "roles"
    )
    for kind, field, eqf, licence, audience, languages, roles in rows:
        counts["kind"][kind] += 1
        if field:
            counts["field"][field] += 1
        if eqf:
            counts["eqf_level"][eqf] += 1
        counts["licence"][licence] += 1
        counts["audience"][audience] += 1
        for code in filter(None, languages.split("|")):
            counts["language"][code] += 1
        for code in filter(None, roles.split("|")):
            counts["role"][code] += 1
    return counts


def rating_summary(resource: Resource) -> dict:
    return resource.ratings.aggregate(average=Avg("stars"), count=Count("id"))


def concepts_search(
    query: str | None = None,
    *,
    field: str | None = None,
    status: str | None = None,
    organisation: int | None = None,
) -> QuerySet[Concept]:
    """Termbase entries matching a term or definition in any script."""
    qs = Concept.objects.select_related("field", "organisation").prefetch_related(
        Prefetch("terms", queryset=Term.objects.order_by("language", "position", "id"))
    )
    if query:
        qs = qs.filter(search_filter(query))
    if field:
        qs = qs.filter(field__key=field)
    if status:
        qs = qs.filter(status=status)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    return qs


def approved_terms(field_key: str | None) -> list[dict]:
    """The approved concepts of a field as ``{"zh": [...], "ru": [...], "en": [...]}`` rows:
    what a translator working on a text of that field should use."""
    concepts = concepts_search(field=field_key, status=ConceptStatus.APPROVED)
    rows = []
    for concept in concepts:
        row: dict = {"entry_id": concept.entry_id, "zh": [], "ru": [], "en": []}
        for term in concept.terms.all():
            row[term.language].append(term.text)
        rows.append(row)
    return rows


# For the talent module's translation tasks --------------------------------------------------

# Terms a translator should not use, though the termbase records them.
AVOIDED = (TermStatus.DEPRECATED, TermStatus.SUPERSEDED)


def task_glossary(field_key: str | None, source_language: str, target_language: str) -> list[dict]:
    """The approved terms of a field from one language into another, for a translator:
    rows ``{"entry_id", "source", "target", "part_of_speech", "part_of_speech_label"}``
    (terms joined by " / ", deprecated and superseded ones left out; the part of speech
    as its TBX code and as a label in the active language), one per concept that has
    terms in both languages. No field, no glossary."""
    if not field_key:
        return []
    rows = []
    for concept in concepts_search(field=field_key, status=ConceptStatus.APPROVED):
        terms = [t for t in concept.terms.all() if t.administrative_status not in AVOIDED]
        source = [t for t in terms if t.language == source_language]
        target = [t for t in terms if t.language == target_language]
        if not source or not target:
            continue
        pos = source[0].part_of_speech or target[0].part_of_speech
        rows.append(
            {
                "entry_id": concept.entry_id,
                "source": " / ".join(t.text for t in source),
                "target": " / ".join(t.text for t in target),
                "part_of_speech": pos,
                "part_of_speech_label": (
                    str(PartOfSpeech(pos).label) if pos in PartOfSpeech.values else ""
                ),
            }
        )
    return rows


def proposal_for_task(task, user) -> TranslationProposal | None:
    """The translation proposal a talent task was opened for, when ``user`` may see its
    resource (the task's page links back to it), or None."""
    proposal = (
        TranslationProposal.objects.select_related("resource", "source")
        .filter(task_id=task.pk)
        .first()
    )
    if proposal is None or not resources_visible_to(user).filter(pk=proposal.resource_id).exists():
        return None
    return proposal
