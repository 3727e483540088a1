# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of the resources: search with facets, a resource with its versions, the sharing
flows, files served under the resource's audience and licence, and the termbase."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.core import phrases
from amur.core.errors import refusal_message, refusals_shown
from amur.core.exports import table_response
from amur.core.permissions import EDITOR, check, organisations_acting_for
from amur.directory.models import Organisation
from amur.resources import metadata, selectors, services, termbase
from amur.resources.enums import LICENCE_URL, ConceptStatus, Licence
from amur.resources.forms import (
    AdoptForm,
    ConceptForm,
    ProposeForm,
    RateForm,
    ResourceFilterForm,
    ResourceForm,
    RevisionForm,
    TermbaseImportForm,
    TranslationForm,
    VersionForm,
)
from amur.talent.selectors import tasks_visible_to


def _my_organisations(user):
    """Where ``user`` acts as an editor (every organisation for staff)."""
    return organisations_acting_for(user, EDITOR).order_by("name_en")


def _facet_rows(counts) -> list[tuple[str, str, list]]:
    """Each facet as (parameter, heading, [(value, label, count)]) for the page."""
    from amur.core.enums import Language
    from amur.core.i18n import localised_text
    from amur.core.models import FieldOfExchange
    from amur.resources.enums import Audience, EducationalRole, ResourceKind
    from amur.resources.forms import ResourceFilterForm as F

    fields = {f.key: localised_text(f, "name") for f in FieldOfExchange.objects.all()}
    labels = {
        "kind": dict(ResourceKind.choices),
        "field": fields,
        "language": dict(Language.choices),
        "role": dict(EducationalRole.choices),
        "licence": dict(Licence.choices),
        "audience": dict(Audience.choices),
        "eqf_level": {n: f"EQF {n}" for n in range(1, 9)},
    }
    rows = []
    for name, label_of in labels.items():
        values = [(v, label_of.get(v, v), n) for v, n in counts[name].most_common()]
        if values:
            rows.append((name, F.base_fields[name].label, values))
    return rows


def index(request):
    form = ResourceFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else {}
    resources = selectors.resources_search(request.user, filters.pop("q", None), **filters)
    page = Paginator(resources.order_by("-published_at", "-id"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "resources/index.html",
        {
            "form": form,
            "page": page,
            "facets": _facet_rows(selectors.facet_counts(resources)),
            "can_create": _my_organisations(request.user).exists(),
        },
    )


def detail(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    user = request.user
    versions = selectors.versions_of(resource, user)
    published = [v for v in versions if v.status == "published"]
    mine = _my_organisations(user).exclude(pk=resource.organisation_id)
    owner_side = user.has_perm("resources.change_resource", resource)
    proposals = resource.proposals.select_related("organisation", "source", "version", "task")
    if not owner_side:
        proposals = proposals.filter(organisation__in=mine)
    proposals = list(proposals)
    # A talent task's page is the proposer's; link to it only for those who may see it.
    seen_tasks = set(
        tasks_visible_to(user)
        .filter(pk__in=[p.task_id for p in proposals if p.task_id])
        .values_list("pk", flat=True)
    )
    for proposal in proposals:
        proposal.task_seen = proposal.task_id in seen_tasks
        proposal.awaits_translation = proposal.status in ("proposed", "in_translation") and (
            proposal.task is None or proposal.task.status in ("delivered", "reviewed", "cancelled")
        )
    return render(
        request,
        "resources/detail.html",
        {
            "resource": resource,
            "versions": versions,
            "owner_side": owner_side,
            "may_download": user.has_perm("resources.download_resource", resource),
            "licence_url": LICENCE_URL.get(resource.licence, ""),
            "adoptions": resource.adoptions.select_related("organisation"),
            "rating": selectors.rating_summary(resource),
            "proposals": proposals,
            "adopt_form": AdoptForm(organisations=mine) if mine else None,
            "propose_form": ProposeForm(organisations=_my_organisations(user), versions=published)
            if published and user.is_authenticated
            else None,
            "rate_form": RateForm() if user.has_perm("resources.rate_resource", resource) else None,
            "version_form": VersionForm(versions=versions) if owner_side else None,
            "revision_form": RevisionForm() if owner_side else None,
            "translation_form": TranslationForm(),
        },
    )


@login_required
def create(request):
    owners = _my_organisations(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = ResourceForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["organisation"]
        check(request.user, "resources.create_resource", owner)
        try:
            resource = services.resource_create(
                organisation=owner, by=request.user, **form.service_data()
            )
        except services.ResourcesError as exc:
            refusal_message(request, exc)
        except ValidationError as exc:  # the model's limits, checked by the service
            form.add_error(None, exc.messages)
        else:
            messages.success(request, phrases.SAVED)
            return redirect("resources:detail", pk=resource.pk)
    return render(request, "resources/form.html", {"form": form, "resource": None})


@login_required
def edit(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    check(request.user, "resources.change_resource", resource)
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        partners = data.pop("partners")
        resource.refresh_from_db()  # the form wrote into the instance; the service decides
        try:
            services.resource_update(resource=resource, by=request.user, partners=partners, **data)
        except services.ResourcesError as exc:
            refusal_message(request, exc)
        except ValidationError as exc:  # the model's limits, checked by the service
            form.add_error(None, exc.messages)
        else:
            messages.success(request, phrases.SAVED)
            return redirect("resources:detail", pk=resource.pk)
    return render(request, "resources/form.html", {"form": form, "resource": resource})


def _back(resource_pk: int):
    return redirect("resources:detail", pk=resource_pk)


def _form_refused(request, form) -> None:
    """A form of the resource's page that is not re-rendered: its errors (a value of the
    wrong type; the rules are the service's) are shown as messages on the page."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


@login_required
@require_POST
def publish(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    check(request.user, "resources.change_resource", resource)
    with refusals_shown(request):
        if request.POST.get("withdraw"):
            services.resource_withdraw(resource=resource, by=request.user)
        else:
            services.resource_publish(resource=resource, by=request.user)
    return _back(pk)


@login_required
@require_POST
def version_add(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    check(request.user, "resources.change_resource", resource)
    versions = list(resource.versions.all())
    form = VersionForm(request.POST, request.FILES, versions=versions)
    if not form.is_valid():
        messages.error(
            request, _("Check the version's fields: %(errors)s") % {"errors": form.errors.as_text()}
        )
        return _back(pk)
    data = form.cleaned_data
    source = next((v for v in versions if str(v.pk) == data["translated_from"]), None)
    with refusals_shown(request):
        from django.db import transaction

        with transaction.atomic():
            version = services.version_add(
                resource=resource,
                language=data["language"],
                title=data["title"],
                description=data["description"],
                translated_from=source,
                translator=data["translator"],
                by=request.user,
            )
            services.revision_add(
                version=version,
                by=request.user,
                upload=data["file"],
                url=data["url"],
                note=data["note"],
            )
        messages.success(request, phrases.SAVED)
    return _back(pk)


@login_required
@require_POST
def revision_add(request, pk: int):
    version = selectors.version_get_for(request.user, pk=pk)
    resource = version.resource
    check(request.user, "resources.change_resource", resource)
    form = RevisionForm(request.POST, request.FILES)
    if form.is_valid():
        with refusals_shown(request):
            services.revision_add(
                version=version,
                by=request.user,
                upload=form.cleaned_data["file"],
                url=form.cleaned_data["url"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, phrases.SAVED)
    return _back(resource.pk)


def _file_response(revision, *, inline: bool):
    resource = revision.version.resource
    response = FileResponse(
        revision.file.open("rb"),
        content_type=revision.content_type,
        as_attachment=not inline,
        filename=f"resource-{resource.pk}-{revision.version.language}-r{revision.number}."
        f"{revision.extension}",
    )
    # The licence travels with the file: a Link header to it and the attribution.
    if LICENCE_URL.get(resource.licence):
        response["Link"] = f'<{LICENCE_URL[resource.licence]}>; rel="license"'
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


def download(request, pk: int):
    """A revision's file as an attachment: the audience sees it, the licence lets them take a
    copy, and the owner's own terms are accepted first."""
    revision = selectors.revision_get_for(request.user, pk)
    resource = revision.version.resource
    if not revision.file:
        return redirect(revision.url)
    check(request.user, "resources.download_resource", resource)
    if (
        resource.licence == Licence.OWN_TERMS
        and not selectors.is_owner_side(request.user, resource)
        and request.GET.get("accept") != "1"
    ):
        return render(request, "resources/terms.html", {"resource": resource, "revision": revision})
    return _file_response(revision, inline=False)


def preview(request, pk: int):
    """A PDF or an image shown in the browser to anyone in the audience."""
    revision = selectors.revision_get_for(request.user, pk)
    check(request.user, "resources.view_resource", revision.version.resource)
    if not revision.file or not revision.previewable:
        raise Http404
    return _file_response(revision, inline=True)


def metadata_view(request, pk: int):
    """The resource's Dublin Core / LRMI record, with its licence and attribution."""
    resource = selectors.resource_get_for(request.user, pk)
    if request.GET.get("format") == "json":
        from django.http import JsonResponse

        return JsonResponse(metadata.lrmi(resource), json_dumps_params={"ensure_ascii": False})
    return HttpResponse(metadata.dublin_core_xml(resource), content_type="application/xml")


def package(request, pk: int):
    """The resource as a ZIP package: a manifest, its metadata and the files one may copy."""
    resource = selectors.resource_get_for(request.user, pk)
    data = metadata.package(resource, request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="resource-{resource.pk}.zip"'
    return response


@login_required
@require_POST
def adopt(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    form = AdoptForm(request.POST, organisations=_my_organisations(request.user))
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        check(request.user, "resources.act_for", organisation)
        with refusals_shown(request):
            services.adoption_record(
                resource=resource,
                organisation=organisation,
                by=request.user,
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("The adoption is recorded."))
    else:
        raise PermissionDenied
    return _back(pk)


@login_required
@require_POST
def rate(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    check(request.user, "resources.rate_resource", resource)
    form = RateForm(request.POST)
    if not form.is_valid():  # stars that are not a number
        _form_refused(request, form)
        return _back(pk)
    with refusals_shown(request):
        services.rating_set(resource=resource, user=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for rating."))
    return _back(pk)


@login_required
@require_POST
def propose(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    versions = [v for v in selectors.versions_of(resource, request.user) if v.status == "published"]
    form = ProposeForm(
        request.POST, organisations=_my_organisations(request.user), versions=versions
    )
    if not form.is_valid():
        raise PermissionDenied
    data = form.cleaned_data
    check(request.user, "resources.act_for", data["organisation"])
    source = next(v for v in versions if str(v.pk) == data["source"])
    with refusals_shown(request):
        services.translation_propose(
            resource=resource,
            organisation=data["organisation"],
            language=data["language"],
            source=source,
            by=request.user,
            note=data["note"],
        )
        messages.success(request, _("The translation is proposed."))
    return _back(pk)


@login_required
@require_POST
def translation_submit(request, pk: int):
    proposal = selectors.proposal_get_for(request.user, pk=pk)
    check(request.user, "resources.act_for", proposal.organisation)
    form = TranslationForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_refused(request, form)
    else:
        data = form.cleaned_data
        with refusals_shown(request):
            services.translation_submit(
                proposal=proposal,
                by=request.user,
                title=data["title"],
                translator=data["translator"],
                upload=data["file"],
                url=data["url"],
            )
            messages.success(request, _("The translation is submitted for review."))
    return _back(proposal.resource_id)


@login_required
@require_POST
def translation_review(request, pk: int):
    proposal = selectors.proposal_get_for(request.user, pk=pk)
    check(request.user, "resources.review_translation", proposal.resource)
    with refusals_shown(request):
        services.translation_review(
            proposal=proposal,
            by=request.user,
            accept=request.POST.get("accept") == "1",
            reason=request.POST.get("reason", ""),
        )
    return _back(proposal.resource_id)


def reports(request):
    from amur.resources import reports as report_data

    return render(request, "resources/reports.html", report_data.summary())


# Termbase ---------------------------------------------------------------------------------


def termbase_index(request):
    query = request.GET.get("q", "")
    field = request.GET.get("field") or None
    status = request.GET.get("status") or None
    concepts = selectors.concepts_search(query, field=field, status=status)
    page = Paginator(concepts, 50).get_page(request.GET.get("page"))
    from amur.core.models import FieldOfExchange

    return render(
        request,
        "resources/termbase.html",
        {
            "page": page,
            "query": query,
            "fields": FieldOfExchange.objects.all(),
            "field": field,
            "status": status,
            "statuses": ConceptStatus.choices,
            "can_edit": _my_organisations(request.user).exists(),
        },
    )


def concept_detail(request, pk: int):
    concept = selectors.concept_get_for(request.user, pk=pk)
    return render(
        request,
        "resources/concept.html",
        {
            "concept": concept,
            "may_edit": request.user.has_perm("resources.change_concept", concept),
            "may_approve": concept.status != ConceptStatus.APPROVED
            and request.user.has_perm("resources.approve_concept", concept),
        },
    )


@login_required
def concept_edit(request, pk: int | None = None):
    concept = selectors.concept_get_for(request.user, pk=pk) if pk else None
    if concept is not None:
        check(request.user, "resources.change_concept", concept)
    organisations = _my_organisations(request.user)
    if concept is None and not organisations.exists():
        raise PermissionDenied
    initial = {}
    if concept is not None:
        initial = {
            "organisation": concept.organisation,
            "field": concept.field,
            "source": concept.source,
            "note": concept.note,
            **{f"definition_{c}": getattr(concept, f"definition_{c}") for c in ["zh", "ru", "en"]},
            **{
                f"terms_{c}": "\n".join(t.text for t in concept.terms.all() if t.language == c)
                for c in ["zh", "ru", "en"]
            },
        }
        first = concept.terms.first()
        initial["part_of_speech"] = first.part_of_speech if first else ""
        organisations = Organisation.objects.filter(pk=concept.organisation_id)
    form = ConceptForm(request.POST or None, initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check(request.user, "resources.change_concept", data["organisation"])
        with refusals_shown(request):
            concept = termbase.concept_save(
                concept=concept,
                organisation=data["organisation"],
                by=request.user,
                terms=form.terms(),
                field=data["field"],
                definition_zh=data["definition_zh"],
                definition_ru=data["definition_ru"],
                definition_en=data["definition_en"],
                source=data["source"],
                note=data["note"],
            )
            messages.success(request, phrases.SAVED)
            return redirect("resources:concept", pk=concept.pk)
    return render(request, "resources/concept_form.html", {"form": form, "concept": concept})


@login_required
@require_POST
def concept_approve(request, pk: int):
    concept = selectors.concept_get_for(request.user, pk=pk)
    check(request.user, "resources.approve_concept", concept)
    with refusals_shown(request):
        termbase.concept_approve(concept=concept, by=request.user)
    return redirect("resources:concept", pk=pk)


@login_required
def termbase_import(request):
    organisations = _my_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = TermbaseImportForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        check(request.user, "resources.act_for", organisation)
        upload = form.cleaned_data["file"]
        data = upload.read()
        reader = (
            termbase.termbase_import_csv
            if upload.name.lower().endswith(".csv")
            else termbase.termbase_import_tbx
        )
        with refusals_shown(request):
            result = reader(
                organisation=organisation,
                data=data,
                by=request.user,
                may_approve=request.user.has_perm("resources.approve_concept", organisation),
            )
            messages.success(request, _("Imported: %(created)s new, %(updated)s updated.") % result)
            return redirect("resources:termbase")
    return render(request, "resources/termbase_import.html", {"form": form})


def termbase_export(request, fmt: str):
    concepts = selectors.concepts_search(
        request.GET.get("q", ""),
        field=request.GET.get("field") or None,
        status=request.GET.get("status") or None,
    )
    if fmt == "tbx":
        response = HttpResponse(
            termbase.termbase_export_tbx(concepts), content_type="application/x-tbx+xml"
        )
        response["Content-Disposition"] = 'attachment; filename="amur-termbase.tbx"'
        return response
    if fmt in ("csv", "xlsx"):
        return table_response(
            "amur-termbase", termbase.CSV_COLUMNS, termbase.termbase_export_csv_rows(concepts), fmt
        )
    raise Http404
